"""Assignments after the meeting: agencies reply, the chairman reviews, the Front supervises."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesat_dialogue import access, audit
from kesat_dialogue.access import can, require, staff_view
from kesat_dialogue.tenancy import get_scoped_or_404, scoped
from opinions.models import Petition

from .. import services
from ..forms import ReasonForm, ReplyForm, SupervisionForm
from ..models import Assignment, AssignmentStatus, Reply
from .base import plan_for


def _assignments(queryset):
    return queryset.select_related("petition__field", "petition__plan", "unit").order_by(
        "due_date", "pk"
    )


@staff_view()
def assignment_list(request, plan_id):
    plan = plan_for(request, plan_id, "assignment.list")
    assignments = _assignments(
        Assignment.objects.filter(petition__plan=plan).visible_to(request.user)
    )
    if request.GET.get("qua-han"):
        assignments = assignments.overdue()
    context = {
        "plan": plan,
        "assignments": assignments,
        "today": timezone.localdate(),
        "only_overdue": bool(request.GET.get("qua-han")),
    }
    return render(request, "followups/assignment_list.html", context)


@staff_view("answer.queue")
def my_assignments(request):
    unit = access.unit_of(request.user)
    assignments = _assignments(scoped(request, Assignment).visible_to(request.user))
    return render(
        request,
        "followups/my_assignments.html",
        {"unit": unit, "assignments": assignments, "today": timezone.localdate()},
    )


def _assignment(request, assignment_id, action):
    return access.fetch(
        request,
        action,
        Assignment.objects.select_related(
            "petition__plan__commune", "petition__field", "unit", "assigned_by"
        ),
        public_id=assignment_id,
    )


def _detail_context(request, assignment, reply_form=None) -> dict:
    plan = assignment.plan
    if reply_form is None and can(request.user, "reply.write", assignment):
        reply_form = ReplyForm()
    return {
        "plan": plan,
        "assignment": assignment,
        "today": timezone.localdate(),
        "replies": assignment.replies.select_related("replied_by"),
        "notes": assignment.supervision_notes.select_related("written_by"),
        "history": audit.steps(Petition, [assignment.petition_id]),
        "reply_form": reply_form,
        "may_review": can(request.user, "reply.review", assignment)
        and assignment.status == AssignmentStatus.REPLIED,
        "may_supervise": can(request.user, "supervision.write", assignment),
        "reason_form": ReasonForm(),
        "supervision_form": SupervisionForm(),
    }


@staff_view()
def assignment_detail(request, assignment_id):
    assignment = _assignment(request, assignment_id, "assignment.view")
    return render(request, "followups/assignment_detail.html", _detail_context(request, assignment))


@require_POST
@staff_view()
def reply(request, assignment_id):
    assignment = _assignment(request, assignment_id, "reply.write")
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        services.submit_reply(assignment=assignment, reply=form.save(commit=False), by=request.user)
        messages.success(request, "Đã gửi văn bản trả lời tới Chủ tịch UBND xã.")
        return redirect("followups:assignment-detail", assignment_id=assignment.public_id)
    # What was typed stays in the form, beside everything the page showed before.
    context = _detail_context(request, assignment, reply_form=form)
    return render(request, "followups/assignment_detail.html", context, status=400)


@require_POST
@staff_view()
def review(request, assignment_id, action):
    assignment = _assignment(request, assignment_id, "assignment.view")
    if action == "chap-nhan":
        require(request.user, "reply.review", assignment)
        services.accept(assignment=assignment, by=request.user)
        messages.success(request, "Đã chấp nhận văn bản trả lời.")
    else:
        by_front = action == "lam-lai"
        require(request.user, "supervision.write" if by_front else "reply.review", assignment)
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Hãy ghi lý do để cơ quan biết cần làm lại gì.")
        else:
            services.send_back(
                assignment=assignment,
                reason=form.cleaned_data["reason"],
                by=request.user,
                by_front=by_front,
            )
            messages.success(request, "Đã trả lại để cơ quan trả lời lại.")
    return redirect("followups:assignment-detail", assignment_id=assignment.public_id)


@require_POST
@staff_view()
def supervise(request, assignment_id):
    assignment = _assignment(request, assignment_id, "supervision.write")
    form = SupervisionForm(request.POST)
    if form.is_valid():
        services.add_supervision(assignment=assignment, by=request.user, **form.cleaned_data)
        messages.success(request, "Đã ghi nhận giám sát.")
    else:
        messages.error(request, "Hãy ghi kết quả giám sát.")
    return redirect("followups:assignment-detail", assignment_id=assignment.public_id)


@staff_view()
def reply_attachment(request, reply_id):
    reply = get_scoped_or_404(
        request, Reply.objects.select_related("assignment__petition__plan"), public_id=reply_id
    )
    require(request.user, "assignment.view", reply.assignment)
    if not reply.attachment:
        raise Http404("Văn bản trả lời không có tệp đính kèm.")
    return FileResponse(reply.attachment.open("rb"), as_attachment=True)
