"""The start page's items of the opinions: slips to type, opinions to merge, the synthesis
report, written answers, and the Front's report as the party board receives it."""

from django.db.models import Count, Sum
from django.urls import reverse

from kesat_dialogue import access
from kesat_dialogue.models import Role
from kesat_dialogue.todo import Item
from meetings.schedule import MilestoneKind

from .models import DataRequest, Opinion, OpinionSlip, Petition, SlipBatch, SynthesisReport


def provide(user, plans, today) -> list[Item]:
    if user.role == Role.OFFICE:
        return _collecting(user, plans) + _data_requests(user)
    if user.role == Role.FRONT:
        return _collecting(user, plans)
    if user.role == Role.AGENCY:
        return _answers(user, plans)
    if user.role == Role.PARTY:
        return _reports(plans)
    return []


def _collecting(user, plans) -> list[Item]:
    """Until the synthesis is sent: slips printed and not typed, opinions not merged."""
    collecting = [p for p in plans if not _step_done(p, MilestoneKind.SYNTHESIS)]
    if not collecting:
        return []
    counts = _collecting_counts(collecting)
    items = []
    for plan in collecting:
        due = plan.due_dates().get(MilestoneKind.SYNTHESIS)
        printed, typed, unmerged = counts[plan.pk]
        left = printed - typed
        if left > 0:
            items.append(
                Item(
                    plan,
                    f"Nhập phiếu: còn {left} phiếu đã in chưa nhập",
                    reverse("opinions:slip-create", args=[plan.public_id]),
                    "slip.enter",
                    plan,
                    due,
                )
            )
        if unmerged:
            items.append(
                Item(
                    plan,
                    f"Tổng hợp {unmerged} ý kiến chưa vào kiến nghị nào",
                    reverse("opinions:opinion-list", args=[plan.public_id]) + "?status=unmerged",
                    "petition.merge",
                    plan,
                    due,
                )
            )
    return items


def _collecting_counts(plans) -> dict[int, tuple[int, int, int]]:
    """Per plan: slips printed, slips typed, opinions not yet merged. Three grouped counts:
    one query of three correlated subqueries took Django longer to build than these run."""

    def per_plan(queryset, aggregate) -> dict[int, int]:
        rows = queryset.filter(plan__in=plans).values_list("plan").annotate(n=aggregate)
        return dict(rows.order_by())

    printed = per_plan(SlipBatch.objects.all(), Sum("count"))
    typed = per_plan(OpinionSlip.objects.all(), Count("pk"))
    unmerged = per_plan(Opinion.objects.mergeable(), Count("pk"))
    return {
        plan.pk: (printed.get(plan.pk) or 0, typed.get(plan.pk, 0), unmerged.get(plan.pk, 0))
        for plan in plans
    }


def _step_done(plan, kind) -> bool:
    return any(step.kind == kind and step.is_done for step in plan.milestone_list())


def _answers(user, plans) -> list[Item]:
    unit = access.unit_of(user)
    before_meeting = [p for p in plans if not _step_done(p, MilestoneKind.MEETING)]
    if unit is None or not before_meeting:
        return []
    waiting = Petition.objects.filter(
        plan__in=before_meeting, unit=unit, answer__isnull=True
    ).select_related("plan")
    by_plan = {plan.pk: plan for plan in before_meeting}
    return [
        Item(
            by_plan[petition.plan_id],
            f"Trả lời bằng văn bản: {petition.text[:100]}",
            reverse("opinions:answer-edit", args=[petition.public_id]),
            "answer.write",
            petition,
            by_plan[petition.plan_id].due_dates().get(MilestoneKind.WRITTEN_ANSWERS),
        )
        for petition in waiting
    ]


def _reports(plans) -> list[Item]:
    """The party board receives the Front's synthesis (seed II.4)."""
    reports = SynthesisReport.objects.filter(plan__in=plans).select_related("paper", "plan")
    by_plan = {plan.pk: plan for plan in plans}
    return [
        Item(
            by_plan[report.plan_id],
            f"Đọc báo cáo tổng hợp ý kiến số {report.paper.symbol} của MTTQ",
            reverse("paper-download", args=[report.paper.public_id]),
            "paper.download",
            report.paper,
        )
        for report in reports
    ]


def _data_requests(user) -> list[Item]:
    """Citizens' requests about their data, each by its nearest clock."""
    items = []
    for request in DataRequest.objects.for_commune(user.commune).open():
        key, what, day = request.clocks()[0]
        items.append(
            Item(
                None,
                f"Yêu cầu về dữ liệu cá nhân số {request.number} "
                f"({request.get_kind_display().lower()}): {what}",
                request.get_absolute_url(),
                "privacy.requests",
                None,
                day,
            )
        )
    return items
