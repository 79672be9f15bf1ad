"""Running an uploaded workbook through the checks and, when all is well, into the plan."""

import logging

from django.db import transaction

from . import excel
from .models import ImportJob, ImportStatus

MAX_REPORTED_ERRORS = 300
UNREADABLE = "Không đọc được tệp. Hãy mở bằng Excel, lưu lại dạng .xlsx theo mẫu rồi tải lên."
log = logging.getLogger(__name__)


def run(job: ImportJob) -> ImportJob:
    """Check every row, then save all the slips or none. Idempotent once finished."""
    if job.finished:
        return job
    job.status = ImportStatus.RUNNING
    job.save(update_fields=["status"])

    def progress(rows_done):
        ImportJob.objects.filter(pk=job.pk).update(rows_done=rows_done)

    try:
        with job.file.open("rb") as handle:
            content = handle.read()
        rows = list(excel.read_rows(content))
        job.rows_total = len(rows)
        job.save(update_fields=["rows_total"])
        slips, errors = excel.parse(job.plan, rows, progress=progress)
    except excel.ImportFileError as exc:
        return _finish(job, ImportStatus.FAILED, errors=[str(exc)])
    except Exception:  # a workbook broken in a way no check foresaw: say so, never crash
        log.exception("import %s failed while reading", job.pk)
        return _finish(job, ImportStatus.FAILED, errors=[UNREADABLE])
    if not rows:
        return _finish(
            job, ImportStatus.FAILED, errors=["Tệp không có dòng dữ liệu nào dưới tiêu đề."]
        )
    if errors:
        lines = [e.as_text() for e in errors[:MAX_REPORTED_ERRORS]]
        if len(errors) > MAX_REPORTED_ERRORS:
            lines.append(f"… và {len(errors) - MAX_REPORTED_ERRORS} lỗi khác.")
        return _finish(job, ImportStatus.FAILED, errors=lines)
    with transaction.atomic():
        created = excel.save(job.plan, slips, by=job.created_by)
        return _finish(job, ImportStatus.DONE, slips_created=created)


def _finish(job: ImportJob, status, *, errors=(), slips_created=0) -> ImportJob:
    job.status = status
    job.errors = list(errors)
    job.slips_created = slips_created
    job.rows_done = job.rows_total
    job.save(update_fields=["status", "errors", "slips_created", "rows_done"])
    return job
