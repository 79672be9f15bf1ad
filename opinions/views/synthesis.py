from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import papers
from kesat_dialogue.access import can, staff_view

from .. import documents, services, stats
from ..models import Opinion, SynthesisReport
from .base import plan_for

# The unmerged opinions listed on the page; the rest are counted and in the opinion list.
UNMERGED_SHOWN = 100


@staff_view()
def synthesis(request, plan_id):
    plan = plan_for(request, plan_id, "opinion.view")
    sent = SynthesisReport.objects.filter(plan=plan).select_related("paper", "sent_by").first()
    now = stats.synthesis_snapshot(plan)
    unmerged = Opinion.objects.filter(plan=plan).mergeable().select_related("village", "field")
    unmerged_count = unmerged.count()
    context = {
        "plan": plan,
        "sent": sent,
        "snapshot": now,
        "diff": stats.diff(sent.snapshot, now) if sent else None,
        "may_send": can(request.user, "synthesis.send", plan),
        "unmerged_count": unmerged_count,
        "unmerged": unmerged[:UNMERGED_SHOWN],
        "unmerged_more": max(unmerged_count - UNMERGED_SHOWN, 0),
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
    left = Opinion.objects.filter(plan=plan).mergeable().count()
    if left and not request.POST.get("gui-khi-con-y-kien"):
        messages.error(
            request,
            f"Chưa gửi: còn {left} ý kiến chưa tổng hợp vào kiến nghị nào. Hãy tổng hợp tiếp, "
            "hoặc đánh dấu ô «Vẫn gửi khi còn ý kiến chưa tổng hợp» nếu đã xem xét các ý kiến đó.",
        )
        return redirect("opinions:synthesis", plan_id=plan.public_id)
    report = services.send_synthesis(plan=plan, by=request.user)
    messages.success(
        request,
        f"Đã gửi Báo cáo tổng hợp số {report.paper.symbol} tới Văn phòng HĐND và UBND xã và "
        "Ban xây dựng Đảng; bước 10/6 được đánh dấu hoàn thành.",
    )
    return redirect("opinions:synthesis", plan_id=plan.public_id)
