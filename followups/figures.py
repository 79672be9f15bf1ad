"""A period's figures of the dialogues, per commune and per dialogue: what the province reads
across its communes and what each commune reports upward, from the same queries, so the two
never disagree. A fixed number of queries however many communes and dialogues.

Periods are the province's reporting rhythm: a month, the first quarter, six months, nine
months and the year, the last four counted from 1 January. A dialogue belongs to the
period its meeting falls in; what is late is counted as of the report's day.
"""

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from meetings.models import DialoguePlan, Participant, UnitKind
from meetings.models.meeting import ATTENDING
from meetings.schedule import MilestoneKind
from opinions.models import MeetingAnswer, Opinion, Petition
from opinions.text import fold

from .models import Assignment, AssignmentStatus, Outcome, SupervisionNote

PERIOD_KINDS = {
    "thang": "Tháng",
    "quy-1": "Quý I",
    "6-thang": "6 tháng",
    "9-thang": "9 tháng",
    "nam": "Năm",
}
_LAST_MONTH = {"quy-1": 3, "6-thang": 6, "9-thang": 9, "nam": 12}


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    month: int = 0

    @classmethod
    def from_query(cls, query, today: dt.date) -> "Period":
        """The period a page asks for (?ky=6-thang&nam=2026, ?ky=thang&nam=2026&thang=6);
        anything unreadable falls back to this year."""
        kind = query.get("ky") if query.get("ky") in PERIOD_KINDS else "nam"
        try:
            year = int(query.get("nam") or today.year)
            month = int(query.get("thang") or today.month) if kind == "thang" else 0
        except ValueError:
            return cls("nam", today.year)
        if not 2000 <= year <= 2100 or (kind == "thang" and not 1 <= month <= 12):
            return cls("nam", today.year)
        return cls(kind, year, month)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def end(self) -> dt.date:
        last = self.month or _LAST_MONTH[self.kind]
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def label(self) -> str:
        return {
            "thang": f"tháng {self.month} năm {self.year}",
            "quy-1": f"quý I năm {self.year}",
            "6-thang": f"6 tháng đầu năm {self.year}",
            "9-thang": f"9 tháng đầu năm {self.year}",
            "nam": f"năm {self.year}",
        }[self.kind]

    @property
    def query(self) -> str:
        return f"ky={self.kind}&nam={self.year}" + (f"&thang={self.month}" if self.month else "")

    @property
    def file_tag(self) -> str:
        return f"{self.year}-{self.kind}" + (f"-{self.month:02d}" if self.month else "")


# The law's clocks and the plan's own: (key, what, the step that keeps it, its deadline).
CLOCKS = [
    ("announced", "Thông báo trước hội nghị ít nhất 7 ngày", MilestoneKind.ANNOUNCEMENT),
    ("notice", "Ban hành thông báo kết luận đúng hạn", MilestoneKind.CONCLUSION_NOTICE),
    ("published", "Công khai kết quả trong 10 ngày sau hội nghị", MilestoneKind.RESULTS_PUBLISHED),
    ("replies", "Cơ quan trả lời, báo cáo đúng hạn", MilestoneKind.AGENCY_REPLIES),
]
KEPT, MISSED, PENDING = "kept", "missed", "pending"
CLOCK_WORDS = {KEPT: "Đúng hạn", MISSED: "Trễ hạn", PENDING: "Chưa đến hạn"}


def _deadline(key: str, milestone, meeting: dt.date) -> dt.date:
    if key == "announced":
        return meeting - dt.timedelta(days=7)
    if key == "published":
        return meeting + dt.timedelta(days=10)
    return milestone.due_date


def clock_state(done_on: dt.date | None, deadline: dt.date, today: dt.date) -> str:
    if done_on is not None:
        return KEPT if done_on <= deadline else MISSED
    return MISSED if today > deadline else PENDING


@dataclass
class DialogueFigures:
    plan: DialoguePlan
    meeting_date: dt.date
    held: bool
    invited: int = 0
    present: int = 0
    opinions: int = 0
    answered_at_meeting: int = 0
    petitions: int = 0
    resolved: int = 0
    assigned: int = 0
    escalated: int = 0
    rejected: int = 0
    late_by_kind: Counter = field(default_factory=Counter)
    supervision: Counter = field(default_factory=Counter)
    clocks: dict = field(default_factory=dict)

    @property
    def late(self) -> int:
        return sum(self.late_by_kind.values())

    @property
    def clocks_missed(self) -> int:
        return sum(1 for state in self.clocks.values() if state == MISSED)


