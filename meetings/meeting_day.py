"""Writes of the meeting day: the invited composition, check-in, the programme."""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from kesat_dialogue import papers
from kesat_dialogue.models import Paper, PaperCode, Role, User

from .documents import INVITATION_SUBJECT, invitations_html, invitees, people_of
from .models import (
    ATTENDING,
    AgendaItem,
    AttendanceStatus,
    DialoguePlan,
    Meeting,
    Participant,
    ParticipantCategory,
    Unit,
    UnitKind,
)

# The programme of seed section II.4, item by item.
DEFAULT_AGENDA = [
    "Văn phòng HĐND và UBND xã tuyên bố lý do, giới thiệu đại biểu",
    "Quán triệt nội quy tiếp xúc, đối thoại",
    "Giới thiệu chủ tọa, thư ký hội nghị",
    "Chủ trì thông báo nội dung tiếp xúc, đối thoại và kết quả phát triển kinh tế - xã hội "
    "của xã từ đầu năm",
    "Nhân dân phát biểu ý kiến theo thứ tự đăng ký",
    "Chủ trì trả lời hoặc điều hành việc trả lời từng ý kiến",
    "Nhân dân tiếp tục có ý kiến sau khi nghe trả lời",
    "Chủ trì hội nghị kết luận",
]
VILLAGE_LEADERS = ["Bí thư chi bộ thôn", "Trưởng thôn", "Trưởng ban công tác mặt trận thôn"]


def meeting_of(plan: DialoguePlan) -> Meeting:
    """The meeting's record, to read: made with its plan (see :func:`prepare`)."""
    return Meeting.objects.filter(plan=plan).first() or Meeting(
        plan=plan, chaired_by_id=plan.chairman_id
    )


def meeting_for_change(plan: DialoguePlan) -> Meeting:
    meeting, _ = Meeting.objects.get_or_create(
        plan=plan, defaults={"chaired_by_id": plan.chairman_id}
    )
    return meeting


@transaction.atomic
def prepare(plan: DialoguePlan) -> None:
    """A new plan's meeting record and its programme of seed section II.4; pages only read
    them (a GET never creates rows)."""
    meeting_for_change(plan)
    if not AgendaItem.objects.filter(plan=plan).exists():
        AgendaItem.objects.bulk_create(
            AgendaItem(plan=plan, position=i, title=title)
            for i, title in enumerate(DEFAULT_AGENDA, start=1)
        )


@transaction.atomic
def set_current_item(item: AgendaItem) -> None:
    AgendaItem.objects.filter(plan_id=item.plan_id, is_current=True).update(is_current=False)
    AgendaItem.objects.filter(pk=item.pk).update(is_current=True)


