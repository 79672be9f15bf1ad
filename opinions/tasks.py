from celery import shared_task

from kesat_dialogue import tenancy

from . import imports, printing
from .models import ImportJob, SlipPrintJob


@shared_task(name="opinions.import_slips")
def import_slips(*, job_id: int) -> None:
    with tenancy.all_communes("an import job is found by its id, then runs in its commune"):
        job = ImportJob.objects.filter(pk=job_id).select_related("plan__commune").first()
    if job is None:
        return
    with tenancy.commune_scope(job.plan.commune):
        imports.run(job)


@shared_task(name="opinions.print_slips")
def print_slips(*, job_id: int) -> None:
    with tenancy.all_communes("a printing is found by its id, then runs in its commune"):
        job = SlipPrintJob.objects.filter(pk=job_id).select_related("plan__commune").first()
    if job is None:
        return
    with tenancy.commune_scope(job.plan.commune):
        printing.render(job)
