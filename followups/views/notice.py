"""The conclusion notice: drafted by the office, approved by the chairman, issued (27/6)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kesat_dialogue import audit, papers
from kesat_dialogue.access import can, require, staff_view

from .. import documents, services
from ..forms import NoticeForm
from .base import plan_for


def public_url(request, plan) -> str:
    return request.build_absolute_uri(plan.get_public_url())


@staff_view()
def notice(request, plan_id):
    plan = plan_for(request, plan_id, "followup.view")
    record = services.notice_of(plan)
    form = NoticeForm(
        request.POST or None, initial={"assessment": record.assessment, "closing": record.closing}
    )
    if request.method == "POST":
        require(request.user, "notice.edit", plan)
        record = services.notice_for_change(plan)
        if form.is_valid():
            services.edit_notice(
                notice=record,
                assessment=form.cleaned_data["assessment"],
                closing=form.cleaned_data["closing"],
                by=request.user,
            )
            messages.success(request, "Đã lưu dự thảo thông báo.")
            return redirect("followups:notice", plan_id=plan.public_id)
    context = {
        "plan": plan,
        "notice": record,
        "form": form,
        "may_edit": can(request.user, "notice.edit", plan),
        "may_approve": can(request.user, "notice.approve", plan),
        "may_issue": can(request.user, "notice.issue", plan),
        "history": audit.steps(type(record), [record.pk]),
    }
    return render(request, "followups/notice.html", context)


@staff_view()
def notice_preview(request, plan_id):
    plan = plan_for(request, plan_id, "handout.view")
    record = services.notice_of(plan)
    html = record.paper.html if record.paper else documents.notice_html(record)
    return HttpResponse(papers.for_browser(html))


@require_POST
@staff_view()
def notice_approve(request, plan_id):
    plan = plan_for(request, plan_id, "notice.approve")
    services.approve_notice(notice=services.notice_for_change(plan), by=request.user)
    messages.success(request, "Đã duyệt thông báo kết luận; Văn phòng có thể ban hành.")
    back = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("followups:notice", plan_id=plan.public_id)


@require_POST
@staff_view()
def notice_issue(request, plan_id):
    plan = plan_for(request, plan_id, "notice.issue")
    record = services.notice_for_change(plan)
    if not record.is_approved:
        messages.error(request, "Thông báo chưa được Chủ tịch UBND xã duyệt: chưa ban hành được.")
        return redirect("followups:notice", plan_id=plan.public_id)
    try:
        paper = services.issue_notice(notice=record, by=request.user)
    except papers.DatedBeforeFact as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Đã ban hành Thông báo kết luận số {paper.symbol}.")
    return redirect("followups:notice", plan_id=plan.public_id)


@staff_view()
def notice_extracts(request, plan_id):
    plan = plan_for(request, plan_id, "handout.view")
    pdf = documents.village_extracts_pdf(plan, public_url(request, plan))
    return papers.pdf_response(pdf, f"thong-bao-niem-yet-cac-thon-{plan.file_tag}.pdf")


@require_POST
@staff_view()
def results_report_issue(request, plan_id):
    plan = plan_for(request, plan_id, "notice.issue")
    try:
        paper = services.issue_results_report(plan=plan, by=request.user)
    except papers.DatedBeforeFact as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Đã ban hành Báo cáo kết quả giải quyết số {paper.symbol}.")
    return redirect("followups:assignments", plan_id=plan.public_id)
