"""Writes that touch a plan and its steps together."""

import datetime as dt
import re

from django.db import IntegrityError, transaction

from kesat_dialogue import papers
from kesat_dialogue.models import Paper, PaperCode

from . import meeting_day
from .documents import plan_paper_html
from .models import DialoguePlan, Milestone, Participant, ParticipantCategory, PlanStatus
from .schedule import STEPS, MilestoneKind, complete_due_dates
from .signals import plan_copied


def _save_with_next_number(plan: DialoguePlan) -> None:
    """Number the dialogue after the commune's others of its year; two offices saving at the
    same moment meet the unique constraint, and the later one takes the next number."""
    for _ in range(5):
        last = (
            DialoguePlan.objects.filter(commune=plan.commune, year=plan.year)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        plan.number = (last or 0) + 1
        try:
            with transaction.atomic():
                plan.save()
            return
        except IntegrityError:
            continue
    raise IntegrityError("no free dialogue number after five tries")


def overlapping_dialogues(*, commune, year: int, villages, exclude=None) -> list:
    """Other dialogues of the year that cover any of these villages, each with the shared
    villages' names: a village may be in several, the office should know."""
    chosen = {village.pk for village in villages}
    others = (
        DialoguePlan.objects.for_commune(commune)
        .filter(year=year, villages__in=chosen)
        .distinct()
        .prefetch_related("villages")
        .order_by("number")
    )
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    return [(other, [v.name for v in other.villages.all() if v.pk in chosen]) for other in others]


@transaction.atomic
def create_plan(*, plan: DialoguePlan, villages, meeting_date: dt.date, due_dates=None):
    """Save a new dialogue with its villages, one milestone per step and its meeting record."""
    _save_with_next_number(plan)
    plan.villages.set(villages)
    dates = complete_due_dates(meeting_date, due_dates or {})
    Milestone.objects.bulk_create(
        Milestone(plan=plan, kind=spec.kind, owner_role=spec.owner_role, due_date=dates[spec.kind])
        for spec in STEPS
    )
    meeting_day.prepare(plan)
    return plan


# What the plan form edits; the issued paper and the status change only through issuing.
EDITABLE_FIELDS = [
    field.name
    for field in DialoguePlan._meta.concrete_fields
    if field.name not in {"id", "public_id", "commune", "paper", "status", "created_at"}
]


@transaction.atomic
def update_plan(*, plan: DialoguePlan, villages, meeting_date: dt.date, due_dates: dict):
    plan.save(update_fields=EDITABLE_FIELDS)
    plan.villages.set(villages)
    dates = complete_due_dates(meeting_date, due_dates)
    for milestone in plan.milestones.all():
        if milestone.due_date != dates[milestone.kind]:
            milestone.due_date = dates[milestone.kind]
            milestone.save(update_fields=["due_date"])
    return plan


def _text_of_year(text: str, year: int, new_year: int) -> str:
    # "năm 2026" in titles and budgets becomes "năm 2027"; dates of other papers stay.
    return re.sub(rf"\bnăm {year}\b", f"năm {new_year}", text)


def _same_day_in(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


TEXT_FIELDS = ("title", "venue", "duration", *DialoguePlan.PARAGRAPH_FIELDS)
COPIED_FIELDS = (
    "commune",
    "chairman",
    "vice_chairman",
    "expected_attendance",
    "signer_capacity",
    "signer_title",
    "signer_name",
)


def copy_year_for(plan: DialoguePlan, today: dt.date) -> int:
    """The year a copy most likely serves: this year for an earlier year's dialogue, the
    next one for a dialogue of this year (whose cluster has had its turn)."""
    return today.year if plan.year < today.year else plan.year + 1


def copy_meeting_date_for(plan: DialoguePlan, year: int, today: dt.date) -> dt.date:
    """The same day of the year as the source's meeting, or a month ahead if that has passed."""
    day = _same_day_in(plan.meeting_date or today, year)
    if day <= today:
        day = today + dt.timedelta(days=30)
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))


@transaction.atomic
def copy_plan(*, plan: DialoguePlan, year: int, meeting_date: dt.date, by=None) -> DialoguePlan:
    """A new draft from any dialogue, archived ones too: its villages, texts, composition and
    invited officials; every date moved by as much as the meeting moved. Apps that keep more
    per dialogue (the opinion form) copy theirs on ``plan_copied``."""
    shift = meeting_date - plan.meeting_date if plan.meeting_date else dt.timedelta(0)
    new_plan = DialoguePlan(
        year=year,
        plan_date=min(plan.plan_date + shift, meeting_date),
        **{field: getattr(plan, field) for field in COPIED_FIELDS},
        **{field: _text_of_year(getattr(plan, field), plan.year, year) for field in TEXT_FIELDS},
    )
    due_dates = {kind: day + shift for kind, day in plan.due_dates().items()}
    due_dates[MilestoneKind.MEETING] = meeting_date
    create_plan(
        plan=new_plan,
        villages=plan.villages.all(),
        meeting_date=meeting_date,
        due_dates=due_dates,
    )
    officials = Participant.objects.filter(plan=plan).exclude(category=ParticipantCategory.RESIDENT)
    Participant.objects.bulk_create(
        Participant(
            plan=new_plan,
            category=p.category,
            name=p.name,
            position=p.position,
            village=p.village,
            unit=p.unit,
            is_head=p.is_head,
            order=p.order,
            added_by=by,
        )
        for p in officials
    )
    plan_copied.send(sender=DialoguePlan, source=plan, copy=new_plan)
    return new_plan


@transaction.atomic
def issue_plan(*, plan: DialoguePlan, by, issued_on=None) -> Paper:
    """Number the plan in the register and freeze it; a second issue is a correction."""
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.PLAN,
        subject=plan.title,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        issued_by=by,
        replaces=plan.paper,
        issued_on=issued_on,
        render=lambda stamp: plan_paper_html(plan, stamp),
    )
    plan.paper = paper
    if plan.status == PlanStatus.DRAFT:
        plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["paper", "status", "updated_at"])
    return paper
