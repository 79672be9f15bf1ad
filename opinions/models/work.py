"""Records of work done on the opinions: the sent synthesis and Excel imports."""

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
