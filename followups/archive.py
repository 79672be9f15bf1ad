"""Closing a dialogue's dossier, what stays open after it, reopening, and late additions.

Closing shows a checklist first and needs a confirmation. Assignments still open are not
lost: the chairman carries them over, they stay open and reminded after the archive, and a
reply that comes later is added to the archive as an addendum with its own register entry;
the stored dossier stays as it was. The chairman may reopen an archived dialogue with a
written reason; closing it again stores a new version of the dossier beside the old one.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kesat_dialogue import audit, papers
from kesat_dialogue.models import PaperCode
from meetings.documents import people_of
from meetings.models import DialoguePlan, PlanStatus
from meetings.schedule import MilestoneKind
from opinions.models import Opinion, SynthesisReport

from . import documents, dossier
from .models import (
    Assignment,
    ConclusionNotice,
    Dossier,
    DossierAddendum,
    FollowupStep,
    Posting,
    Reply,
)


class ArchiveRefused(Exception):
    """What the user must do first, in Vietnamese."""


@dataclass
class Checklist:
    """What is not finished in a dialogue, shown before its dossier is closed."""

    open_assignments: list = field(default_factory=list)
    villages_not_posted: list = field(default_factory=list)
    unmerged_opinions: int = 0
    papers_missing: list = field(default_factory=list)

    @property
    def not_carried_over(self) -> list:
        """Open assignments nobody has taken care of: these alone stop the closing."""
        return [a for a in self.open_assignments if not a.is_carried_over]

    @property
    def all_done(self) -> bool:
        return not (
            self.open_assignments
            or self.villages_not_posted
            or self.unmerged_opinions
            or self.papers_missing
        )


def checklist(plan: DialoguePlan) -> Checklist:
    posted = Posting.objects.filter(plan=plan).values_list("village_id", flat=True)
    notice = ConclusionNotice.objects.filter(plan=plan).first()
    issued = {
        "Kế hoạch": plan.paper_id,
        "Báo cáo tổng hợp ý kiến của MTTQ": SynthesisReport.objects.filter(plan=plan).exists(),
        "Biên bản hội nghị": plan.meeting.minutes_id if hasattr(plan, "meeting") else None,
        "Thông báo kết luận": notice and notice.paper_id,
        "Báo cáo kết quả giải quyết": notice and notice.results_report_id,
    }
    return Checklist(
        open_assignments=list(
            Assignment.objects.filter(petition__plan=plan)
            .not_accepted()
            .select_related("petition", "unit")
            .order_by("due_date", "pk")
        ),
        villages_not_posted=list(plan.villages.exclude(pk__in=posted)),
        unmerged_opinions=Opinion.objects.filter(plan=plan).mergeable().count(),
        papers_missing=[name for name, done in issued.items() if not done],
    )


@transaction.atomic
def carry_over_open_assignments(*, plan: DialoguePlan, by) -> int:
    """The chairman keeps every open assignment followed after the archive."""
    waiting = list(
        Assignment.objects.filter(petition__plan=plan, carried_over_at__isnull=True)
        .not_accepted()
        .select_related("petition")
    )
    for assignment in waiting:
        assignment.carry_over(by=by)
        audit.step(
            assignment.petition,
            FollowupStep.CARRIED_OVER,
            user=by,
            note=f"{assignment.unit}: theo dõi tiếp sau khi lưu trữ hồ sơ.",
        )
    return len(waiting)


@transaction.atomic
def close(*, plan: DialoguePlan, by, confirmed: bool) -> Dossier:
    """Archive the dialogue: the dossier is built once and the plan becomes read-only."""
    if not confirmed:
        raise ArchiveRefused(
            "Chưa đóng hồ sơ: hãy xem danh sách kiểm tra rồi đánh dấu ô «Tôi đã xem danh sách "
            "kiểm tra và đồng ý đóng hồ sơ»."
        )
    waiting = checklist(plan).not_carried_over
    if waiting:
        raise ArchiveRefused(
            f"Chưa đóng hồ sơ: còn {len(waiting)} việc được giao chưa xong và chưa được Chủ "
            "tịch UBND xã cho theo dõi tiếp. Hãy đợi cơ quan trả lời, hoặc đề nghị Chủ tịch "
            "cho mang sang theo dõi tiếp."
        )
    version = (Dossier.objects.filter(plan=plan).aggregate(v=Max("version"))["v"] or 0) + 1
    content = dossier.build(plan, closed_at=timezone.now())
    record = Dossier.objects.create(
        plan=plan, version=version, content=content, sha256=dossier.sha256(content), closed_by=by
    )
    plan.status = PlanStatus.ARCHIVED
    plan.save(update_fields=["status", "updated_at"])
    milestone = plan.milestones.filter(kind=MilestoneKind.ARCHIVE).first()
    if milestone:
        milestone.mark_done(by=by)
    return record


@transaction.atomic
def reopen(*, plan: DialoguePlan, by, reason: str) -> None:
    """The chairman opens an archived dialogue again; the stored dossiers stay as they are."""
    reason = reason.strip()
    if not reason:
        raise ArchiveRefused("Hãy ghi lý do mở lại hồ sơ (ô «Lý do mở lại»).")
    plan.status = PlanStatus.ISSUED if plan.paper_id else PlanStatus.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    milestone = plan.milestones.filter(kind=MilestoneKind.ARCHIVE).first()
    if milestone:
        milestone.reopen()
    audit.step(plan, FollowupStep.REOPENED, user=by, note=reason)


def latest_dossier(plan: DialoguePlan) -> Dossier | None:
    return Dossier.objects.filter(plan=plan).defer("content").latest_first().first()


def late_replies(plan: DialoguePlan) -> list[Reply]:
    """Replies on carried-over assignments that came after the dossier was stored and are
    not yet added to the archive."""
    stored = latest_dossier(plan)
    if stored is None or not plan.is_closed:
        return []
    return list(
        Reply.objects.filter(
            assignment__petition__plan=plan,
            assignment__carried_over_at__isnull=False,
            replied_at__gt=stored.closed_at,
            addendum__isnull=True,
        )
        .select_related("assignment__petition", "assignment__unit", "replied_by")
        .order_by("replied_at", "pk")
    )


@transaction.atomic
def add_to_archive(*, reply: Reply, by) -> DossierAddendum:
    """A late reply joins the archive as a paper of its own in the register."""
    assignment = reply.assignment
    plan = assignment.plan
    if not (plan.is_closed and assignment.is_carried_over):
        raise ArchiveRefused("Chỉ bổ sung văn bản trả lời của việc mang sang sau khi lưu trữ.")
    if DossierAddendum.objects.filter(reply=reply).exists():
        raise ArchiveRefused("Văn bản trả lời này đã được bổ sung vào hồ sơ.")
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.REPORT,
        subject=documents.ADDENDUM_SUBJECT.format(people=people_of(plan)),
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        issued_by=by,
        cites=[papers.Fact(f"văn bản số {reply.letter_number}", reply.letter_date)],
        render=lambda stamp: documents.addendum_html(reply, stamp),
    )
    return DossierAddendum.objects.create(
        plan=plan, assignment=assignment, reply=reply, paper=paper
    )
