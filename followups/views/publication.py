"""Posting in the villages, the chairman's overview, the dossier and the budget."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesat_dialogue import access, audit, papers
from kesat_dialogue.access import can, require, staff_view
from kesat_dialogue.tenancy import scoped
from meetings.models import DialoguePlan, Unit
from opinions.models import Field

from .. import archive, documents, services
from ..forms import BudgetFormSet, BudgetSheetForm, PostingForm, ReopenForm
from ..models import AssignmentStatus, BudgetLine, BudgetSheet, Dossier, Posting, Reminder, Reply
from .base import plan_for


@staff_view()
def postings(request, plan_id):
    plan = plan_for(request, plan_id, "followup.view")
    today = timezone.localdate()
    done = {
        p.village_id: p for p in Posting.objects.filter(plan=plan).select_related("confirmed_by")
    }
    rows = [
        (village, done.get(village.pk), can(request.user, "posting.confirm", village))
        for village in plan.villages.all()
    ]
    context = {
        "plan": plan,
        "rows": rows,
        "today": today,
        "form": PostingForm(initial={"posted_on": today}),
    }
    return render(request, "followups/postings.html", context)


@require_POST
@staff_view()
def posting_confirm(request, plan_id, village_id):
    plan = plan_for(request, plan_id)
    # Only a village of this dialogue posts its notice.
    village = access.fetch(request, "posting.confirm", plan.villages.all(), pk=village_id)
    if plan.is_closed:
        require(request.user, "posting.confirm", plan)
    form = PostingForm(request.POST)
    if form.is_valid():
        services.confirm_posting(
            plan=plan, village=village, posted_on=form.cleaned_data["posted_on"], by=request.user
        )
        messages.success(request, f"Đã xác nhận niêm yết tại thôn {village}.")
    else:
        messages.error(request, "Ngày niêm yết ghi theo ngày/tháng/năm, ví dụ 27/06/2026.")
    return redirect("followups:postings", plan_id=plan.public_id)


@staff_view("overview.view")
def overview(request):
    plans = list(scoped(request, DialoguePlan).in_order().prefetch_related("villages"))
    wanted = request.GET.get("doi-thoai")
    chosen = next((p for p in plans if str(p.public_id) == wanted), None) or next(
        (p for p in plans if not p.is_closed), plans[0] if plans else None
    )
    today = timezone.localdate()
    per_unit = per_field = []
    if chosen:
        in_plan = Q(assignments__petition__plan=chosen)
        per_unit = (
            Unit.objects.for_commune(request.commune)
            .annotate(
                assigned=Count("assignments", filter=in_plan),
                replied=Count(
                    "assignments", filter=in_plan & ~Q(assignments__status=AssignmentStatus.OPEN)
                ),
                accepted=Count(
                    "assignments", filter=in_plan & Q(assignments__status=AssignmentStatus.ACCEPTED)
                ),
                overdue=Count(
                    "assignments",
                    filter=in_plan
                    & Q(
                        assignments__status__in=[AssignmentStatus.OPEN, AssignmentStatus.RETURNED],
                        assignments__due_date__lt=today,
                    ),
                ),
            )
            .filter(assigned__gt=0)
        )
        petitions_in_plan = Q(petitions__plan=chosen)
        per_field = (
            Field.objects.for_commune(request.commune)
            .annotate(
                petitions_count=Count("petitions", filter=petitions_in_plan),
                assigned=Count("petitions__assignment", filter=petitions_in_plan),
                accepted=Count(
                    "petitions__assignment",
                    filter=petitions_in_plan
                    & Q(petitions__assignment__status=AssignmentStatus.ACCEPTED),
                ),
            )
            .filter(petitions_count__gt=0)
        )
    context = {"plans": plans, "plan": chosen, "per_unit": per_unit, "per_field": per_field}
    return render(request, "followups/overview.html", context)


def _dossier_context(request, plan, reopen_form=None) -> dict:
    return {
        "plan": plan,
        "checklist": None if plan.is_closed else archive.checklist(plan),
        "dossiers": list(Dossier.objects.filter(plan=plan).defer("content").latest_first()),
        "addenda": plan.addenda.select_related("paper", "assignment__unit"),
        "late_replies": archive.late_replies(plan),
        "history": audit.steps(type(plan), [plan.pk]) if can(request.user, "audit.view") else [],
        "reopen_form": reopen_form or ReopenForm(),
        "may_close": can(request.user, "dossier.close", plan),
        "may_carry_over": can(request.user, "assignment.carry_over", plan),
        "may_reopen": can(request.user, "dossier.reopen", plan) and plan.is_closed,
        "may_add": can(request.user, "dossier.add_late_reply", plan),
    }


@staff_view()
def dossier(request, plan_id):
    plan = plan_for(request, plan_id, "followup.view")
    return render(request, "followups/dossier.html", _dossier_context(request, plan))


@require_POST
@staff_view()
def dossier_close(request, plan_id):
    plan = plan_for(request, plan_id, "dossier.close")
    try:
        record = archive.close(
            plan=plan, by=request.user, confirmed=bool(request.POST.get("xac-nhan"))
        )
    except archive.ArchiveRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"Đã đóng hồ sơ (lần {record.version}): cuộc đối thoại chỉ còn xem, hồ sơ đã sẵn "
            "sàng để tải về.",
        )
    return redirect("followups:dossier", plan_id=plan.public_id)


@require_POST
@staff_view()
def dossier_carry_over(request, plan_id):
    plan = plan_for(request, plan_id, "assignment.carry_over")
    count = archive.carry_over_open_assignments(plan=plan, by=request.user)
    messages.success(request, f"Đã cho theo dõi tiếp {count} việc còn mở sau khi lưu trữ.")
    return redirect("followups:dossier", plan_id=plan.public_id)


@require_POST
@staff_view()
def dossier_reopen(request, plan_id):
    plan = plan_for(request, plan_id, "dossier.reopen")
    form = ReopenForm(request.POST)
    if not form.is_valid():
        context = _dossier_context(request, plan, reopen_form=form)
        return render(request, "followups/dossier.html", context, status=400)
    archive.reopen(plan=plan, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, "Đã mở lại hồ sơ; lần đóng sau sẽ lưu một bản hồ sơ mới.")
    return redirect("followups:dossier", plan_id=plan.public_id)


@require_POST
@staff_view()
def dossier_add_late_reply(request, plan_id, reply_id):
    plan = plan_for(request, plan_id, "dossier.add_late_reply")
    reply = access.fetch(
        request,
        "assignment.view",
        Reply.objects.filter(assignment__petition__plan=plan).select_related(
            "assignment__petition__plan__commune", "assignment__unit"
        ),
        public_id=reply_id,
    )
    try:
        addendum = archive.add_to_archive(reply=reply, by=request.user)
    except (archive.ArchiveRefused, papers.DatedBeforeFact) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, f"Đã bổ sung vào hồ sơ: văn bản số {addendum.paper.symbol} đã vào sổ."
        )
    return redirect("followups:dossier", plan_id=plan.public_id)


@staff_view()
def dossier_download(request, plan_id, version=None):
    plan = plan_for(request, plan_id, "dossier.download")
    stored = Dossier.objects.filter(plan=plan).latest_first()
    record = (stored.filter(version=version) if version else stored).first()
    if record is None:
        raise Http404("Hồ sơ chưa được lưu trữ.")
    suffix = f"-lan-{record.version}" if record.version > 1 else ""
    response = HttpResponse(bytes(record.content), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="ho-so-doi-thoai-{plan.file_tag}{suffix}.zip"'
    )
    return response


@staff_view()
def budget(request, plan_id):
    plan = plan_for(request, plan_id, "followup.view")
    lines = BudgetLine.objects.filter(plan=plan)
    may_manage = can(request.user, "budget.manage", plan)
    sheet = BudgetSheet.objects.filter(plan=plan).first() or BudgetSheet(plan=plan)
    formset = BudgetFormSet(request.POST or None, queryset=lines, prefix="chi")
    sheet_form = BudgetSheetForm(request.POST or None, instance=sheet, prefix="lap")
    if request.method == "POST":
        require(request.user, "budget.manage", plan)
        if formset.is_valid() and sheet_form.is_valid():
            services.save_budget(plan=plan, formset=formset, sheet_form=sheet_form)
            messages.success(request, "Đã lưu dự toán, quyết toán.")
            return redirect("followups:budget", plan_id=plan.public_id)
    total = sum(line.estimate for line in lines)
    context = {
        "plan": plan,
        "formset": formset,
        "sheet_form": sheet_form,
        "lines": lines,
        "may_manage": may_manage,
        "total": documents.money(total),
    }
    return render(request, "followups/budget.html", context, status=400 if request.POST else 200)


@staff_view()
def budget_pdf(request, plan_id, kind):
    plan = plan_for(request, plan_id, "followup.view")
    settlement = kind == "quyet-toan"
    pdf = documents.budget_pdf(
        plan,
        list(BudgetLine.objects.filter(plan=plan)),
        settlement=settlement,
        sheet=BudgetSheet.objects.filter(plan=plan).first(),
    )
    return papers.pdf_response(
        pdf, f"{'quyet-toan' if settlement else 'du-toan'}-{plan.file_tag}.pdf"
    )


@staff_view()
def reminder_list(request, plan_id):
    plan = plan_for(request, plan_id, "reminders.view")
    rows = Reminder.objects.filter(plan=plan).select_related("recipient", "milestone", "assignment")
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    return render(request, "followups/reminders.html", {"plan": plan, "page": page})
