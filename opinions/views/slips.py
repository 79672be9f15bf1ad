from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from kesat_dialogue import access, audit, privacy
from kesat_dialogue.access import require, staff_view
from kesat_dialogue.models import AuditAction
from meetings.models import DialoguePlan

from .. import listing, services
from ..forms import OpinionEntryFormSet, OpinionFilterForm, SlipForm
from ..models import Opinion, OpinionSlip, SlipBatch
from .base import plan_for, shows_identity

# What stays filled in from one slip to the next: a stack of forms shares them.
STICKY = {"thon": "village", "to_chuc": "collected_by", "ngay": "collected_on"}


def _sticky_initial(request, plan) -> dict:
    initial = {"collected_on": timezone.localdate()}
    for param, field in STICKY.items():
        if request.GET.get(param):
            initial[field] = request.GET[param]
    return initial


def _without_identity(slip) -> str:
    if slip.consent is False:
        return "; người góp ý không đồng ý nên không lưu họ tên, liên lạc"
    return ""


@staff_view()
def slip_create(request, plan_id):
    plan = plan_for(request, plan_id, "slip.enter")
    slip = OpinionSlip(plan=plan)
    form = SlipForm(
        request.POST or None, instance=slip, plan=plan, initial=_sticky_initial(request, plan)
    )
    opinions = OpinionEntryFormSet(
        request.POST or None, prefix="y", form_kwargs={"commune": plan.commune}
    )
    if request.method == "POST" and form.is_valid() and opinions.is_valid():
        slip = services.create_slip(
            slip=form.save(commit=False),
            opinions=opinions.opinions(),
            by=request.user,
            consent=form.cleaned_data["consent"],
        )
        messages.success(
            request,
            f"Đã lưu phiếu số {slip.serial:04d} ({slip.opinions.count()} ý kiến, "
            f"thôn {slip.village}){_without_identity(slip)}. Mời nhập phiếu tiếp theo.",
        )
        sticky = {
            "thon": slip.village_id,
            "to_chuc": slip.collected_by_id or "",
            "ngay": slip.collected_on.strftime("%d/%m/%Y"),
        }
        return redirect(
            f"{reverse('opinions:slip-create', args=[plan.public_id])}?{urlencode(sticky)}"
        )
    context = {
        "plan": plan,
        "form": form,
        "opinions": opinions,
        "slip": None,
        "may_edit": True,
        "batches": SlipBatch.objects.filter(plan=plan).select_related("village"),
        "recent": OpinionSlip.objects.filter(plan=plan, created_by=request.user)
        .select_related("village")
        .order_by("-created_at")[:5],
    }
    return render(
        request, "opinions/slip_form.html", context, status=400 if request.method == "POST" else 200
    )


@staff_view()
def slip_edit(request, slip_id):
    """The typed slip: corrected by the office and the Front, read by the chair, and read
    only by everyone once the dialogue is archived."""
    slip = access.fetch(
        request, "slip.view", OpinionSlip.objects.select_related("plan__commune"), public_id=slip_id
    )
    plan = slip.plan
    privacy.record_view(request, f"Phiếu số {slip.serial:04d}", [slip])
    may_edit = access.can(request.user, "slip.enter", plan)
    if request.method == "POST":
        require(request.user, "slip.enter", plan)
    before = services.slip_snapshot(slip)
    form = SlipForm(request.POST or None, instance=slip, plan=plan)
    initial = [{"text": o.text, "kind": o.kind, "field": o.field_id} for o in slip.opinions.all()]
    opinions = OpinionEntryFormSet(
        request.POST or None, prefix="y", initial=initial, form_kwargs={"commune": plan.commune}
    )
    if request.method == "POST" and form.is_valid() and opinions.is_valid():
        services.update_slip(
            slip=form.save(commit=False),
            before=before,
            opinions=opinions.opinions(),
            by=request.user,
            consent=form.cleaned_data.get("consent"),
        )
        messages.success(request, f"Đã lưu phiếu số {slip.serial:04d}{_without_identity(slip)}.")
        return redirect(slip)
    context = {
        "plan": plan,
        "form": form,
        "opinions": opinions,
        "slip": slip,
        "may_edit": may_edit,
        "revisions": audit.labelled(audit.history(slip).filter(action=AuditAction.CHANGED), slip),
    }
    return render(
        request, "opinions/slip_form.html", context, status=400 if request.method == "POST" else 200
    )


@staff_view()
def opinion_list(request, plan_id):
    plan = plan_for(
        request,
        plan_id,
        "opinion.view",
        DialoguePlan.objects.for_heading(),
    )
    filters = OpinionFilterForm(request.GET or None, plan=plan)
    opinions = filters.filter(Opinion.objects.under(plan=plan)).order_by(
        "slip_serial", "position", "pk"
    )
    show_identity = shows_identity(request)
    page = Paginator(opinions, 50).get_page(request.GET.get("trang"))
    rows = listing.rows(
        page.object_list,
        with_identity=show_identity,
        villages=filters.village_names,
        fields=filters.field_names,
    )
    if show_identity:
        privacy.record_view(request, "Danh sách ý kiến", listing.identities(rows))
    may_merge = access.can(request.user, "petition.merge", plan)
    context = {
        "plan": plan,
        "filters": filters,
        "page": page,
        "rows": rows,
        "table_rows": listing.table_rows(
            rows,
            may_merge=may_merge,
            may_open_slips=access.can(request.user, "slip.view", plan),
            show_identity=show_identity,
            show_sensitive=access.can(request.user, "opinion.sensitive_text", plan),
        ),
        "may_merge": may_merge,
        "show_identity": show_identity,
    }
    return render(request, "opinions/opinion_list.html", context)
