"""Where a commune's people live and work: villages, units, and who belongs to which."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from kesat_dialogue.models import Commune
from kesat_dialogue.tenancy import TenantQuerySet


class Village(models.Model):
    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="villages"
    )
    name = models.CharField("tên thôn", max_length=100)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "thôn"
        verbose_name_plural = "các thôn"
        ordering = ["position", "name"]
        constraints = [
            # Villages are chosen by name in forms and imports: two of one name would be ambiguous.
            models.UniqueConstraint(
                "commune", Lower("name"), name="village_name_unique_in_commune"
            ),
        ]

    def __str__(self):
        return self.name


class UnitKind(models.TextChoices):
    OFFICE = "office", "Văn phòng HĐND và UBND"
    FRONT = "front", "Ủy ban MTTQ"
    MASS_ORGANISATION = "mass_org", "Đoàn thể chính trị - xã hội"
    PARTY = "party", "Cơ quan Đảng"
    AGENCY = "agency", "Cơ quan chuyên môn, đơn vị"


class Unit(models.Model):
    """An agency of the committee, a party board, the Front or a mass organisation."""

    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField("tên cơ quan, đơn vị", max_length=200)
    kind = models.CharField("loại", max_length=20, choices=UnitKind.choices)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "các cơ quan, đơn vị"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint("commune", Lower("name"), name="unit_name_unique_in_commune"),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Where a user works: the unit of an agency user, the village of a village leader."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="membership",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    village = models.ForeignKey(
        Village,
        verbose_name="thôn",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leaders",
    )

    commune_lookup = "user__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "nơi công tác"
        verbose_name_plural = "nơi công tác"
        constraints = [
            # A user acts for one unit or one village, never both: their pages depend on it.
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True) | models.Q(village__isnull=True),
                name="membership_unit_or_village",
            ),
        ]

    def __str__(self):
        return str(self.unit or self.village or "")
