from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesat_dialogue import access, papers
from kesat_dialogue.access import staff_view

from .. import printing, services
from ..forms import OpinionFormEditForm, PrintBlanksForm
from ..models import SlipBatch, SlipPrintJob
from ..tasks import print_slips
from .base import in_background, is_htmx, plan_for


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
    return render(
        request, "opinions/form.html", _page(plan, form, form_template, PrintBlanksForm(plan=plan))
    )


def _page(plan, form, form_template, print_form) -> dict:
    return {
        "plan": plan,
        "form": form,
        "form_template": form_template,
        "print_form": print_form,
        "batches": SlipBatch.objects.filter(plan=plan).select_related("village"),
        "waiting": SlipPrintJob.objects.filter(plan=plan)
        .holding_serials(timezone.now())
        .defer("pdf"),
    }


@require_POST
@staff_view()
def opinion_form_print(request, plan_id):
    """Blank forms are made in the background: the office sees the progress, then downloads."""
    plan = plan_for(request, plan_id, "opinion_form.edit")
    form_template = services.opinion_form_for_change(plan)
    print_form = PrintBlanksForm(request.POST, plan=plan)
    if not print_form.is_valid():
        form = OpinionFormEditForm(instance=form_template)
        context = _page(plan, form, form_template, print_form)
        return render(request, "opinions/form.html", context, status=400)
    job = printing.start(
        plan=plan,
        villages=print_form.cleaned_data["villages"],
        copies=print_form.cleaned_data["copies"],
        by=request.user,
    )
    in_background(print_slips, job, printing.render)
    return redirect("opinions:print-status", job_id=job.public_id)


@staff_view()
def print_status(request, job_id):
    job = access.fetch(
        request, "opinion_form.edit", SlipPrintJob.objects.select_related("plan"), public_id=job_id
    )
    template = "opinions/print_status.html"
    if is_htmx(request):
        template += "#progress"
    return render(request, template, {"plan": job.plan, "job": job})


@require_POST
@staff_view()
def print_download(request, job_id):
    job = access.fetch(
        request, "opinion_form.edit", SlipPrintJob.objects.select_related("plan"), public_id=job_id
    )
    try:
        pdf = printing.hand_out(job=job)
    except printing.PrintRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("opinions:print-status", job_id=job.public_id)
    name = f"phieu-lay-y-kien-{job.first_serial:04d}-{job.last_serial:04d}.pdf"
    return papers.pdf_response(pdf, name)


@require_POST
@staff_view()
def opinion_form_ready(request, plan_id):
    plan = plan_for(request, plan_id, "opinion_form.edit")
    services.mark_form_ready(form=services.opinion_form_for_change(plan), by=request.user)
    messages.success(request, "Mẫu phiếu đã sẵn sàng; bước 01/6 được đánh dấu hoàn thành.")
    return redirect("opinions:form", plan_id=plan.public_id)