@transaction.atomic
def move_item(item: AgendaItem, step: int) -> None:
    """Swap the item with its neighbour above (step -1) or below (step +1)."""
    items = list(AgendaItem.objects.filter(plan_id=item.plan_id).select_for_update())
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + step
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for position, other in enumerate(items, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


def add_agenda_item(plan: DialoguePlan, title: str) -> AgendaItem:
    last = AgendaItem.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0
    return AgendaItem.objects.create(plan=plan, position=last + 1, title=title)


def _composition(plan: DialoguePlan):
    """The participants seed section II.1 names, as (category, position, extra fields)."""
    for user, title in (
        (plan.chairman, "Chủ tịch UBND xã"),
        (plan.vice_chairman, "Phó Chủ tịch UBND xã"),
    ):
        if user:
            yield ParticipantCategory.COMMITTEE, title, {"name": user.get_full_name()}
    other_chairs = (
        User.objects.for_commune(plan.commune)
        .filter(role=Role.CHAIR)
        .exclude(pk__in=[plan.chairman_id, plan.vice_chairman_id])
    )
    for user in other_chairs:
        yield (
            ParticipantCategory.COMMITTEE,
            user.position or "Lãnh đạo UBND xã",
            {"name": user.get_full_name()},
        )
    yield ParticipantCategory.PARTY_COUNCIL, "Đại diện lãnh đạo Đảng ủy xã", {}
    yield ParticipantCategory.PARTY_COUNCIL, "Đại diện Thường trực HĐND xã", {}
    units = Unit.objects.for_commune(plan.commune)
    for unit in units:
        if unit.kind == UnitKind.PARTY:
            yield ParticipantCategory.PARTY_COUNCIL, f"Đại diện {unit.name}", {"unit": unit}
        elif unit.kind in (UnitKind.FRONT, UnitKind.MASS_ORGANISATION):
            yield ParticipantCategory.FRONT, f"Đại diện lãnh đạo {unit.name}", {"unit": unit}
        else:
            yield (
                ParticipantCategory.AGENCY,
                f"Thủ trưởng {unit.name}",
                {"unit": unit, "is_head": True},
            )
    for village in plan.villages.all():
        for title in VILLAGE_LEADERS:
            yield (
                ParticipantCategory.VILLAGE_LEADER,
                f"{title} {village.name}",
                {"village": village},
            )


@transaction.atomic
def invite_composition(plan: DialoguePlan, *, by) -> int:
    """Invite everyone the plan's composition names who is not on the list yet."""
    known = set(Participant.objects.filter(plan=plan).values_list("category", "position"))
    new = [
        Participant(plan=plan, category=category, position=position, order=i, added_by=by, **extra)
        for i, (category, position, extra) in enumerate(_composition(plan))
        if (category, position) not in known
    ]
    Participant.objects.bulk_create(new)
    return len(new)


class NobodyToInvite(Exception):
    pass


@transaction.atomic
def issue_invitations(plan: DialoguePlan, *, by, issued_on=None) -> Paper:
    """One GM number in the register for the letters of every delegate not yet invited; a
    delegate added later is invited by the next batch."""
    waiting = invitees(plan, Participant.objects.filter(plan=plan, invitation__isnull=True))
    if not waiting:
        raise NobodyToInvite("Mọi đại biểu đã có giấy mời đã ban hành.")
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.INVITATION,
        subject=INVITATION_SUBJECT.format(people=people_of(plan)),
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        issued_by=by,
        issued_on=issued_on,
        render=lambda stamp: invitations_html(plan, waiting, stamp),
    )
    Participant.objects.filter(pk__in=[p.pk for p in waiting]).update(invitation=paper)
    return paper


def add_participant(plan: DialoguePlan, participant: Participant, *, by, resident_of=None):
    """Add one delegate; with ``resident_of``, a resident representing that village."""
    participant.plan, participant.added_by = plan, by
    if resident_of is not None:
        participant.category, participant.village = ParticipantCategory.RESIDENT, resident_of
    participant.save()
    return participant


def _set_attendance(participant: Participant, status, *, name="", position="", reported=False):
    participant.attendance = status
    participant.substitute_name = name
    participant.substitute_position = position
    participant.substitute_reported = reported
    participant.checked_in_at = timezone.now() if status in ATTENDING else None
    participant.save(
        update_fields=[
            "attendance",
            "substitute_name",
            "substitute_position",
            "substitute_reported",
            "checked_in_at",
        ]
    )


def check_in(participant: Participant) -> None:
    _set_attendance(participant, AttendanceStatus.PRESENT)


def mark_absent(participant: Participant) -> None:
    _set_attendance(participant, AttendanceStatus.ABSENT)


def record_substitute(participant: Participant, *, name: str, position: str, reported: bool):
    """A deputy came in the head's place, and whether this was reported (seed III.1)."""
    _set_attendance(
        participant, AttendanceStatus.SUBSTITUTED, name=name, position=position, reported=reported
    )


def attendance_counts(plan: DialoguePlan) -> list[tuple[str, int, int]]:
    """Per category: (label, attending, invited)."""
    rows = (
        Participant.objects.filter(plan=plan)
        .values("category")
        .annotate(
            invited=Count("pk"),
            attending=Count(
                "pk",
                filter=Q(attendance__in=[AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTED]),
            ),
        )
    )
    by_category = {row["category"]: row for row in rows}
    return [
        (label, by_category[value]["attending"], by_category[value]["invited"])
        for value, label in ParticipantCategory.choices
        if value in by_category
    ]
