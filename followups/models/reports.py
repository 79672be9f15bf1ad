"""A commune's periodic report to the province (báo cáo định kỳ): one paper per period."""

from django.conf import settings
from django.db import models

from kesat_dialogue.models import Commune, Paper
from kesat_dialogue.tenancy import TenantQuerySet


class PeriodicReport(models.Model):
    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="periodic_reports"
    )
    period_kind = models.CharField("kỳ báo cáo", max_length=10)
    year = models.PositiveSmallIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng", default=0)
    paper = models.OneToOneField(
        Paper, verbose_name="văn bản", on_delete=models.PROTECT, related_name="periodic_report"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ban hành", on_delete=models.PROTECT
    )

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo định kỳ"
        verbose_name_plural = "các báo cáo định kỳ"
        constraints = [
            # A period is reported once.
            models.UniqueConstraint(
                "commune", "period_kind", "year", "month", name="periodic_report_once"
            ),
        ]

    def __str__(self):
        return f"Báo cáo {self.paper.symbol}"
