"""Writes of the follow-up: each records who did it, and completes its dated step."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kesat_dialogue import audit, notifications, papers, workdays
from kesat_dialogue.models import PaperCode, Role
from meetings.documents import people_of
from meetings.models import DialoguePlan
from meetings.schedule import MilestoneKind
from opinions.models import Petition

from . import documents
from .models import (
    Assignment,
    ConclusionNotice,
    Decision,
    FollowupStep,
    Outcome,
    Posting,
    Reply,
    SupervisionNote,
)


def _complete(plan: DialoguePlan, kind: MilestoneKind, by) -> None:
    milestone = plan.milestones.filter(kind=kind).first()
    if milestone:
        milestone.mark_done(by=by)


def _step(instance, step: FollowupStep, by, note=""):
    return audit.step(instance, step, user=by, note=note)


def _petition_url(assignment: Assignment) -> str:
    return reverse("followups:assignment-detail", args=[assignment.public_id])


# An assignment is due this many working days after the chairman's evaluation.
ASSIGNMENT_WORKING_DAYS = 10


def default_due_date(plan: DialoguePlan, today: dt.date | None = None, calendar=None) -> dt.date:
    """ "10 ngày làm việc" from the evaluation, on Vietnam's working-day calendar."""
    calendar = calendar or workdays.calendar()
    return calendar.add_working_days(today or timezone.localdate(), ASSIGNMENT_WORKING_DAYS)


# --- Evaluation (25/6) --------------------------------------------------------------------


@transaction.atomic
def decide(
    *,
    petition: Petition,
    outcome: str,
    by,
    note="",
    escalated_to="",
    unit=None,
    due_date=None,
    instruction="",
) -> Decision:
    """Record the chairman's decision; a change to an earlier one leaves its trace."""
    plan = petition.plan
    previous = Decision.objects.filter(petition=petition).first()
    before = _describe(previous) if previous else None
    decision = previous or Decision(petition=petition)
    decision.outcome, decision.note, decision.escalated_to = outcome, note, escalated_to
    decision.decided_by, decision.decided_at = by, timezone.now()
    decision.save()
    if outcome == Outcome.ASSIGNED:
        assignment, _ = Assignment.objects.update_or_create(
            petition=petition,
            defaults={
                "unit": unit,
                "due_date": due_date or default_due_date(plan),
                "instruction": instruction,
                "assigned_by": by,
            },
        )
        notifications.hand_off(
            plan=plan,
            unit=unit,
            key=f"assigned:{assignment.pk}:{unit.pk}",
            text=f"Chủ tịch UBND xã giao giải quyết kiến nghị, hạn {assignment.due_date:%d/%m/%Y}: "
            f"{petition.text[:120]}",
            url=_petition_url(assignment),
        )
    else:
        Assignment.objects.filter(petition=petition, replies__isnull=True).delete()
    after = _describe(decision, unit=unit, due_date=due_date)
    if before is None:
        _step(petition, FollowupStep.DECIDED, by, after)
    elif before != after:
        _step(petition, FollowupStep.DECISION_CHANGED, by, f"Trước: {before}\nSau: {after}")
    if not Petition.objects.filter(plan=plan, decision__isnull=True).exists():
        _complete(plan, MilestoneKind.EVALUATION, by)
    return decision


def _describe(decision: Decision, unit=None, due_date=None) -> str:
    text = decision.get_outcome_display()
    if decision.outcome == Outcome.ASSIGNED:
        assignment = getattr(decision.petition, "assignment", None) if unit is None else None
        unit = unit or (assignment.unit if assignment else None)
        due = due_date or (assignment.due_date if assignment else None)
        text += f" – {unit}" + (f", hạn {due:%d/%m/%Y}" if due else "")
    if decision.escalated_to:
        text += f" – {decision.escalated_to}"
    if decision.note:
        text += f": {decision.note}"
    return text


# --- Replies (30/6) and supervision -------------------------------------------------------


@transaction.atomic
def submit_reply(*, assignment: Assignment, reply: Reply, by) -> Reply:
    reply.assignment, reply.replied_by = assignment, by
    reply.save()
    assignment.mark_replied()
    _step(assignment.petition, FollowupStep.REPLIED, by, f"Văn bản số {reply.letter_number}")
    notifications.hand_off(
        plan=assignment.plan,
        roles=[Role.CHAIR],
        key=f"reply:{reply.pk}",
        text=f"{assignment.unit} đã gửi văn bản trả lời số {reply.letter_number}: mời Chủ tịch "
        "xem.",
        url=_petition_url(assignment),
    )
    return reply


@transaction.atomic
def accept(*, assignment: Assignment, by) -> None:
    assignment.accept()
    _step(assignment.petition, FollowupStep.ACCEPTED, by)
    plan = assignment.plan
    if not Assignment.objects.filter(petition__plan=plan).not_accepted().exists():
        _complete(plan, MilestoneKind.AGENCY_REPLIES, by)


@transaction.atomic
def send_back(*, assignment: Assignment, reason: str, by, by_front=False) -> None:
    """The chairman, or the Front supervising, asks for the reply to be redone."""
    assignment.send_back(reason)
    step = FollowupStep.REDO_ASKED if by_front else FollowupStep.SENT_BACK
    entry = _step(assignment.petition, step, by, reason)
    who = "Ủy ban MTTQ xã đề nghị làm lại" if by_front else "Chủ tịch UBND xã trả lại"
    notifications.hand_off(
        plan=assignment.plan,
        unit=assignment.unit,
        key=f"sent-back:{entry.pk}",
        text=f"{who} văn bản trả lời: {reason[:150]}",
        url=_petition_url(assignment),
    )
    milestone = assignment.plan.milestones.filter(kind=MilestoneKind.AGENCY_REPLIES).first()
    if milestone and milestone.is_done:
        milestone.reopen()


