"""The start page's items after the meeting: decisions, the notice, replies, supervision,
posting, late work, and each agency's assignments (carried-over ones too)."""

from django.db.models import Count, Min, Q
from django.urls import reverse

from kesat_dialogue import access
from kesat_dialogue.models import Role
from kesat_dialogue.todo import Item
from meetings.schedule import MilestoneKind
from opinions.models import Petition

from .models import OPEN_STATES, Assignment, AssignmentStatus, ConclusionNotice, Posting


def provide(user, plans, today) -> list[Item]:
    makers = {
        Role.CHAIR: (_to_decide, _notice, _replies_to_review, _late),
        Role.OFFICE: (_notice, _posting),
        Role.FRONT: (_supervision,),
        Role.AGENCY: (_own_assignments,),
        Role.VILLAGE: (_posting,),
    }.get(user.role, ())
    return [item for make in makers for item in make(user, plans, today)]


def _due(plan, kind):
    return plan.due_dates().get(kind)


def _to_decide(user, plans, today) -> list[Item]:
    held = [p for p in plans if p.meeting_date and p.meeting_date <= today]
    counts = dict(
        Petition.objects.under(plan__in=held)
        .filter(decision__isnull=True)
        .values_list("plan")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Item(
            plan,
            f"Quyết định cách giải quyết {counts[plan.pk]} kiến nghị",
            reverse("followups:evaluation", args=[plan.public_id]),
            "decision.make",
            plan,
            _due(plan, MilestoneKind.EVALUATION),
        )
        for plan in held
        if counts.get(plan.pk)
    ]


def _notice(user, plans, today) -> list[Item]:
    """The chairman approves the drafted notice; the office issues the approved one."""
    items = []
    by_plan = {plan.pk: plan for plan in plans}
    for notice in ConclusionNotice.objects.under(plan__in=plans).filter(paper__isnull=True):
        plan = by_plan[notice.plan_id]
        url = reverse("followups:notice", args=[plan.public_id])
        due = _due(plan, MilestoneKind.CONCLUSION_NOTICE)
        if notice.is_approved:
            items.append(
                Item(plan, "Ban hành thông báo kết luận đã duyệt", url, "notice.issue", plan, due)
            )
        else:
            approve = reverse("followups:notice-approve", args=[plan.public_id]) + "?next=/"
            items.append(
                Item(
                    plan,
                    "Duyệt dự thảo thông báo kết luận",
                    url,
                    "notice.approve",
                    plan,
                    due,
                    button=("Duyệt thông báo", approve),
                )
            )
    return items


def _replies_to_review(user, plans, today) -> list[Item]:
    waiting = (
        Assignment.objects.still_followed()
        .filter(status=AssignmentStatus.REPLIED)
        .select_related("petition__plan__commune", "unit")
        .prefetch_related("petition__plan__villages")
    )
    return [
        Item(
            a.plan,
            f"Xem văn bản trả lời của {a.unit}: {a.petition.text[:90]}",
            reverse("followups:assignment-detail", args=[a.public_id]),
            "reply.review",
            a,
            a.due_date,
        )
        for a in waiting
    ]


def _late(user, plans, today) -> list[Item]:
    rows = (
        Assignment.objects.still_followed()
        .overdue(today)
        .values_list("petition__plan")
        .annotate(n=Count("pk"), first=Min("due_date"))
        .order_by()
    )
    by_plan = {plan.pk: plan for plan in plans}
    return [
        Item(
            by_plan[plan_id],
            f"{count} việc được giao đã quá hạn",
            reverse("followups:assignments", args=[by_plan[plan_id].public_id]) + "?qua-han=1",
            "evaluation.view",
            by_plan[plan_id],
            first,
        )
        for plan_id, count, first in rows
        if plan_id in by_plan
    ]


def _posting(user, plans, today) -> list[Item]:
    """After the notice is issued, each village posts it and confirms."""
    issued = [
        p
        for p in plans
        if any(s.kind == MilestoneKind.CONCLUSION_NOTICE and s.is_done for s in p.milestone_list())
    ]
    if not issued:
        return []
    posted = set(Posting.objects.under(plan__in=issued).values_list("plan", "village"))
    own = access.village_of(user)
    items = []
    for plan in issued:
        missing = [v for v in plan.villages.all() if (plan.pk, v.pk) not in posted]
        if own is not None:
            missing = [v for v in missing if v.pk == own.pk]
        for village in missing:
            items.append(
                Item(
                    plan,
                    f"Niêm yết thông báo kết luận tại thôn {village} và xác nhận",
                    reverse("followups:postings", args=[plan.public_id]),
                    "posting.confirm",
                    village,
                    _due(plan, MilestoneKind.RESULTS_PUBLISHED),
                )
            )
    return items


def _supervision(user, plans, today) -> list[Item]:
    """Replies the Front has not yet checked with the people (seed III.3)."""
    unchecked = (
        Assignment.objects.still_followed()
        .filter(
            Q(status=AssignmentStatus.REPLIED) | Q(status=AssignmentStatus.ACCEPTED),
            supervision_notes__isnull=True,
        )
        .select_related("petition__plan__commune", "unit")
        .prefetch_related("petition__plan__villages")
    )
    return [
        Item(
            a.plan,
            f"Giám sát kết quả: {a.petition.text[:90]} ({a.unit})",
            reverse("followups:assignment-detail", args=[a.public_id]),
            "supervision.write",
            a,
        )
        for a in unchecked
    ]


def _own_assignments(user, plans, today) -> list[Item]:
    unit = access.unit_of(user)
    if unit is None:
        return []
    open_work = (
        Assignment.objects.still_followed()
        .for_unit(unit)
        .filter(status__in=OPEN_STATES)
        .select_related("petition__plan__commune", "unit")
        .prefetch_related("petition__plan__villages")
    )
    return [
        Item(
            a.plan,
            ("Trả lời lại" if a.status == AssignmentStatus.RETURNED else "Giải quyết và trả lời")
            + f": {a.petition.text[:90]}",
            reverse("followups:assignment-detail", args=[a.public_id]),
            "reply.write",
            a,
            a.due_date,
            detail=f"Chủ tịch trả lại: {a.status_note}" if a.status_note else "",
        )
        for a in open_work
    ]
