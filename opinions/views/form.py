from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kesat_dialogue import papers
from kesat_dialogue.access import staff_view

from .. import documents, services
from ..forms import OpinionFormEditForm, PrintBlanksForm
from ..models import OpinionSlip, SlipBatch
from .base import plan_for


@staff_view()
def opinion_form(request, plan_id):
    plan = plan_for(request, plan_id, "opinion_form.edit")
    form_template = (
        services.opinion_form_for_change(plan)
        if request.method == "POST"
        else services.opinion_form_of(plan)
    )
    form = OpinionFormEditForm(request.POST or None, instance=form_template)
    if form.is_valid():
        form.save()
        messages.success(request, "Đã lưu mẫu phiếu.")
        return redirect("opinions:form", plan_id=plan.public_id)
    context = {
        "plan": plan,
        "form": form,
        "form_template": form_template,
        "print_form": PrintBlanksForm(plan=plan),
        "batches": SlipBatch.objects.filter(plan=plan).select_related("village"),
    }
    return render(request, "opinions/form.html", context)


@require_POST
@staff_view()
def opinion_form_print(request, plan_id):
    plan = plan_for(request, plan_id, "opinion_form.edit")
    form_template = services.opinion_form_for_change(plan)
    print_form = PrintBlanksForm(request.POST, plan=plan)
    if not print_form.is_valid():
        context = {
            "plan": plan,
            "form": OpinionFormEditForm(instance=form_template),
            "form_template": form_template,
            "print_form": print_form,
            "batches": SlipBatch.objects.filter(plan=plan).select_related("village"),
        }
        return render(request, "opinions/form.html", context, status=400)
    batches = _new_batches(
        plan, print_form.cleaned_data["villages"], print_form.cleaned_data["copies"]
    )
    pdf = documents.blank_forms_pdf(form_template, batches)
    first, last = batches[0].first_serial, batches[-1].last_serial
    return papers.pdf_response(pdf, f"phieu-lay-y-kien-{first:04d}-{last:04d}.pdf")


@transaction.atomic
def _new_batches(plan, villages, copies) -> list[SlipBatch]:
    """Serials continue after every printed run and every typed slip: none is printed twice."""
    last_printed = (
        SlipBatch.objects.filter(plan=plan).select_for_update().order_by("-first_serial").first()
    )
    start = (
        max(
            last_printed.last_serial if last_printed else 0,
            OpinionSlip.objects.filter(plan=plan).aggregate(m=Max("serial"))["m"] or 0,
        )
        + 1
    )
    batches = []
    for village in villages:
        batches.append(
            SlipBatch.objects.create(plan=plan, village=village, first_serial=start, count=copies)
        )
        start += copies
    return batches


@require_POST
@staff_view()
def opinion_form_ready(request, plan_id):
    plan = plan_for(request, plan_id, "opinion_form.edit")
    services.mark_form_ready(form=services.opinion_form_for_change(plan), by=request.user)
    messages.success(request, "Mẫu phiếu đã sẵn sàng; bước 01/6 được đánh dấu hoàn thành.")
    return redirect("opinions:form", plan_id=plan.public_id)
