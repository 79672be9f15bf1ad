import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse

from .tenancy import TenantQuerySet


class Commune(models.Model):
    """A commune and its People's Committee: the tenant that owns every record."""

    public_id = models.UUIDField("mã công khai", default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("tên xã", max_length=100, help_text="Ví dụ: Kè Sắt")
    slug = models.SlugField("mã xã", max_length=60, unique=True)
    province = models.CharField("tỉnh, thành phố", max_length=100, blank=True)

    commune_lookup = "pk"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "xã"
        verbose_name_plural = "các xã"
        ordering = ["name"]

    def __str__(self):
        return f"Xã {self.name}"

    @property
    def committee_name(self) -> str:
        """The issuing body's second line in a paper's header, e.g. "XÃ KÈ SẮT"."""
        return f"XÃ {self.name}".upper()


class Role(models.TextChoices):
    OFFICE = "office", "Văn phòng HĐND và UBND xã"
    FRONT = "front", "Ủy ban MTTQ xã"
    CHAIR = "chair", "Chủ tịch, Phó Chủ tịch UBND xã"
    AGENCY = "agency", "Cơ quan, đơn vị"
    PARTY = "party", "Ban xây dựng Đảng, Đảng ủy"
    VILLAGE = "village", "Thôn (bí thư, trưởng thôn)"


class CommuneUserManager(UserManager.from_queryset(TenantQuerySet)):
    pass


class User(AbstractUser):
    """A commune's staff member: one commune, one role.

    Superusers may have no commune: they manage the installation through the admin only.
    """

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    position = models.CharField(
        "chức vụ", max_length=150, blank=True, help_text="Ví dụ: Phó Chủ tịch UBND xã"
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="xã",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, blank=True)

    commune_lookup = "commune"
    objects = CommuneUserManager()

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        constraints = [
            # The access module trusts that every role-holder belongs to a commune.
            models.CheckConstraint(
                condition=models.Q(role="") | models.Q(commune__isnull=False),
                name="user_role_needs_commune",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return self.full_name.strip() or super().get_full_name()

    @property
    def is_commune_staff(self) -> bool:
        return bool(self.is_active and self.commune_id and self.role)

    def get_absolute_url(self):
        return reverse("meetings:dashboard")
