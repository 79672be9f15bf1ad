from django.http import HttpResponse
from django.shortcuts import redirect, render

from kesat_dialogue import access, privacy
from kesat_dialogue.access import staff_view

from .. import excel, imports
from ..forms import ImportUploadForm
from ..models import ImportJob, OpinionSlip
from ..tasks import import_slips
from .base import in_background, is_htmx, plan_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view()
def import_template(request, plan_id):
    plan = plan_for(request, plan_id, "slip.enter")
    return _xlsx(excel.template_workbook(plan), f"mau-nhap-phieu-{plan.file_tag}.xlsx")


@staff_view()
def import_upload(request, plan_id):
    plan = plan_for(request, plan_id, "slip.enter")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            plan=plan, file=upload, filename=upload.name, created_by=request.user
        )
        in_background(import_slips, job, imports.run)
        return redirect("opinions:import-status", job_id=job.public_id)
    jobs = ImportJob.objects.filter(plan=plan).select_related("created_by")[:10]
    return render(request, "opinions/import.html", {"plan": plan, "form": form, "jobs": jobs})


@staff_view()
def import_status(request, job_id):
    job = access.fetch(
        request, "slip.enter", ImportJob.objects.select_related("plan"), public_id=job_id
    )
    template = "opinions/import_status.html"
    if is_htmx(request):
        template += "#progress"
    return render(request, template, {"plan": job.plan, "job": job})


@staff_view()
def export(request, plan_id):
    plan = plan_for(request, plan_id, "opinion.export")
    with_identity = access.can(request.user, "personal_data.view")
    content = excel.export_workbook(plan, with_identity=with_identity)
    if with_identity:
        privacy.record_view(
            request, "Tệp Excel ý kiến, kiến nghị", OpinionSlip.objects.filter(plan=plan)
        )
    return _xlsx(content, f"y-kien-kien-nghi-{plan.file_tag}.xlsx")