def add_supervision(*, assignment: Assignment, findings: str, satisfaction: str, by):
    return SupervisionNote.objects.create(
        assignment=assignment, findings=findings, satisfaction=satisfaction, written_by=by
    )


# --- The conclusion notice (27/6) ---------------------------------------------------------


def _notice_defaults(plan: DialoguePlan) -> dict:
    return {"assessment": documents.default_assessment(plan), "closing": documents.DEFAULT_CLOSING}


def notice_of(plan: DialoguePlan) -> ConclusionNotice:
    """The notice to read: the stored one, or the draft the office would start from."""
    return ConclusionNotice.objects.filter(plan=plan).first() or ConclusionNotice(
        plan=plan, **_notice_defaults(plan)
    )


def notice_for_change(plan: DialoguePlan) -> ConclusionNotice:
    notice, _ = ConclusionNotice.objects.get_or_create(plan=plan, defaults=_notice_defaults(plan))
    return notice


@transaction.atomic
def edit_notice(*, notice: ConclusionNotice, assessment: str, closing: str, by) -> None:
    changed = (notice.assessment, notice.closing) != (assessment, closing)
    notice.assessment, notice.closing = assessment, closing
    if changed and notice.is_approved:
        # An approved text that changes needs the chairman's eyes again.
        notice.approved_by = notice.approved_at = None
        _step(notice, FollowupStep.NOTICE_EDITED, by, "Thông báo sửa sau khi duyệt; cần duyệt lại.")
    notice.save()
    if not notice.paper_id:
        # Once per round of approval: a text edited after approval goes back to the chairman.
        rounds = (
            audit.steps(ConclusionNotice, [notice.pk])
            .exclude(step=FollowupStep.NOTICE_APPROVED)
            .count()
        )
        notifications.hand_off(
            plan=notice.plan,
            roles=[Role.CHAIR],
            key=f"notice-drafted:{notice.pk}:{rounds}",
            text="Văn phòng đã soạn dự thảo Thông báo kết luận: mời Chủ tịch xem và duyệt.",
            url=reverse("followups:notice", args=[notice.plan.public_id]),
        )


@transaction.atomic
def approve_notice(*, notice: ConclusionNotice, by) -> None:
    notice.approved_by, notice.approved_at = by, timezone.now()
    notice.save(update_fields=["approved_by", "approved_at"])
    entry = _step(notice, FollowupStep.NOTICE_APPROVED, by)
    notifications.hand_off(
        plan=notice.plan,
        roles=[Role.OFFICE],
        key=f"notice-approved:{entry.pk}",
        text="Chủ tịch UBND xã đã duyệt Thông báo kết luận: mời Văn phòng ban hành.",
        url=reverse("followups:notice", args=[notice.plan.public_id]),
    )


@transaction.atomic
def issue_notice(*, notice: ConclusionNotice, by, issued_on=None):
    plan = notice.plan
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.NOTICE,
        subject=documents.NOTICE_SUBJECT.format(people=people_of(plan)),
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        issued_by=by,
        replaces=notice.paper,
        issued_on=issued_on,
        cites=[papers.Fact("hội nghị đối thoại", plan.meeting_date)] if plan.meeting_date else [],
        render=lambda stamp: documents.notice_html(notice, stamp),
    )
    notice.paper = paper
    notice.save(update_fields=["paper"])
    _complete(plan, MilestoneKind.CONCLUSION_NOTICE, by)
    return paper


@transaction.atomic
def issue_results_report(*, plan: DialoguePlan, by, issued_on=None):
    notice = notice_for_change(plan)
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.REPORT,
        subject=documents.RESULTS_SUBJECT.format(people=people_of(plan)),
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        issued_by=by,
        replaces=notice.results_report,
        issued_on=issued_on,
        cites=documents.results_report_facts(plan, notice.paper),
        render=lambda stamp: documents.results_report_html(plan, stamp),
    )
    notice.results_report = paper
    notice.save(update_fields=["results_report"])
    return paper


@transaction.atomic
def confirm_posting(*, plan: DialoguePlan, village, posted_on: dt.date, by) -> Posting:
    posting, _ = Posting.objects.update_or_create(
        plan=plan, village=village, defaults={"posted_on": posted_on, "confirmed_by": by}
    )
    posted = set(Posting.objects.filter(plan=plan).values_list("village_id", flat=True))
    if posted >= {v.pk for v in plan.villages.all()}:
        _complete(plan, MilestoneKind.RESULTS_PUBLISHED, by)
    return posting


@transaction.atomic
@transaction.atomic
def save_budget(*, plan: DialoguePlan, formset, sheet_form) -> None:
    """Save the edited estimate lines of ``plan``, new lines in the order they were typed in,
    and who prepared the papers and when."""
    sheet = sheet_form.save(commit=False)
    sheet.plan = plan
    sheet.save()
    for position, line in enumerate(formset.save(commit=False), start=1):
        line.plan = plan
        line.position = line.position or position
        line.save()
    for line in formset.deleted_objects:
        line.delete()
