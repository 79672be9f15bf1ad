import logging

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render

from kesat_dialogue import access
from kesat_dialogue.access import staff_view

from .. import excel, imports
from ..forms import ImportUploadForm
from ..models import ImportJob
from ..tasks import import_slips
from .base import is_htmx, plan_for

log = logging.getLogger(__name__)
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
        transaction.on_commit(lambda: _dispatch(job))
        return redirect("opinions:import-status", job_id=job.public_id)
    jobs = ImportJob.objects.filter(plan=plan).select_related("created_by")[:10]
    return render(request, "opinions/import.html", {"plan": plan, "form": form, "jobs": jobs})


def _dispatch(job: ImportJob) -> None:
    try:
        import_slips.delay(job_id=job.pk)
    except Exception:  # the broker is down: the upload must not be lost
        log.warning("broker unavailable, importing %s in the web process", job.pk, exc_info=True)
        imports.run(job)


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
    content = excel.export_workbook(
        plan, with_identity=access.can(request.user, "personal_data.view")
    )
    return _xlsx(content, f"y-kien-kien-nghi-{plan.file_tag}.xlsx")
