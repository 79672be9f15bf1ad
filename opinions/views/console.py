"""The secretary's console and the hall's projector screen."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import access
from kesat_dialogue.access import can, staff_view
from meetings import meeting_day
from meetings.models import AgendaItem

from .. import meeting_record
from ..meeting_forms import AnswerFields, RecordForm, SpeakerForm
from ..models import Opinion, SpeakerRequest, SpeakerStatus
from .base import is_htmx, plan_for

TEMPLATE = "opinions/console.html"
# The speaker form shares the page with the record form: its own ids keep labels apart.
SPEAKER_PREFIX = "dang-ky"


def _speakers(plan):
    return list(SpeakerRequest.objects.filter(plan=plan).select_related("village", "petition"))


def _context(request, plan, form=None):
    speakers = _speakers(plan)
    current = next((s for s in speakers if s.status == SpeakerStatus.SPEAKING), None)
    items = list(AgendaItem.objects.filter(plan=plan))
    return {
        "plan": plan,
        "items": items,
        "current_item": next((i for i in items if i.is_current), None),
        "speakers": speakers,
        "current": current,
        "form": form or RecordForm.fresh(plan=plan, speaker=current),
        "speaker_form": SpeakerForm(plan=plan, prefix=SPEAKER_PREFIX),
        "recorded": list(meeting_record.meeting_opinions(plan).order_by("-pk")),
        "answer_form": AnswerFields(plan=plan),
        "may_record": can(request.user, "meeting.record", plan),
    }


@staff_view()
def console(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.console")
    return render(request, TEMPLATE, _context(request, plan))


@require_POST
@staff_view()
def console_record(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.record")
    form = RecordForm(request.POST, plan=plan)
    if not form.is_valid():
        if is_htmx(request):
            return render(request, TEMPLATE + "#record-form", _context(request, plan, form))
        return render(request, TEMPLATE, _context(request, plan, form), status=400)
    opinion, created = meeting_record.record(
        plan=plan, token=form.cleaned_data["token"], data=form.cleaned_data, by=request.user
    )
    if not is_htmx(request):
        messages.success(
            request, "Đã ghi ý kiến." if created else "Ý kiến này đã được ghi trước đó."
        )
        return redirect("opinions:console", plan_id=plan.public_id)
    context = _context(request, plan) | {"saved": opinion, "oob_recorded": True, "oob_queue": True}
    return render(request, TEMPLATE + "#after-record", context)


@require_POST
@staff_view()
def console_answer(request, opinion_id):
    opinion = access.fetch(
        request,
        "meeting.record",
        Opinion.objects.select_related("plan__commune"),
        public_id=opinion_id,
    )
    form = AnswerFields(request.POST, plan=opinion.plan)
    if form.is_valid():
        meeting_record.update_answer(opinion, form.cleaned_data)
    elif not is_htmx(request):
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    if not is_htmx(request):
        return redirect("opinions:console", plan_id=opinion.plan.public_id)
    opinion = meeting_record.meeting_opinions(opinion.plan).get(pk=opinion.pk)
    context = {"opinion": opinion, "answer_form": form, "may_record": True, "plan": opinion.plan}
    return render(request, TEMPLATE + "#recorded-item", context)


@require_POST
@staff_view()
def speaker_register(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.record")
    form = SpeakerForm(request.POST, plan=plan, prefix=SPEAKER_PREFIX)
    if form.is_valid():
        meeting_record.register_speaker(plan=plan, **form.cleaned_data)
    else:
        messages.error(request, "Hãy ghi họ tên người đăng ký phát biểu.")
    return _after_queue_change(request, plan)


@require_POST
@staff_view()
def speaker_action(request, speaker_id, action):
    speaker = access.fetch(
        request,
        "meeting.record",
        SpeakerRequest.objects.select_related("plan__commune"),
        public_id=speaker_id,
    )
    plan = speaker.plan
    actions = {
        "moi": lambda: meeting_record.call(speaker),
        "bo-qua": lambda: meeting_record.skip(speaker),
        "len": lambda: meeting_record.move(speaker, -1),
        "xuong": lambda: meeting_record.move(speaker, 1),
    }
    if action in actions:
        actions[action]()
    return _after_queue_change(request, plan)


@require_POST
@staff_view()
def speaker_next(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.record")
    meeting_record.call_next(plan)
    return _after_queue_change(request, plan)


@require_POST
@staff_view()
def agenda_current(request, item_id):
    item = access.fetch(
        request,
        "meeting.record",
        AgendaItem.objects.select_related("plan__commune"),
        public_id=item_id,
    )
    meeting_day.set_current_item(item)
    return _after_queue_change(request, item.plan)


def _after_queue_change(request, plan):
    """The queue changed: redraw it, and the record form too if nothing is typed in it."""
    if not is_htmx(request):
        return redirect("opinions:console", plan_id=plan.public_id)
    # Never wipe what the secretary is typing: the form follows the new speaker only if empty.
    form_is_empty = not request.POST.get("text", "").strip()
    return render(
        request, TEMPLATE + "#after-queue", _context(request, plan) | {"oob_form": form_is_empty}
    )


@staff_view()
def projector(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.console")
    speakers = _speakers(plan)
    context = {
        "plan": plan,
        "current_item": AgendaItem.objects.filter(plan=plan, is_current=True).first(),
        "current": next((s for s in speakers if s.status == SpeakerStatus.SPEAKING), None),
        "upcoming": [s for s in speakers if s.status == SpeakerStatus.WAITING][:3],
    }
    template = "opinions/projector.html"
    if is_htmx(request):
        template += "#screen"
    return render(request, template, context)
