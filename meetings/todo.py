"""The start page's items of the plan and the meeting: steps due, the plan paper, delegates."""

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from kesat_dialogue import access
from kesat_dialogue.models import Role
from kesat_dialogue.todo import Item

from .models import Participant, ParticipantCategory
from .schedule import MilestoneKind

# Where each step is done (by URL name: pages of every app share the plan's address).
STEP_PAGES = {
    MilestoneKind.FORM_READY: "opinions:form",
    MilestoneKind.SYNTHESIS: "opinions:synthesis",
    MilestoneKind.ANNOUNCEMENT: "meetings:delegates",
    MilestoneKind.WRITTEN_ANSWERS: "opinions:answer-coverage",
    MilestoneKind.MEETING: "opinions:console",
    MilestoneKind.EVALUATION: "followups:evaluation",
    MilestoneKind.CONCLUSION_NOTICE: "followups:notice",
    MilestoneKind.RESULTS_PUBLISHED: "followups:postings",
    MilestoneKind.AGENCY_REPLIES: "followups:assignments",
    MilestoneKind.ARCHIVE: "followups:dossier",
}
# Steps come onto the list this long before they fall due.
AHEAD = dt.timedelta(days=14)
# Each agency's own assignments stand on its list for this step.
LISTED_ELSEWHERE = {MilestoneKind.AGENCY_REPLIES}


def provide(user, plans, today) -> list[Item]:
    items = []
    for plan in plans:
        due = plan.due_dates()
        for step in plan.milestone_list():
            if (
                step.is_done
                or step.owner_role != user.role
                or step.due_date > today + AHEAD
                or step.kind in LISTED_ELSEWHERE
            ):
                continue
            items.append(
                Item(
                    plan=plan,
                    title=step.get_kind_display(),
                    url=reverse(STEP_PAGES[step.kind], args=[plan.public_id]),
                    action="milestone.complete",
                    obj=step,
                    due=step.due_date,
                )
            )
        if not plan.paper_id:
            items.append(
                Item(
                    plan=plan,
                    title="Ban hành văn bản kế hoạch",
                    url=plan.get_absolute_url(),
                    action="paper.issue",
                    obj=plan,
                    due=due.get(MilestoneKind.FORM_READY),
                )
            )
    items += _delegates(user, [p for p in plans if (p.meeting_date or today) >= today], today)
    return items


def _delegates(user, plans, today) -> list[Item]:
    """Before the meeting: the office invites by the composition, a village adds its people."""
    if user.role not in (Role.OFFICE, Role.VILLAGE) or not plans:
        return []
    invited = {}
    rows = (
        Participant.objects.under(plan__in=plans)
        .values_list("plan", "category", "village")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for plan_id, category, village_id, count in rows:
        invited[(plan_id, category, village_id)] = count
    items = []
    own = access.village_of(user) if user.role == Role.VILLAGE else None
    for plan in plans:
        url = reverse("meetings:delegates", args=[plan.public_id])
        due = plan.due_dates().get(MilestoneKind.ANNOUNCEMENT)
        if user.role == Role.OFFICE and not any(key[0] == plan.pk for key in invited):
            items.append(
                Item(
                    plan,
                    "Mời đại biểu theo thành phần của kế hoạch",
                    url,
                    "delegate.manage",
                    plan,
                    due,
                )
            )
        if (
            own is not None
            and own in plan.villages.all()
            and not invited.get((plan.pk, ParticipantCategory.RESIDENT, own.pk))
        ):
            items.append(
                Item(
                    plan,
                    f"Thêm đại biểu Nhân dân thôn {own}",
                    url,
                    "delegate.add_village",
                    own,
                    due,
                )
            )
    return items
