"""The chairman's evaluation: a decision on every petition (due 25/6)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import access, audit
from kesat_dialogue.access import can, staff_view
from meetings.models import Unit
from opinions.models import Opinion, Petition

from .. import services
from ..forms import DecisionForm, EvaluationMeetingForm
from ..models import EvaluationMeeting, FollowupStep
from .base import is_htmx, plan_for

TEMPLATE = "followups/evaluation.html"


def _petitions(plan):
    petitions = list(
        Petition.objects.filter(plan=plan)
        .select_related("field", "unit", "answer__unit", "decision__decided_by", "assignment__unit")
        .with_repeated()
        .prefetch_related(
            Prefetch(
                "opinions",
                queryset=Opinion.objects.from_meeting().select_related("meeting_answer_unit"),
                to_attr="meeting_opinions",
            )
        )
        .order_by("field__position", "pk")
    )
    Petition.attach_opinion_facts(petitions)
    return petitions


def _decision_history(petitions, limit=30):
    """The latest decisions and their changes, each with the petition it was about."""
    by_id = {str(p.pk): p for p in petitions}
    steps = [FollowupStep.DECIDED, FollowupStep.DECISION_CHANGED]
    entries = list(
        audit.steps(Petition, by_id).filter(step__in=steps).order_by("-at", "-pk")[:limit]
    )
    for entry in entries:
        entry.petition = by_id[entry.object_id]
    return entries


def _row_context(petition, plan, units, default_due, form=None):
    decision = getattr(petition, "decision", None)
    assignment = getattr(petition, "assignment", None)
    initial = {"due_date": default_due}
    if decision:
        initial.update(
            outcome=decision.outcome, note=decision.note, escalated_to=decision.escalated_to
        )
    if assignment:
        initial.update(
            unit=assignment.unit_id,
            due_date=assignment.due_date,
            instruction=assignment.instruction,
        )
    form = form or DecisionForm(
        units=units, initial=initial, prefix=str(petition.public_id), default_due=default_due
    )
    return {"petition": petition, "form": form}


def _units(plan):
    return list(Unit.objects.for_commune(plan.commune))


@staff_view()
def evaluation(request, plan_id):
    plan = plan_for(request, plan_id, "evaluation.view")
    meeting = EvaluationMeeting.objects.filter(plan=plan).first() or EvaluationMeeting(plan=plan)
    petitions = _petitions(plan)
    units, default_due = _units(plan), services.default_due_date(plan)
    context = {
        "plan": plan,
        "rows": [_row_context(p, plan, units, default_due) for p in petitions],
        "decided": sum(1 for p in petitions if getattr(p, "decision", None)),
        "meeting_form": EvaluationMeetingForm(instance=meeting),
        "may_decide": can(request.user, "decision.make", plan),
        "history": _decision_history(petitions),
    }
    return render(request, TEMPLATE, context)


@require_POST
@staff_view()
def decide(request, petition_id):
    petition = access.fetch(
        request,
        "decision.make",
        Petition.objects.select_related("plan__commune"),
        public_id=petition_id,
    )
    plan = petition.plan
    units = _units(plan)
    form = DecisionForm(request.POST, units=units, prefix=str(petition.public_id))
    if form.is_valid():
        data = form.cleaned_data
        services.decide(
            petition=petition,
            outcome=data["outcome"],
            by=request.user,
            note=data["note"],
            escalated_to=data["escalated_to"],
            unit=data["unit"],
            due_date=data["due_date"],
            instruction=data["instruction"],
        )
        form = None
    elif not is_htmx(request):
        messages.error(
            request, "Chưa lưu quyết định: " + "; ".join(e[0] for e in form.errors.values())
        )
    if not is_htmx(request):
        return redirect("followups:evaluation", plan_id=plan.public_id)
    row = next(p for p in _petitions(plan) if p.pk == petition.pk)
    context = {
        "plan": plan,
        "may_decide": True,
        **_row_context(row, plan, units, services.default_due_date(plan), form),
    }
    return render(request, TEMPLATE + "#row", context)


@require_POST
@staff_view()
def evaluation_meeting(request, plan_id):
    plan = plan_for(request, plan_id, "decision.make")
    meeting, _ = EvaluationMeeting.objects.get_or_create(plan=plan)
    form = EvaluationMeetingForm(request.POST, instance=meeting)
    if form.is_valid():
        form.save()
        messages.success(request, "Đã lưu cuộc họp đánh giá.")
    else:
        messages.error(request, "Ngày họp ghi theo ngày/tháng/năm, ví dụ 25/06/2026.")
    return redirect("followups:evaluation", plan_id=plan.public_id)
