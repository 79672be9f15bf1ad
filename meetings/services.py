"""Writes that touch a plan and its steps together."""

import datetime as dt
import re

from django.db import IntegrityError, transaction

from kesat_dialogue import papers
from kesat_dialogue.models import Paper, PaperCode

from . import meeting_day
from .documents import plan_paper_html
from .models import DialoguePlan, Milestone, PlanStatus
from .schedule import STEPS, MilestoneKind, complete_due_dates


class PlanExists(Exception):
    """The commune already has a plan for that year."""

    def __init__(self, plan):
        super().__init__(f"plan for {plan.year} exists")
        self.plan = plan


@transaction.atomic
def create_plan(*, plan: DialoguePlan, villages, meeting_date: dt.date, due_dates=None):
    """Save a new plan with its villages and one milestone per step."""
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        existing = DialoguePlan.objects.get(commune=plan.commune, year=plan.year)
        raise PlanExists(existing) from None
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


def _next_year_text(text: str, year: int) -> str:
    # "năm 2026" in titles and budgets becomes "năm 2027"; dates of other papers stay.
    return re.sub(rf"\bnăm {year}\b", f"năm {year + 1}", text)


def _same_day_next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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


@transaction.atomic
def copy_plan_to_next_year(*, plan: DialoguePlan) -> DialoguePlan:
    """A new draft for the next year: same villages and texts, every date a year later."""
    new_plan = DialoguePlan(
        year=plan.year + 1,
        plan_date=_same_day_next_year(plan.plan_date),
        **{field: getattr(plan, field) for field in COPIED_FIELDS},
        **{field: _next_year_text(getattr(plan, field), plan.year) for field in TEXT_FIELDS},
    )
    old_dates = plan.due_dates()
    new_dates = {kind: _same_day_next_year(day) for kind, day in old_dates.items()}
    return create_plan(
        plan=new_plan,
        villages=plan.villages.all(),
        meeting_date=new_dates[MilestoneKind.MEETING],
        due_dates=new_dates,
    )


@transaction.atomic
def issue_plan(*, plan: DialoguePlan, by) -> Paper:
    """Number the plan in the register and freeze it; a second issue is a correction."""
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.PLAN,
        subject=plan.title,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        issued_by=by,
        replaces=plan.paper,
        render=lambda stamp: plan_paper_html(plan, stamp),
    )
    plan.paper = paper
    if plan.status == PlanStatus.DRAFT:
        plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["paper", "status", "updated_at"])
    return paper
