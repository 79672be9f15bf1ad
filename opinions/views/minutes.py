from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import papers
from kesat_dialogue.access import can, require, staff_view
from meetings import meeting_day
from meetings.models import Meeting

from .. import documents, meeting_record
from .base import plan_for


class ConclusionForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["conclusion", "ends_at"]
        widgets = {
            "conclusion": forms.Textarea(attrs={"rows": 8}),
            "ends_at": forms.TimeInput(format="%H:%M", attrs={"placeholder": "11:30"}),
        }
        error_messages = {"ends_at": {"invalid": "Giờ ghi dạng 11:30."}}


@staff_view()
def minutes(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.console")
    meeting = meeting_day.meeting_of(plan)
    may_record = can(request.user, "meeting.record", plan)
    if request.method == "POST":
        require(request.user, "meeting.record", plan)
        meeting = meeting_day.meeting_for_change(plan)
    form = ConclusionForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Đã lưu kết luận của chủ trì.")
        return redirect("opinions:minutes", plan_id=plan.public_id)
    context = {"plan": plan, "meeting": meeting, "form": form, "may_record": may_record}
    return render(request, "opinions/minutes.html", context)


@staff_view()
def minutes_preview(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.console")
    meeting = meeting_day.meeting_of(plan)
    if meeting.minutes:
        return HttpResponse(papers.for_browser(meeting.minutes.html))
    html = documents.minutes_html(plan, meeting, meeting_record.meeting_opinions(plan))
    return HttpResponse(papers.for_browser(html))


@require_POST
@staff_view()
def minutes_issue(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.record")
    paper = meeting_record.issue_minutes(plan=plan, by=request.user)
    messages.success(request, f"Đã ban hành Biên bản hội nghị số {paper.symbol}.")
    return redirect("opinions:minutes", plan_id=plan.public_id)
