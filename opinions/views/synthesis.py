from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import papers
from kesat_dialogue.access import can, staff_view

from .. import documents, services, stats
from ..models import SynthesisReport
from .base import plan_for


@staff_view()
def synthesis(request, plan_id):
    plan = plan_for(request, plan_id, "opinion.view")
    sent = SynthesisReport.objects.filter(plan=plan).select_related("paper", "sent_by").first()
    now = stats.synthesis_snapshot(plan)
    context = {
        "plan": plan,
        "sent": sent,
        "snapshot": now,
        "diff": stats.diff(sent.snapshot, now) if sent else None,
        "may_send": can(request.user, "synthesis.send", plan),
    }
    return render(request, "opinions/synthesis.html", context)


@staff_view()
def synthesis_preview(request, plan_id):
    plan = plan_for(request, plan_id, "opinion.view")
    html = documents.synthesis_html(plan, stats.synthesis_snapshot(plan), request.user)
    return HttpResponse(papers.for_browser(html))


@require_POST
@staff_view()
def synthesis_send(request, plan_id):
    plan = plan_for(request, plan_id, "synthesis.send")
    report = services.send_synthesis(plan=plan, by=request.user)
    messages.success(
        request,
        f"Đã gửi Báo cáo tổng hợp số {report.paper.symbol} tới Văn phòng HĐND và UBND xã và "
        "Ban xây dựng Đảng; bước 10/6 được đánh dấu hoàn thành.",
    )
    return redirect("opinions:synthesis", plan_id=plan.public_id)
