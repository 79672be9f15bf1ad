"""What the meeting cost: the estimate before, the settlement after, and who signs them."""

from django.db import models

from kesat_dialogue.tenancy import TenantQuerySet
from meetings.models import DialoguePlan


class BudgetLine(models.Model):
    """One line of the meeting's cost: estimated before, spent after (dự toán, quyết toán)."""

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="budget_lines"
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    item = models.CharField("nội dung chi", max_length=200)
    quantity = models.PositiveIntegerField("số lượng", default=1)
    unit_price = models.PositiveIntegerField("đơn giá (đồng)")
    actual_amount = models.PositiveIntegerField("thực chi (đồng)", null=True, blank=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "dòng dự toán"
        verbose_name_plural = "dự toán, quyết toán"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.item

    @property
    def estimate(self) -> int:
        return self.quantity * self.unit_price


class BudgetSheet(models.Model):
    """Who prepared the budget papers and when, for their date line and signing blocks."""

    plan = models.OneToOneField(
        DialoguePlan,
        verbose_name="kế hoạch",
        on_delete=models.CASCADE,
        related_name="budget_sheet",
    )
    preparer_name = models.CharField("người lập biểu", max_length=150, blank=True)
    accountant_name = models.CharField("kế toán", max_length=150, blank=True)
    estimated_on = models.DateField("ngày lập dự toán", null=True, blank=True)
    settled_on = models.DateField("ngày lập quyết toán", null=True, blank=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "người lập, ngày lập dự toán và quyết toán"
        verbose_name_plural = "người lập, ngày lập dự toán và quyết toán"

    def __str__(self):
        return f"Dự toán, quyết toán {self.plan}"