SUMMED = [
    "invited",
    "present",
    "opinions",
    "answered_at_meeting",
    "petitions",
    "resolved",
    "assigned",
    "escalated",
    "rejected",
    "late",
    "clocks_missed",
]


@dataclass
class CommuneFigures:
    commune: object
    dialogues: list = field(default_factory=list)

    @property
    def held(self) -> int:
        return sum(1 for d in self.dialogues if d.held)

    @property
    def planned(self) -> int:
        return len(self.dialogues) - self.held

    def total(self, name: str) -> int:
        return sum(getattr(d, name) for d in self.dialogues)

    @property
    def totals(self) -> dict:
        return {name: self.total(name) for name in SUMMED}

    @property
    def late_by_kind(self) -> Counter:
        return sum((d.late_by_kind for d in self.dialogues), Counter())

    @property
    def supervision(self) -> Counter:
        return sum((d.supervision for d in self.dialogues), Counter())


def _per_plan(rows, key="plan") -> dict:
    return {row.pop(key): row for row in rows}


def figures(communes, period: Period, today: dt.date) -> list[CommuneFigures]:
    """Every commune of ``communes`` (a queryset), with its dialogues whose meeting falls in
    ``period``; what is late as of ``today``. Nine queries."""
    communes = sorted(communes, key=lambda commune: fold(commune.name))
    plans = list(
        DialoguePlan.objects.filter(
            commune__in=communes,
            milestones__kind=MilestoneKind.MEETING,
            milestones__due_date__range=(period.start, period.end),
        )
        .select_related("commune")
        .prefetch_related("milestones", "villages")
        .order_by("year", "number")
    )
    participants = _per_plan(
        Participant.objects.filter(plan__in=plans)
        .values("plan")
        .annotate(invited=Count("pk"), present=Count("pk", filter=Q(attendance__in=ATTENDING)))
        .order_by()
    )
    opinions = _per_plan(
        Opinion.objects.filter(plan__in=plans)
        .values("plan")
        .annotate(
            opinions=Count("pk"),
            answered_at_meeting=Count(
                "pk",
                filter=Q(meeting_answer_mode__in=[MeetingAnswer.CHAIR, MeetingAnswer.AGENCY]),
            ),
        )
        .order_by()
    )
    petitions = _per_plan(
        Petition.objects.filter(plan__in=plans)
        .values("plan")
        .annotate(
            petitions=Count("pk"),
            resolved=Count(
                "pk",
                filter=Q(decision__outcome=Outcome.RESOLVED)
                | Q(assignment__status=AssignmentStatus.ACCEPTED),
            ),
            assigned=Count("pk", filter=Q(decision__outcome=Outcome.ASSIGNED)),
            escalated=Count("pk", filter=Q(decision__outcome=Outcome.ESCALATED)),
            rejected=Count("pk", filter=Q(decision__outcome=Outcome.REJECTED)),
        )
        .order_by()
    )
    late = defaultdict(Counter)
    overdue = (
        Assignment.objects.filter(petition__plan__in=plans)
        .overdue(today)
        .values_list("petition__plan", "unit__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for plan_id, kind, n in overdue:
        late[plan_id][kind] += n
    supervision = defaultdict(Counter)
    notes = (
        SupervisionNote.objects.filter(assignment__petition__plan__in=plans)
        .values_list("assignment__petition__plan", "satisfaction")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for plan_id, satisfaction, n in notes:
        supervision[plan_id][satisfaction] += n

    by_commune = {commune.pk: CommuneFigures(commune) for commune in communes}
    for plan in plans:
        steps = {m.kind: m for m in plan.milestones.all()}
        meeting = steps[MilestoneKind.MEETING]
        row = DialogueFigures(
            plan=plan,
            meeting_date=meeting.due_date,
            held=meeting.done_at is not None,
            **participants.get(plan.pk, {}),
            **opinions.get(plan.pk, {}),
            **petitions.get(plan.pk, {}),
            late_by_kind=late[plan.pk],
            supervision=supervision[plan.pk],
        )
        for key, _, kind in CLOCKS:
            step = steps.get(kind)
            if step is not None:
                done_on = timezone.localtime(step.done_at).date() if step.done_at else None
                row.clocks[key] = clock_state(
                    done_on, _deadline(key, step, meeting.due_date), today
                )
        by_commune[plan.commune_id].dialogues.append(row)
    return list(by_commune.values())


UNIT_KIND_LABELS = dict(UnitKind.choices)
SATISFACTION_LABELS = dict(SupervisionNote.Satisfaction.choices)
