from celery import shared_task

from . import imports
from .models import ImportJob


@shared_task(name="opinions.import_slips")
def import_slips(*, job_id: int) -> None:
    job = ImportJob.objects.filter(pk=job_id).select_related("plan", "created_by").first()
    if job is None:
        return
    imports.run(job)
