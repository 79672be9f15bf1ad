"""Records of work done on the opinions: the sent synthesis, Excel imports, printed blanks."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models

from kesat_dialogue.models import Paper
from kesat_dialogue.tenancy import TenantQuerySet
from meetings.models import DialoguePlan


class SynthesisReport(models.Model):
    """The Front's report as sent (due 10/6): the paper and the figures it showed."""

    plan = models.ForeignKey(
        DialoguePlan,
        verbose_name="kế hoạch",
        on_delete=models.CASCADE,
        related_name="synthesis_reports",
    )
    paper = models.OneToOneField(
        Paper, verbose_name="văn bản", on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.JSONField("số liệu đã gửi")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo tổng hợp ý kiến"
        verbose_name_plural = "các báo cáo tổng hợp ý kiến"
        ordering = ["-sent_at"]
        get_latest_by = "sent_at"

    def __str__(self):
        return str(self.paper)


class ImportStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang kiểm tra và nhập"
    DONE = "done", "Đã nhập xong"
    FAILED = "failed", "Không nhập được"


class ImportJob(models.Model):
    """An uploaded workbook of slips, checked and imported in the background."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField("tệp Excel", upload_to="imports/")
    filename = models.CharField("tên tệp", max_length=255)
    status = models.CharField(
        "trạng thái", max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    rows_total = models.PositiveIntegerField("số dòng", default=0)
    rows_done = models.PositiveIntegerField("số dòng đã xử lý", default=0)
    errors = models.JSONField("lỗi", default=list, blank=True)
    slips_created = models.PositiveIntegerField("số phiếu đã nhập", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "lần nhập Excel"
        verbose_name_plural = "các lần nhập Excel"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}


class PrintStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang tạo tệp PDF"
    DONE = "done", "Đã xong, sẵn sàng tải"
    FAILED = "failed", "Không tạo được"


class SlipPrintJobQuerySet(TenantQuerySet):
    def holding_serials(self, now):
        """Jobs whose serials nobody else may take: recent ones not yet downloaded (once
        downloaded, their printed runs hold the serials); an abandoned job frees them."""
        since = now - dt.timedelta(hours=SlipPrintJob.RESERVED_HOURS)
        return self.filter(downloaded_at__isnull=True, created_at__gte=since).exclude(
            status=PrintStatus.FAILED
        )


class SlipPrintJob(models.Model):
    """Blank forms rendered in the background; their serials become printed runs
    (``SlipBatch``) when the PDF is downloaded, so an abandoned job uses up no serial."""

    # How long an undownloaded job keeps its serials from other printings.
    RESERVED_HOURS = 24

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="print_jobs"
    )
    parts = models.JSONField("các thôn và số phiếu", help_text="[[mã thôn, số đầu, số bản], …]")
    status = models.CharField(
        "trạng thái", max_length=20, choices=PrintStatus.choices, default=PrintStatus.PENDING
    )
    pages_done = models.PositiveIntegerField("số phiếu đã tạo", default=0)
    pdf = models.BinaryField("tệp PDF", null=True, editable=False)
    error = models.TextField("lỗi", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người in",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    downloaded_at = models.DateTimeField("tải về lúc", null=True, blank=True)

    commune_lookup = "plan__commune"
    objects = SlipPrintJobQuerySet.as_manager()

    class Meta:
        verbose_name = "lần in phiếu trắng"
        verbose_name_plural = "các lần in phiếu trắng"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Phiếu {self.first_serial:04d}–{self.last_serial:04d} ({self.get_status_display()})"

    @property
    def first_serial(self) -> int:
        return min(first for _, first, _ in self.parts)

    @property
    def last_serial(self) -> int:
        return max(first + count - 1 for _, first, count in self.parts)

    @property
    def pages_total(self) -> int:
        return sum(count for _, _, count in self.parts)

    @property
    def percent(self) -> int:
        return int(100 * self.pages_done / self.pages_total) if self.pages_total else 0

    @property
    def finished(self) -> bool:
        return self.status in {PrintStatus.DONE, PrintStatus.FAILED}
