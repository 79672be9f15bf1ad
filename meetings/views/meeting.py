"""Delegates, invitations, attendance and the programme of the meeting."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import access, papers
from kesat_dialogue.access import can, require, staff_view
from kesat_dialogue.htmx import is_htmx
from kesat_dialogue.models import Paper

from .. import documents, meeting_day
from ..forms import AgendaItemForm, MeetingForm, ParticipantForm, ResidentForm, SubstituteForm
from ..models import AgendaItem, Participant
from .base import plan_for


def _participants(plan, user):
    """The plan's delegates that this user may see named."""
    return Participant.objects.filter(plan=plan).visible_to(user).select_related("village", "unit")


def _delegates_context(request, plan, form=None, resident_form=None) -> dict:
    village = access.village_of(request.user)
    may_manage = can(request.user, "delegate.manage", plan)
    if may_manage and form is None:
        form = ParticipantForm(plan=plan)
    if resident_form is None and can(request.user, "delegate.add_village", village):
        resident_form = ResidentForm()
    participants = _participants(plan, request.user)
    if not may_manage and village:
        participants = participants.filter(village=village)
    return {
        "plan": plan,
        "participants": participants,
        "form": form if may_manage else None,
        "resident_form": resident_form,
        "village": village,
        "may_manage": may_manage,
        "invitation_batches": Paper.objects.filter(
            pk__in=Participant.objects.filter(plan=plan).values("invitation")
        ).order_by("issued_at")
        if may_manage
        else [],
        "not_invited": len(documents.invitees(plan, participants.filter(invitation__isnull=True)))
        if may_manage
        else 0,
    }


@staff_view()
def delegates(request, plan_id):
    plan = plan_for(request, plan_id, "delegate.list")
    return render(request, "meetings/delegates.html", _delegates_context(request, plan))


@require_POST
@staff_view()
def delegate_add(request, plan_id):
    plan = plan_for(request, plan_id)
    village = access.village_of(request.user)
    if can(request.user, "delegate.manage", plan):
        form, resident_of = ParticipantForm(request.POST, plan=plan), None
    else:
        require(request.user, "delegate.add_village", village)
        form, resident_of = ResidentForm(request.POST), village
    if not form.is_valid():
        # Shown again with what was typed and the field messages, nothing lost.
        forms = {"resident_form": form} if resident_of else {"form": form}
        context = _delegates_context(request, plan, **forms)
        return render(request, "meetings/delegates.html", context, status=400)
    participant = meeting_day.add_participant(
        plan, form.save(commit=False), by=request.user, resident_of=resident_of
    )
    messages.success(request, f"Đã thêm đại biểu {participant.display_name}.")
    return redirect("meetings:delegates", plan_id=plan.public_id)


@require_POST
@staff_view()
def delegates_invite_composition(request, plan_id):
    plan = plan_for(request, plan_id, "delegate.manage")
    added = meeting_day.invite_composition(plan, by=request.user)
    messages.success(request, f"Đã thêm {added} đại biểu theo thành phần của kế hoạch.")
    return redirect("meetings:delegates", plan_id=plan.public_id)


@staff_view()
def invitations_pdf(request, plan_id):
    plan = plan_for(request, plan_id, "delegate.list")
    participants = _participants(plan, request.user)
    if not can(request.user, "delegate.manage", plan):
        participants = participants.filter(village=access.village_of(request.user))
    pdf = documents.invitations_pdf(plan, participants)
    return papers.pdf_response(pdf, f"giay-moi-{plan.file_tag}.pdf")


@require_POST
@staff_view()
def invitations_issue(request, plan_id):
    plan = plan_for(request, plan_id, "delegate.manage")
    try:
        paper = meeting_day.issue_invitations(plan, by=request.user)
    except meeting_day.NobodyToInvite as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, f"Đã ban hành giấy mời số {paper.symbol} cho {paper.page_count} đại biểu."
        )
    return redirect("meetings:delegates", plan_id=plan.public_id)


@staff_view()
def delegate_list_pdf(request, plan_id):
    plan = plan_for(request, plan_id, "delegate.list")
    return papers.pdf_response(
        documents.delegate_list_pdf(plan, _participants(plan, request.user)),
        f"danh-sach-dai-bieu-{plan.file_tag}.pdf",
    )


