"""The paper side: fields, the form template, printed runs, typed slips and their history."""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from kesat_dialogue import links
from kesat_dialogue.crypto import EncryptedCharField, PhoneDigestField, phone_digest
from kesat_dialogue.models import Commune
from kesat_dialogue.tenancy import TenantQuerySet
from meetings.models import DialoguePlan, Unit, Village
from opinions.text import fold

DEFAULT_FIELDS = [
    "Đất đai",
    "Xây dựng",
    "Môi trường",
    "Giao thông",
    "Thủy lợi",
    "Nông nghiệp",
    "An ninh trật tự",
    "Chính sách xã hội",
    "Y tế",
    "Giáo dục",
    "Văn hóa",
    "Cán bộ và đạo đức lối sống",
    "Chủ trương, chính sách",
    "Lĩnh vực khác",
]


class Field(models.Model):
    """A field (lĩnh vực) that classifies opinions; each commune keeps its own list."""

    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="fields"
    )
    name = models.CharField("tên lĩnh vực", max_length=100)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "các lĩnh vực"
        ordering = ["position", "name"]
        constraints = [
            # Imports match fields by name.
            models.UniqueConstraint("commune", "name", name="field_name_unique_in_commune"),
        ]

    def __str__(self):
        return self.name


class OpinionForm(models.Model):
    """The plan's paper form (mẫu phiếu lấy ý kiến Nhân dân)."""

    plan = models.OneToOneField(
        DialoguePlan,
        verbose_name="kế hoạch",
        on_delete=models.CASCADE,
        related_name="opinion_form",
    )
    heading = models.CharField("tiêu đề phiếu", max_length=300)
    instructions = models.TextField("hướng dẫn ghi phiếu")
    questions = models.TextField(
        "các câu hỏi in trên phiếu", help_text="Mỗi dòng một câu hỏi; phiếu chừa chỗ để ghi."
    )
    ready_at = models.DateTimeField("đã sẵn sàng lúc", null=True, blank=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "mẫu phiếu lấy ý kiến"
        verbose_name_plural = "các mẫu phiếu lấy ý kiến"

    def __str__(self):
        return self.heading

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class SlipBatch(models.Model):
    """A run of blank forms printed for one village: serials first..first+count-1."""

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="slip_batches"
    )
    village = models.ForeignKey(Village, verbose_name="thôn", on_delete=models.PROTECT)
    first_serial = models.PositiveIntegerField("số phiếu đầu")
    count = models.PositiveIntegerField("số bản")
    printed_at = models.DateTimeField("in lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt in phiếu"
        verbose_name_plural = "các đợt in phiếu"
        ordering = ["first_serial"]
        constraints = [
            # Two printed runs never share a serial: a typed slip finds its village by it.
            models.UniqueConstraint("plan", "first_serial", name="batch_first_serial_unique"),
        ]

    def __str__(self):
        return f"Thôn {self.village}: phiếu {self.first_serial:04d}–{self.last_serial:04d}"

    @property
    def last_serial(self) -> int:
        return self.first_serial + self.count - 1


class RespondentKind(models.TextChoices):
    CITIZEN = "citizen", "Nhân dân"
    CADRE = "cadre", "Cán bộ"
    PARTY_MEMBER = "party_member", "Đảng viên"


class ConsentChannel(models.TextChoices):
    PAPER = "paper", "Phiếu giấy"
    MEETING = "meeting", "Tại hội nghị"
    WEB = "web", "Trên trang công khai"


def receipt_code(plan_public_id, serial: int) -> str:
    """The short code on a form's tear-off receipt, derived so no table must keep it."""
    digest = hmac.new(
        settings.RECEIPT_CODE_KEY.encode(), f"{plan_public_id}:{serial}".encode(), hashlib.sha256
    ).digest()
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed back
    return "".join(alphabet[byte % len(alphabet)] for byte in digest[:6])


class SlipQuerySet(TenantQuerySet):
    def holding_identity(self):
        return self.exclude(name="", address="", phone="")

    def of_person(self, *, name: str = "", phone: str = ""):
        """Slips that may be this person's: the same phone (by its keyed digest), or a name
        holding the words given, accents and case aside; the office picks the right ones."""
        found = Q(pk__in=[])
        digest = phone_digest(phone)
        if digest:
            found |= Q(phone_digest=digest)
        wanted = fold(name).split()
        if wanted:
            named = self.exclude(name="").values_list("pk", "name")
            found |= Q(pk__in=[pk for pk, n in named if all(w in fold(n).split() for w in wanted)])
        return self.filter(found)


class OpinionSlip(models.Model):
    """One collected paper form, as typed in by the Front."""

    # How the audit log names what is not a column: a correction's opinions.
    audit_labels = {"opinions": "các ý kiến"}

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="slips"
    )
    serial = models.PositiveIntegerField("số phiếu")
    receipt_code = models.CharField("mã biên nhận", max_length=12, editable=False)
    village = models.ForeignKey(
        Village, verbose_name="thôn", on_delete=models.PROTECT, related_name="slips"
    )
    anonymous = models.BooleanField("người góp ý xin giấu tên", default=False)
    name = models.CharField("họ và tên", max_length=150, blank=True)
    address = EncryptedCharField("địa chỉ", max_length=300, blank=True)
    phone = EncryptedCharField("số điện thoại", max_length=20, blank=True)
    phone_digest = PhoneDigestField("mã tra cứu số điện thoại", of="phone")
    respondent = models.CharField(
        "người góp ý là",
        max_length=20,
        choices=RespondentKind.choices,
        default=RespondentKind.CITIZEN,
    )
    collected_by = models.ForeignKey(
        Unit,
        verbose_name="tổ chức thu phiếu",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Để trống nếu thôn thu phiếu.",
    )
    collected_on = models.DateField("ngày thu phiếu")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("nhập lúc", auto_now_add=True)
    # Consent to keep the name and contacts (Luật 91/2025/QH15): None on slips entered before
    # the app asked; the notice's version, the channel, who typed it and when prove it.
    consent = models.BooleanField("đồng ý lưu họ tên, liên lạc", null=True, blank=True)
    consent_notice_version = models.PositiveSmallIntegerField(
        "phiên bản thông báo dữ liệu cá nhân", null=True, blank=True
    )
    consent_channel = models.CharField(
        "nơi ghi nhận đồng ý", max_length=10, choices=ConsentChannel.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận đồng ý",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField("ghi nhận đồng ý lúc", null=True, blank=True)
    # Erased on the person's request or at the end of the retention period: the opinions stay.
    identity_erased_at = models.DateTimeField("xóa họ tên, liên lạc lúc", null=True, blank=True)
    # Restricted on the person's request: kept, shown to no one until the restriction ends.
    identity_restricted_at = models.DateTimeField(
        "hạn chế xử lý họ tên, liên lạc từ", null=True, blank=True
    )

    commune_lookup = "plan__commune"
    objects = SlipQuerySet.as_manager()

    class Meta:
        verbose_name = "phiếu lấy ý kiến"
        verbose_name_plural = "các phiếu lấy ý kiến"
        ordering = ["serial"]
        constraints = [
            # A paper form is typed in once: the entry page refuses a serial seen before.
            models.UniqueConstraint("plan", "serial", name="slip_serial_unique_in_plan"),
            # An anonymous slip keeps no name, address or phone.
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(name="", address="", phone=""),
                name="slip_anonymous_has_no_identity",
            ),
            # Silence is not consent: a slip whose writer did not agree keeps no identity.
            models.CheckConstraint(
                condition=~Q(consent=False) | Q(name="", address="", phone=""),
                name="slip_without_consent_has_no_identity",
            ),
        ]

    def __str__(self):
        return f"Phiếu số {self.serial:04d}"

    def get_absolute_url(self):
        return links.object_url("opinions:slip-edit", "slip_id", self.public_id)

    def record_consent(self, given: bool, *, notice_version: int, channel: str, by, at) -> None:
        """What the person ticked, under which notice: without consent no identity is kept,
        the opinion stays as from an anonymous writer."""
        self.consent = given
        self.consent_notice_version, self.consent_channel = notice_version, channel
        self.consent_recorded_by, self.consent_recorded_at = by, at
        if not given:
            self.name = self.address = self.phone = ""
            self.anonymous = True

    @property
    def identity_hidden(self) -> bool:
        """Nothing to show: asked to be anonymous, erased, or restricted on request."""
        return self.anonymous or bool(self.identity_erased_at or self.identity_restricted_at)

    @property
    def identity_label(self) -> str:
        """What a page shows instead of a hidden identity."""
        if self.identity_erased_at:
            return "Đã xóa họ tên, liên lạc"
        if self.identity_restricted_at:
            return "Hạn chế xử lý theo yêu cầu"
        return "Giấu tên" if self.anonymous else ""

    @property
    def collector_label(self) -> str:
        return str(self.collected_by) if self.collected_by_id else f"Thôn {self.village}"
