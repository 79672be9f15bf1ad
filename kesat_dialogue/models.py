import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse

from .tenancy import CommuneQuerySet, TenantQuerySet


class PaperNumbering(models.TextChoices):
    PER_CODE = "per_code", "Mỗi loại văn bản một dãy số (KH, TB, BC… đánh số riêng)"
    SHARED = "shared", "Một dãy số chung cho mọi loại văn bản"


class Commune(models.Model):
    """A commune and its People's Committee: the tenant that owns every record."""

    public_id = models.UUIDField("mã công khai", default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("tên xã", max_length=100, help_text="Ví dụ: Kè Sắt")
    slug = models.SlugField("mã xã", max_length=60, unique=True)
    province = models.CharField("tỉnh, thành phố", max_length=100, blank=True)
    paper_numbering = models.CharField(
        "cách đánh số văn bản đi",
        max_length=20,
        choices=PaperNumbering.choices,
        default=PaperNumbering.PER_CODE,
        help_text="Số văn bản bắt đầu lại từ 01 vào ngày 01 tháng 01 mỗi năm.",
    )

    commune_lookup = "pk"
    objects = CommuneQuerySet.as_manager()

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

    def paper_sequence(self, issuer: str, code: str) -> str:
        """The register sequence a paper is numbered in: each issuer keeps its own book."""
        return f"{issuer}:{code if self.paper_numbering == PaperNumbering.PER_CODE else '*'}"


class Role(models.TextChoices):
    OFFICE = "office", "Văn phòng HĐND và UBND xã"
    FRONT = "front", "Ủy ban MTTQ xã"
    CHAIR = "chair", "Chủ tịch, Phó Chủ tịch UBND xã"
    AGENCY = "agency", "Cơ quan, đơn vị"
    PARTY = "party", "Ban xây dựng Đảng, Đảng ủy"
    VILLAGE = "village", "Thôn (bí thư, trưởng thôn)"


class CommuneUserManager(UserManager.from_queryset(CommuneQuerySet)):
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
    # The province's readers (Sở Nội vụ, Ban Dân vận): every commune's figures, read-only,
    # no commune of their own and no citizen's personal data.
    reads_province = models.BooleanField(
        "cán bộ cấp tỉnh (chỉ xem số liệu các xã)",
        default=False,
        help_text="Xem tổng hợp của mọi xã, không xem được dữ liệu cá nhân; không gắn với xã.",
    )

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
            # A province reader belongs to no commune and holds no commune role.
            models.CheckConstraint(
                condition=models.Q(reads_province=False) | models.Q(commune__isnull=True, role=""),
                name="province_reader_has_no_commune",
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


class PaperCode(models.TextChoices):
    """Type codes of Nghị định 30/2020/NĐ-CP, with the type name printed as the title."""

    PLAN = "KH", "Kế hoạch"
    NOTICE = "TB", "Thông báo"
    REPORT = "BC", "Báo cáo"
    INVITATION = "GM", "Giấy mời"
    MINUTES = "BB", "Biên bản"
    SUBMISSION = "TTr", "Tờ trình"
    DECISION = "QĐ", "Quyết định"


class Issuer(models.TextChoices):
    """The body that signs a paper; its short name closes the paper's symbol."""

    COMMITTEE = "UBND", "Ủy ban nhân dân"
    FRONT = "MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam"


class PaperQuerySet(TenantQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)


class Paper(models.Model):
    """An issued paper in the commune's register (sổ văn bản đi): numbered and frozen.

    The HTML it was rendered from and the PDF bytes are stored, so a download returns the
    very paper that was issued whatever the data behind it becomes.
    """

    # What a link to the paper never needs: its stored contents.
    CONTENT_FIELDS = ("html", "pdf", "signed_pdf")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.PROTECT, related_name="papers"
    )
    year = models.PositiveSmallIntegerField("năm")
    issuer = models.CharField(
        "cơ quan ban hành", max_length=10, choices=Issuer.choices, default=Issuer.COMMITTEE
    )
    code = models.CharField("loại văn bản", max_length=5, choices=PaperCode.choices)
    sequence = models.CharField("dãy số", max_length=20, editable=False)
    number = models.PositiveIntegerField("số")
    issued_on = models.DateField("ngày ban hành")
    subject = models.CharField("trích yếu", max_length=500)
    signer_title = models.CharField("chức vụ người ký", max_length=100)
    signer_name = models.CharField("người ký", max_length=150)
    issued_by = models.ForeignKey(
        User, verbose_name="người vào sổ", on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("vào sổ lúc", auto_now_add=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name="thay thế văn bản",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    html = models.TextField("nội dung HTML đã ban hành", editable=False)
    pdf = models.BinaryField("tệp PDF", editable=False)
    page_count = models.PositiveSmallIntegerField("số trang", default=0, editable=False)
    sha256 = models.CharField("mã SHA-256", max_length=64, editable=False)
    # Signed (kesat_dialogue.signing): the signed bytes are the record; the unsigned issue
    # above stays beside them.
    signed_pdf = models.BinaryField("tệp PDF đã ký số", null=True, editable=False)
    signed_sha256 = models.CharField("mã SHA-256 bản đã ký", max_length=64, blank=True)
    signed_at = models.DateTimeField("ký số lúc", null=True, blank=True)

    commune_lookup = "commune"
    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản đi"
        verbose_name_plural = "sổ văn bản đi"
        ordering = ["-year", "-issued_at"]
        constraints = [
            # A number is given once in its year and sequence: concurrent issuing relies on it.
            models.UniqueConstraint(
                "commune", "year", "sequence", "number", name="paper_number_unique"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="paper_number_positive"),
        ]

    def __str__(self):
        return f"{self.get_code_display()} số {self.symbol}"

    @property
    def symbol(self) -> str:
        """Number and symbol as printed: "05/KH-UBND", "02/BC-MTTQ"."""
        return f"{self.number:02d}/{self.code}-{self.issuer}"

    @property
    def filename(self) -> str:
        return f"{self.code}-{self.issuer}-{self.number:02d}-{self.year}.pdf"

    @property
    def record(self) -> bytes:
        """The paper as kept: the signed bytes once both signatures are on, else the issue."""
        return bytes(self.signed_pdf) if self.signed_sha256 else bytes(self.pdf)

    @property
    def signed_filename(self) -> str:
        return self.filename.removesuffix(".pdf") + "-da-ky-so.pdf"

    @property
    def docx_filename(self) -> str:
        return self.filename.removesuffix(".pdf") + ".docx"


class NotificationQuerySet(TenantQuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message shown in the app to one user, with a link to where to act."""

    user = models.ForeignKey(
        User, verbose_name="người nhận", on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField("nội dung", max_length=500)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    commune_lookup = "user__commune"
    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo trong ứng dụng"
        verbose_name_plural = "thông báo trong ứng dụng"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return self.text


class AuditAction(models.TextChoices):
    CREATED = "created", "Tạo mới"
    CHANGED = "changed", "Sửa"
    DELETED = "deleted", "Xóa"
    STEP = "step", "Bước xử lý"


class AuditEntry(models.Model):
    """One state change of a record: who, which commune, what, before and after, when.

    Written by kesat_dialogue.audit inside the same transaction as the change itself.
    """

    commune = models.ForeignKey(
        Commune,
        verbose_name="xã",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        User,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("việc", max_length=10, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="loại dữ liệu", on_delete=models.PROTECT
    )
    object_id = models.CharField("mã bản ghi", max_length=64)
    object_label = models.CharField("bản ghi", max_length=300)
    changes = models.JSONField("thay đổi", default=dict, help_text="{trường: [trước, sau]}")
    step = models.CharField(
        "bước", max_length=30, blank=True, help_text="mã bước xử lý, khi việc là một bước"
    )
    note = models.TextField("ghi chú", blank=True)
    at = models.DateTimeField("lúc", auto_now_add=True)

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(action=AuditAction.STEP, step__gt="")
                    | (~models.Q(action=AuditAction.STEP) & models.Q(step=""))
                ),
                name="audit_step_named_only_for_steps",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_label}"

    @property
    def step_label(self) -> str:
        from kesat_dialogue.audit import step_label  # noqa: PLC0415 - audit imports models

        return step_label(self.step)


class DayKind(models.TextChoices):
    OFF = "off", "Ngày nghỉ thêm"
    WORKED = "worked", "Ngày làm bù"


class CalendarDay(models.Model):
    """The Government's swapped days of a year, beside Vietnam's holidays: an extra day off,
    or a Saturday worked in exchange. Edited by the province's administrator each year."""

    day = models.DateField(
        "ngày",
        unique=True,
        error_messages={
            "unique": "Ngày này đã có trong lịch: một ngày không thể vừa là ngày nghỉ vừa là "
            "ngày làm bù. Hãy sửa dòng đã có."
        },
    )
    kind = models.CharField("loại", max_length=10, choices=DayKind.choices)
    name = models.CharField(
        "ghi chú", max_length=200, help_text="Ví dụ: Làm bù cho ngày nghỉ 31/8/2026"
    )

    class Meta:
        verbose_name = "ngày nghỉ, ngày làm bù"
        verbose_name_plural = "lịch ngày làm việc (nghỉ thêm, làm bù)"
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.get_kind_display()}"


class PrivacyNoticeQuerySet(TenantQuerySet):
    def current(self, commune):
        return self.filter(commune=commune).order_by("-version").first()


class PrivacyNotice(models.Model):
    """The commune's notice on citizens' personal data (Luật 91/2025/QH15), versioned: each
    consent names the version the person was shown."""

    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="privacy_notices"
    )
    version = models.PositiveSmallIntegerField("phiên bản")
    text = models.TextField("nội dung")
    published_at = models.DateTimeField("công bố lúc", auto_now_add=True)
    published_by = models.ForeignKey(
        User,
        verbose_name="người công bố",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    commune_lookup = "commune"
    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo xử lý dữ liệu cá nhân"
        verbose_name_plural = "các thông báo xử lý dữ liệu cá nhân"
        ordering = ["commune", "-version"]
        constraints = [
            models.UniqueConstraint("commune", "version", name="privacy_notice_version_unique"),
        ]

    def __str__(self):
        return f"Thông báo dữ liệu cá nhân {self.commune} (phiên bản {self.version})"


class IdentityView(models.Model):
    """A look at citizens' names, addresses or phones: who, when, on which page, whose."""

    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="identity_views"
    )
    user = models.ForeignKey(
        User, verbose_name="người xem", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("lúc", auto_now_add=True)
    page = models.CharField("trang, tệp", max_length=200)
    path = models.CharField("đường dẫn", max_length=300)
    subjects = models.TextField(
        "dữ liệu của ai", help_text="Số phiếu và họ tên, mỗi người một dòng."
    )
    subject_count = models.PositiveIntegerField("số người")

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt xem dữ liệu cá nhân"
        verbose_name_plural = "nhật ký xem dữ liệu cá nhân"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["commune", "-at"], name="identity_view_recent_idx")]

    def __str__(self):
        return f"{self.user} xem {self.page} lúc {self.at:%H:%M %d/%m/%Y}"


from .signing_models import (  # noqa: E402, F401
    CertificateKind,
    CopyKind,
    PaperCopy,
    PaperSignature,
    SigningCertificate,
)