def _attendance_context(request, plan, meeting_form=None) -> dict:
    query = request.GET.get("q", "").strip()
    participants = _participants(plan, request.user)
    if query:
        participants = participants.matching(query)
    return {
        "plan": plan,
        "participants": participants,
        "q": query,
        "counts": meeting_day.attendance_counts(plan),
        "may_record": can(request.user, "meeting.record", plan),
        "meeting_form": meeting_form
        or MeetingForm(instance=meeting_day.meeting_of(plan), plan=plan),
        "substitute_form": SubstituteForm(),
    }


@staff_view()
def attendance(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.view")
    context = _attendance_context(request, plan)
    template = "meetings/attendance.html"
    if is_htmx(request):
        template += "#rows"
    return render(request, template, context)


@require_POST
@staff_view()
def attendance_mark(request, participant_id, action):
    participant = access.fetch(
        request,
        "meeting.record",
        Participant.objects.select_related("plan", "village", "unit"),
        public_id=participant_id,
    )
    if action == "co-mat":
        meeting_day.check_in(participant)
    elif action == "vang":
        meeting_day.mark_absent(participant)
    else:
        form = SubstituteForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Hãy ghi họ tên người dự thay.")
            return redirect("meetings:attendance", plan_id=participant.plan.public_id)
        meeting_day.record_substitute(
            participant,
            name=form.cleaned_data["name"],
            position=form.cleaned_data["position"],
            reported=form.cleaned_data["reported"],
        )
    if is_htmx(request):
        context = {
            "plan": participant.plan,
            "participant": participant,
            "may_record": True,
            "oob_counts": True,
            "counts": meeting_day.attendance_counts(participant.plan),
            "substitute_form": SubstituteForm(),
        }
        return render(request, "meetings/attendance.html#checked", context)
    return redirect("meetings:attendance", plan_id=participant.plan.public_id)


@require_POST
@staff_view()
def meeting_settings(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.record")
    form = MeetingForm(request.POST, instance=meeting_day.meeting_for_change(plan), plan=plan)
    if not form.is_valid():
        context = _attendance_context(request, plan, meeting_form=form)
        return render(request, "meetings/attendance.html", context, status=400)
    form.save()
    messages.success(request, "Đã lưu thông tin hội nghị.")
    return redirect("meetings:attendance", plan_id=plan.public_id)


@staff_view()
def agenda(request, plan_id):
    plan = plan_for(request, plan_id, "handout.view")
    context = {
        "plan": plan,
        "items": AgendaItem.objects.filter(plan=plan),
        "form": AgendaItemForm(),
        "may_record": can(request.user, "meeting.record", plan),
    }
    return render(request, "meetings/agenda.html", context)


@require_POST
@staff_view()
def agenda_action(request, item_id, action):
    item = access.fetch(
        request, "meeting.record", AgendaItem.objects.select_related("plan"), public_id=item_id
    )
    if action == "hien-tai":
        meeting_day.set_current_item(item)
    elif action in ("len", "xuong"):
        meeting_day.move_item(item, -1 if action == "len" else 1)
    elif action == "xoa":
        item.delete()
    else:
        raise Http404("Không có việc này trên chương trình hội nghị.")
    return redirect("meetings:agenda", plan_id=item.plan.public_id)


@require_POST
@staff_view()
def agenda_add(request, plan_id):
    plan = plan_for(request, plan_id, "meeting.record")
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        meeting_day.add_agenda_item(plan, form.cleaned_data["title"])
    else:
        messages.error(request, "Hãy ghi nội dung mục chương trình.")
    return redirect("meetings:agenda", plan_id=plan.public_id)


@staff_view()
def attendance_sheet_pdf(request, plan_id):
    plan = plan_for(request, plan_id, "delegate.list")
    pdf = documents.delegate_list_pdf(plan, _participants(plan, request.user), with_signatures=True)
    return papers.pdf_response(pdf, f"danh-sach-diem-danh-{plan.file_tag}.pdf")
