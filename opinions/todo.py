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
    """Until the synthesis is sent: slips printed and not typed, opinions not merged, each
    counted only for a role that may act on it."""
    collecting = [p for p in plans if not _step_done(p, MilestoneKind.SYNTHESIS)]
    enters = access.role_may(user.role, "slip.enter")
    merges = access.role_may(user.role, "petition.merge")
    if not collecting or not (enters or merges):
        return []
    left = _slips_left(collecting) if enters else {}
    unmerged = _unmerged(collecting) if merges else {}
    items = []
    for plan in collecting:
        due = plan.due_dates().get(MilestoneKind.SYNTHESIS)
        if left.get(plan.pk, 0) > 0:
            items.append(
                Item(
                    plan,
                    f"Nhập phiếu: còn {left[plan.pk]} phiếu đã in chưa nhập",
                    reverse("opinions:slip-create", args=[plan.public_id]),
                    "slip.enter",
                    plan,
                    due,
                )
            )
        if unmerged.get(plan.pk):
            items.append(
                Item(
                    plan,
                    f"Tổng hợp {unmerged[plan.pk]} ý kiến chưa vào kiến nghị nào",
                    reverse("opinions:opinion-list", args=[plan.public_id]) + "?status=unmerged",
                    "petition.merge",
                    plan,
                    due,
                )
            )
    return items


def _per_plan(queryset, plans, aggregate) -> dict[int, int]:
    rows = queryset.under(plan__in=plans).values_list("plan").annotate(n=aggregate)
    return dict(rows.order_by())


def _slips_left(plans) -> dict[int, int]:
    """Per plan: slips printed and not yet typed. Typed slips are counted only where slips
    were printed: where none were (forms typed from the Front's own paper, or imported from
    Excel), nothing is left to type however many slips the dialogue holds."""
    printed = _per_plan(SlipBatch.objects.all(), plans, Sum("count"))
    printed = {pk: n for pk, n in printed.items() if n}
    if not printed:
        return {}
    typed = _per_plan(OpinionSlip.objects.all(), [p for p in plans if p.pk in printed], Count("pk"))
    return {pk: n - typed.get(pk, 0) for pk, n in printed.items()}


def _unmerged(plans) -> dict[int, int]:
    return _per_plan(Opinion.objects.mergeable(), plans, Count("pk"))


def _step_done(plan, kind) -> bool:
    return any(step.kind == kind and step.is_done for step in plan.milestone_list())


def _answers(user, plans) -> list[Item]:
    unit = access.unit_of(user)
    before_meeting = [p for p in plans if not _step_done(p, MilestoneKind.MEETING)]
    if unit is None or not before_meeting:
        return []
    waiting = (
        Petition.objects.under(plan__in=before_meeting)
        .filter(unit=unit, answer__isnull=True)
        .select_related("plan")
    )
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
    reports = SynthesisReport.objects.under(plan__in=plans).select_related("paper", "plan")
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
