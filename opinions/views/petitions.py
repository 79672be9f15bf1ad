from collections import Counter

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import access, privacy
from kesat_dialogue.access import can, staff_view
from meetings.models import Unit

from .. import services, similar
from ..forms import AttachToPetitionForm, MergeForm, PetitionForm
from ..models import Opinion, Petition
from .base import plan_for, shows_identity


def _petitions(plan):
    return (
        Petition.objects.filter(plan=plan).select_related("field", "unit", "answer").with_repeated()
    )


def asked_before(plan, limit=50) -> list:
    """What the people of these villages asked at earlier dialogues, and what became of it."""
    earlier = list(
        Petition.objects.asked_before(plan)
        .with_outcome()
        .select_related("field")
        .order_by("-plan__year", "-plan__number", "field__position", "pk")[:limit]
    )
    Petition.attach_opinion_facts(earlier)
    return earlier


@staff_view()
def petition_list(request, plan_id):
    plan = plan_for(request, plan_id, "petition.view")
    query = request.GET.get("q", "")
    petitions = _petitions(plan).matching(query).order_by("field__position", "pk")
    page = Paginator(petitions, 30).get_page(request.GET.get("trang"))
    page.object_list = list(page.object_list)
    Petition.attach_opinion_facts(page.object_list)
    context = {"plan": plan, "page": page, "q": query, "earlier": asked_before(plan)}
    return render(request, "opinions/petition_list.html", context)


@staff_view()
def petition_create(request, plan_id):
    plan = plan_for(request, plan_id, "petition.merge")
    mergeable = Opinion.objects.filter(plan=plan).mergeable().select_related("village", "field")
    chosen = list(mergeable.filter(public_id__in=request.GET.getlist("y")))
    initial = {"opinions": chosen}
    if chosen:
        initial["text"] = chosen[0].text
        initial["field"] = Counter(o.field_id for o in chosen).most_common(1)[0][0]
    form = MergeForm(request.POST or None, plan=plan, mergeable=mergeable, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        petition = services.merge(
            plan=plan,
            opinions=data["opinions"],
            text=data["text"],
            field=data["field"],
            unit=data["unit"],
            by=request.user,
        )
        messages.success(
            request, f"Đã tổng hợp {len(data['opinions'])} ý kiến thành một kiến nghị."
        )
        return redirect(petition)
    seed_text = request.POST.get("text") or initial.get("text", "")
    suggestions = similar.suggest(mergeable.exclude(pk__in=[o.pk for o in chosen]), seed_text)
    context = {
        "plan": plan,
        "form": form,
        "chosen": chosen,
        "suggestions": suggestions,
        "show_identity": shows_identity(request),
    }
    return render(request, "opinions/petition_create.html", context)


@staff_view()
def petition_detail(request, petition_id):
    petition = access.fetch(request, "petition.view", _petitions_qs(), public_id=petition_id)
    plan = petition.plan
    may_merge = can(request.user, "petition.merge", petition)
    edit_form = PetitionForm(instance=petition, plan=plan) if may_merge else None
    mergeable = Opinion.objects.filter(plan=plan).mergeable().select_related("village", "field")
    opinions = list(petition.opinions.select_related("slip", "village", "field"))
    if shows_identity(request):
        slips = {o.slip_id: o.slip for o in opinions if o.slip_id}
        privacy.record_view(request, f"Kiến nghị: {petition.text}", slips.values())
    context = {
        "plan": plan,
        "petition": petition,
        "edit_form": edit_form,
        "may_merge": may_merge,
        "opinions": opinions,
        "suggestions": similar.suggest(mergeable, petition.text) if may_merge else [],
        "show_identity": shows_identity(request),
        "may_see_opinions": can(request.user, "opinion.view", plan),
        "may_open_attachment": can(request.user, "answer.file", petition),
    }
    return render(request, "opinions/petition_detail.html", context)


def _petitions_qs():
    return (
        Petition.objects.with_counts()
        .select_related("plan__commune", "field", "unit", "answer__unit")
        .with_repeated()
    )


@require_POST
@staff_view()
def petition_update(request, petition_id):
    petition = access.fetch(request, "petition.merge", _petitions_qs(), public_id=petition_id)
    form = PetitionForm(request.POST, instance=petition, plan=petition.plan)
    if form.is_valid():
        data = form.cleaned_data
        services.update_petition(
            petition=petition, text=data["text"], field=data["field"], unit=data["unit"]
        )
        messages.success(request, "Đã lưu kiến nghị.")
    else:
        messages.error(
            request,
            "Chưa lưu được: " + "; ".join(e for errors in form.errors.values() for e in errors),
        )
    return redirect(petition)


@require_POST
@staff_view()
def petition_attach(request, petition_id):
    petition = access.fetch(request, "petition.merge", _petitions_qs(), public_id=petition_id)
    mergeable = Opinion.objects.filter(plan=petition.plan).mergeable()
    form = AttachToPetitionForm(request.POST, mergeable=mergeable)
    if form.is_valid():
        services.merge(
            plan=petition.plan,
            opinions=form.cleaned_data["opinions"],
            text=petition.text,
            field=petition.field,
            unit=petition.unit,
            by=request.user,
            petition=petition,
        )
        messages.success(
            request, f"Đã thêm {len(form.cleaned_data['opinions'])} ý kiến vào kiến nghị."
        )
    else:
        messages.error(request, "Hãy chọn ít nhất một ý kiến để thêm.")
    return redirect(petition)


@require_POST
@staff_view()
def opinion_unmerge(request, opinion_id):
    opinion = access.fetch(
        request,
        "petition.merge",
        Opinion.objects.select_related("petition", "plan"),
        public_id=opinion_id,
    )
    petition = opinion.petition
    services.unmerge(opinion=opinion)
    messages.success(
        request, "Đã tách ý kiến khỏi kiến nghị; ý kiến trở lại danh sách chưa tổng hợp."
    )
    if petition and Petition.objects.filter(pk=petition.pk).exists():
        return redirect(petition)
    return redirect("opinions:petition-list", plan_id=opinion.plan.public_id)


@staff_view()
def petition_assign(request, plan_id):
    plan = plan_for(request, plan_id, "petition.assign")
    petitions = list(_petitions(plan).order_by("field__position", "pk"))
    Petition.attach_opinion_facts(petitions)
    units = list(Unit.objects.for_commune(plan.commune))
    if request.method == "POST":
        by_id = {str(u.pk): u for u in units}
        changes = {p: by_id.get(request.POST.get(f"don_vi_{p.public_id}", "")) for p in petitions}
        changed = services.assign_units(assignments=changes)
        messages.success(request, f"Đã lưu cơ quan trả lời ({changed} kiến nghị thay đổi).")
        return redirect("opinions:petition-assign", plan_id=plan.public_id)
    return render(
        request,
        "opinions/petition_assign.html",
        {"plan": plan, "petitions": petitions, "units": units},
    )
