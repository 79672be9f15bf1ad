"""Blank forms printed in the background, with their progress.

A printing takes its serials when it starts (after every printed run, every typed slip and
every other printing still waiting to be downloaded), renders the forms in chunks so its
page can show how far it is, and turns its serials into printed runs (``SlipBatch``) when
the PDF is downloaded. A printing never downloaded gives its serials back after
``SlipPrintJob.RESERVED_HOURS``.
"""

import io
import logging

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from pypdf import PdfWriter

from meetings.models import DialoguePlan, Village

from . import documents, services
from .models import OpinionSlip, PrintStatus, SlipBatch, SlipPrintJob

log = logging.getLogger(__name__)
# Forms rendered at a time: the page's progress moves after each chunk.
CHUNK = 50


class PrintRefused(Exception):
    """Why the PDF cannot be handed out, in Vietnamese."""


def next_serial(plan: DialoguePlan, now) -> int:
    printed = SlipBatch.objects.filter(plan=plan).aggregate(
        last=Max(F("first_serial") + F("count") - 1)
    )["last"]
    typed = OpinionSlip.objects.filter(plan=plan).aggregate(last=Max("serial"))["last"]
    held = [job.last_serial for job in SlipPrintJob.objects.filter(plan=plan).holding_serials(now)]
    return max([printed or 0, typed or 0, *held]) + 1


@transaction.atomic
def start(*, plan: DialoguePlan, villages, copies: int, by) -> SlipPrintJob:
    # The plan's row is the lock: two offices printing at once take turns for serials.
    DialoguePlan.objects.select_for_update().filter(pk=plan.pk).first()
    serial = next_serial(plan, timezone.now())
    parts = []
    for village in villages:
        parts.append([village.pk, serial, copies])
        serial += copies
    return SlipPrintJob.objects.create(plan=plan, parts=parts, created_by=by)


def _chunks(job: SlipPrintJob):
    """(village, first serial, count) in runs of at most CHUNK forms."""
    villages = Village.objects.in_bulk([village_id for village_id, _, _ in job.parts])
    for village_id, first, count in job.parts:
        for start_at in range(first, first + count, CHUNK):
            yield villages[village_id], start_at, min(CHUNK, first + count - start_at)


def render(job: SlipPrintJob) -> SlipPrintJob:
    """Lay out each village's form once and print the serials over it, chunk by chunk;
    idempotent once finished."""
    if job.finished:
        return job
    SlipPrintJob.objects.filter(pk=job.pk).update(status=PrintStatus.RUNNING, pages_done=0)
    try:
        form = services.opinion_form_of(job.plan)
        merged, forms, done = PdfWriter(), {}, 0
        for village, first, count in _chunks(job):
            if village.pk not in forms:
                forms[village.pk] = documents.blank_form(form, village)
            pdf = forms[village.pk].render(documents.slip_words(job.plan, first, count))
            merged.append(io.BytesIO(pdf))
            done += count
            SlipPrintJob.objects.filter(pk=job.pk).update(pages_done=done)
        merged.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        buffer = io.BytesIO()
        merged.write(buffer)
    except Exception:
        log.exception("printing %s failed", job.pk)
        SlipPrintJob.objects.filter(pk=job.pk).update(
            status=PrintStatus.FAILED,
            error="Không tạo được tệp PDF. Hãy thử in lại; nếu vẫn lỗi, báo quản trị hệ thống.",
        )
    else:
        SlipPrintJob.objects.filter(pk=job.pk).update(
            status=PrintStatus.DONE, pdf=buffer.getvalue(), pages_done=done
        )
    job.refresh_from_db()
    return job


@transaction.atomic
def hand_out(*, job: SlipPrintJob) -> bytes:
    """The PDF, and its serials kept as printed runs; refused if an abandoned printing's
    serials were taken by another meanwhile."""
    DialoguePlan.objects.select_for_update().filter(pk=job.plan_id).first()
    job = SlipPrintJob.objects.select_for_update().get(pk=job.pk)
    if job.status != PrintStatus.DONE:
        raise PrintRefused("Tệp PDF chưa tạo xong; hãy đợi trang báo xong rồi tải.")
    if job.downloaded_at is None:
        _keep_serials(job)
        job.downloaded_at = timezone.now()
        job.save(update_fields=["downloaded_at"])
    return bytes(job.pdf)


def _keep_serials(job: SlipPrintJob) -> None:
    first, last = job.first_serial, job.last_serial
    taken = (
        SlipBatch.objects.filter(
            plan=job.plan, first_serial__lte=last, first_serial__gte=first - F("count") + 1
        ).exists()
        or OpinionSlip.objects.filter(plan=job.plan, serial__range=(first, last)).exists()
    )
    if taken:
        raise PrintRefused(
            f"Các số phiếu {first:04d}–{last:04d} của lần in này đã được dùng cho lần in khác "
            f"(lần in này để quá {SlipPrintJob.RESERVED_HOURS} giờ chưa tải). Hãy in lại."
        )
    SlipBatch.objects.bulk_create(
        SlipBatch(plan=job.plan, village_id=village_id, first_serial=first_at, count=count)
        for village_id, first_at, count in job.parts
    )
