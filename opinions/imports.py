"""Running an uploaded workbook through the checks and, when all is well, into the plan."""

import logging

from django.db import IntegrityError, transaction
from django.urls import reverse

from kesat_dialogue import notifications
from kesat_dialogue.models import Role, User

from . import excel
from .models import ImportJob, ImportStatus

MAX_REPORTED_ERRORS = 300
UNREADABLE = "Không đọc được tệp. Hãy mở bằng Excel, lưu lại dạng .xlsx theo mẫu rồi tải lên."
COLLIDED = (
    "Không nhập được: trong lúc kiểm tra tệp, một số phiếu trong tệp đã được nhập ở nơi khác. "
    "Chưa phiếu nào trong tệp được lưu. Hãy tải lại tệp để xem những phiếu trùng."
)
NOT_SAVED = (
    "Không nhập được vì lỗi khi lưu; chưa phiếu nào trong tệp được lưu. Hãy thử tải lên lại; "
    "nếu vẫn lỗi, báo quản trị hệ thống."
)
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
        rows = excel.Rows(content)
        job.rows_total = rows.estimate
        job.save(update_fields=["rows_total"])
        slips, errors = excel.parse(job.plan, rows, progress=progress)
        job.rows_total = rows.count
    except excel.ImportFileError as exc:
        return _finish(job, ImportStatus.FAILED, errors=[str(exc)])
    except Exception:  # a workbook broken in a way no check foresaw: say so, never crash
        log.exception("import %s failed while reading", job.pk)
        return _finish(job, ImportStatus.FAILED, errors=[UNREADABLE])
    if not rows.count:
        return _finish(
            job, ImportStatus.FAILED, errors=["Tệp không có dòng dữ liệu nào dưới tiêu đề."]
        )
    if errors:
        lines = [e.as_text() for e in errors[:MAX_REPORTED_ERRORS]]
        if len(errors) > MAX_REPORTED_ERRORS:
            lines.append(f"… và {len(errors) - MAX_REPORTED_ERRORS} lỗi khác.")
        return _finish(job, ImportStatus.FAILED, errors=lines)
    try:
        with transaction.atomic():
            created = excel.save(job.plan, slips, by=job.created_by)
            _tell_the_front(job, created)
    except IntegrityError:
        # A serial typed on the entry page while the file was being checked.
        log.warning("import %s collided with slips saved meanwhile", job.pk, exc_info=True)
        return _finish(job, ImportStatus.FAILED, errors=[COLLIDED])
    except Exception:
        log.exception("import %s failed while saving", job.pk)
        return _finish(job, ImportStatus.FAILED, errors=[NOT_SAVED])
    return _finish(job, ImportStatus.DONE, slips_created=created)


def _tell_the_front(job: ImportJob, created: int) -> None:
    """The Front classifies and merges what was imported (by the office or its own staff)."""
    plan = job.plan
    front = User.objects.for_commune(plan.commune).filter(role=Role.FRONT, is_active=True)
    notifications.hand_off(
        plan=plan,
        users=front.exclude(pk=job.created_by_id),
        key=f"import:{job.pk}",
        text=f"Đã nhập {created} phiếu từ tệp {job.filename}: mời MTTQ phân loại, tổng hợp.",
        url=reverse("opinions:opinion-list", args=[plan.public_id]) + "?status=unmerged",
    )


def _finish(job: ImportJob, status, *, errors=(), slips_created=0) -> ImportJob:
    job.status = status
    job.errors = list(errors)
    job.slips_created = slips_created
    job.rows_done = job.rows_total
    job.save(update_fields=["status", "errors", "slips_created", "rows_total", "rows_done"])
    return job
