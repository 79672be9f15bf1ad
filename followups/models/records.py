"""After the meeting: decisions, assignments and replies, supervision, posting, budget, dossier."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kesat_dialogue import access
from kesat_dialogue.models import Paper, Role
from kesat_dialogue.symbols import SYMBOL_EXAMPLE, validate_letter_symbol
from kesat_dialogue.tenancy import TenantQuerySet
from meetings.models import DialoguePlan, PlanStatus, Unit, Village
from opinions.models import Petition, answer_upload_path


class Outcome(models.TextChoices):
    RESOLVED = "resolved", "Đã giải quyết xong"
    ASSIGNED = "assigned", "Giao cơ quan giải quyết"
    ESCALATED = "escalated", "Kiến nghị cấp có thẩm quyền"
    REJECTED = "rejected", "Không chấp nhận"


class Decision(models.Model):
    """The chairman's decision on a petition at the evaluation meeting (due 25/6)."""

    petition = models.OneToOneField(
        Petition, verbose_name="kiến nghị", on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField("quyết định", max_length=20, choices=Outcome.choices)
    note = models.TextField(
        "nội dung",
        blank=True,
        help_text="Kết quả đã giải quyết, chỉ đạo cho cơ quan, hoặc lý do không chấp nhận.",
    )
    escalated_to = models.CharField("cấp có thẩm quyền", max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người quyết định",
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("quyết định lúc")

    commune_lookup = "petition__plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định sau hội nghị"
        verbose_name_plural = "các quyết định sau hội nghị"
        constraints = [
            # A petition passed upwards says to whom; a refusal says why.
            models.CheckConstraint(
                condition=~Q(outcome="escalated") | ~Q(escalated_to=""),
                name="decision_escalation_names_authority",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(note=""),
                name="decision_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.petition}"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", "Đang giải quyết"
    REPLIED = "replied", "Đã trả lời, chờ Chủ tịch xem"
    ACCEPTED = "accepted", "Chủ tịch đã chấp nhận"
    RETURNED = "returned", "Trả lại để làm lại"


OPEN_STATES = (AssignmentStatus.OPEN, AssignmentStatus.RETURNED)


class AssignmentQuerySet(TenantQuerySet):
    def overdue(self, today: dt.date | None = None):
        return self.filter(status__in=OPEN_STATES, due_date__lt=today or timezone.localdate())

    def for_unit(self, unit):
        return self.filter(unit=unit)

    def not_accepted(self):
        return self.exclude(status=AssignmentStatus.ACCEPTED)

    def carried_over(self):
        return self.filter(carried_over_at__isnull=False)

    def still_followed(self):
        """Open work that reminders and lists follow: of running dialogues, and carried over
        from archived ones."""
        return self.not_accepted().filter(
            ~Q(petition__plan__status=PlanStatus.ARCHIVED) | Q(carried_over_at__isnull=False)
        )

    def visible_to(self, user):
        """The core bodies see every assignment; an agency its own unit's; others none
        (access rule "assignment.view")."""
        if user.role in access.CORE:
            return self
        unit = access.unit_of(user)
        return self.for_unit(unit) if unit is not None and user.role == Role.AGENCY else self.none()


class Assignment(models.Model):
    """A petition given to an agency to settle and answer by a date (giao nhiệm vụ)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    petition = models.OneToOneField(
        Petition, verbose_name="kiến nghị", on_delete=models.CASCADE, related_name="assignment"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="cơ quan được giao", on_delete=models.PROTECT, related_name="assignments"
    )
    due_date = models.DateField("hạn trả lời")
    instruction = models.TextField("chỉ đạo", blank=True)
    status = models.CharField(
        "tình trạng",
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OPEN,
    )
    status_note = models.TextField("lý do trả lại", blank=True)
    carried_over_at = models.DateTimeField(
        "mang sang theo dõi tiếp lúc",
        null=True,
        blank=True,
        help_text="Việc còn mở khi đóng hồ sơ, Chủ tịch cho theo dõi tiếp sau lưu trữ.",
    )
    carried_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cho mang sang",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người giao",
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField("giao lúc", auto_now_add=True)

    commune_lookup = "petition__plan__commune"
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "việc được giao"
        verbose_name_plural = "các việc được giao"
        ordering = ["due_date", "pk"]
        constraints = [
            # Who carried an assignment over is known exactly when it was carried over.
            models.CheckConstraint(
                condition=Q(carried_over_at__isnull=True, carried_over_by__isnull=True)
                | Q(carried_over_at__isnull=False, carried_over_by__isnull=False),
                name="assignment_carried_over_names_who",
            ),
        ]

    def __str__(self):
        return f"{self.unit}: {self.petition}"

    @property
    def plan(self):
        return self.petition.plan

    @property
    def is_open(self) -> bool:
        """Not yet settled: the chairman has not accepted a reply."""
        return self.status != AssignmentStatus.ACCEPTED

    @property
    def is_carried_over(self) -> bool:
        return self.carried_over_at is not None

    @property
    def is_closed(self) -> bool:
        """Read-only with its archived dialogue, unless carried over: then work goes on."""
        return self.plan.is_closed and not self.is_carried_over

    def carry_over(self, *, by) -> None:
        self.carried_over_at, self.carried_over_by = timezone.now(), by
        self.save(update_fields=["carried_over_at", "carried_over_by"])

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status in OPEN_STATES and self.due_date < (today or timezone.localdate())

    def _set(self, status, note=""):
        self.status, self.status_note = status, note
        self.save(update_fields=["status", "status_note"])

    def mark_replied(self) -> None:
        self._set(AssignmentStatus.REPLIED)

    def accept(self) -> None:
        self._set(AssignmentStatus.ACCEPTED)

    def send_back(self, reason: str) -> None:
        self._set(AssignmentStatus.RETURNED, reason)


class Reply(models.Model):
    """An agency's written reply on an assignment; a redone reply is a new row."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(
        Assignment,
        verbose_name="việc được giao",
        on_delete=models.CASCADE,
        related_name="replies",
    )
    text = models.TextField("nội dung trả lời")
    letter_number = models.CharField(
        "số, ký hiệu văn bản",
        max_length=50,
        validators=[validate_letter_symbol],
        help_text=f"Ví dụ: {SYMBOL_EXAMPLE}.",
    )
    letter_date = models.DateField("ngày văn bản")
    attachment = models.FileField(
        "tệp đính kèm",
        upload_to=answer_upload_path,
        blank=True,
        help_text="PDF, JPG hoặc PNG, tối đa 10 MB.",
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lời",
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    commune_lookup = "assignment__petition__plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản trả lời sau hội nghị"
        verbose_name_plural = "các văn bản trả lời sau hội nghị"
        ordering = ["-replied_at", "-pk"]
        get_latest_by = "replied_at"

    def __str__(self):
        return f"Trả lời số {self.letter_number}"


class FollowupStep(models.TextChoices):
    """Named steps after the meeting, kept in the audit log with their explanation."""

    CARRIED_OVER = "carried_over", "Chủ tịch cho theo dõi tiếp sau lưu trữ"
    REOPENED = "reopened", "Chủ tịch mở lại hồ sơ"
    DECIDED = "decided", "Quyết định"
    DECISION_CHANGED = "decision_changed", "Sửa quyết định"
    REPLIED = "replied", "Cơ quan trả lời"
    ACCEPTED = "accepted", "Chủ tịch chấp nhận"
    SENT_BACK = "sent_back", "Chủ tịch trả lại"
    REDO_ASKED = "redo_asked", "MTTQ đề nghị làm lại"
    NOTICE_APPROVED = "notice_approved", "Chủ tịch duyệt thông báo"
    NOTICE_EDITED = "notice_edited", "Sửa thông báo sau khi duyệt"
    IDENTITIES_ERASED = "identities_erased", "Xóa họ tên, liên lạc hết hạn lưu giữ"


class SupervisionNote(models.Model):
    """What the Front found when it checked an assignment (giám sát)."""

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "Nhân dân đồng tình"
        PARTLY = "partly", "Đồng tình một phần"
        NOT_SATISFIED = "not_satisfied", "Nhân dân chưa đồng tình"
        UNKNOWN = "unknown", "Chưa rõ"

    assignment = models.ForeignKey(
        Assignment,
        verbose_name="việc được giao",
        on_delete=models.CASCADE,
        related_name="supervision_notes",
    )
    findings = models.TextField("kết quả giám sát")
    satisfaction = models.CharField(
        "ý kiến Nhân dân",
        max_length=20,
        choices=Satisfaction.choices,
        default=Satisfaction.UNKNOWN,
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    commune_lookup = "assignment__petition__plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "ghi nhận giám sát"
        verbose_name_plural = "các ghi nhận giám sát"
        ordering = ["-written_at"]

    def __str__(self):
        return self.findings[:80]


class EvaluationMeeting(models.Model):
    """The chairman's evaluation meeting after the dialogue (họp rút kinh nghiệm)."""

    plan = models.OneToOneField(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="evaluation"
    )
    held_on = models.DateField("ngày họp", null=True, blank=True)
    attendees = models.TextField("thành phần dự họp", blank=True)
    notes = models.TextField("nội dung rút kinh nghiệm", blank=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "cuộc họp đánh giá"
        verbose_name_plural = "các cuộc họp đánh giá"

    def __str__(self):
        return f"Họp đánh giá {self.plan}"


class ConclusionNotice(models.Model):
    """The conclusion notice for the people (Thông báo kết luận, due 27/6)."""

    plan = models.OneToOneField(
        DialoguePlan,
        verbose_name="kế hoạch",
        on_delete=models.CASCADE,
        related_name="conclusion_notice",
    )
    assessment = models.TextField("đánh giá chung")
    closing = models.TextField("yêu cầu tổ chức thực hiện")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Chủ tịch duyệt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    paper = models.ForeignKey(
        Paper,
        verbose_name="văn bản đã ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    results_report = models.ForeignKey(
        Paper,
        verbose_name="báo cáo kết quả giải quyết",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "thông báo kết luận"
        verbose_name_plural = "các thông báo kết luận"

    def __str__(self):
        return f"Thông báo kết luận {self.plan}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Posting(models.Model):
    """A village's confirmation that the notice hangs at its cultural house."""

    POSTING_DAYS = 30  # Luật Thực hiện dân chủ ở cơ sở 2022, Điều 13

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="postings"
    )
    village = models.ForeignKey(Village, verbose_name="thôn", on_delete=models.PROTECT)
    posted_on = models.DateField("ngày niêm yết")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("xác nhận lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "xác nhận niêm yết"
        verbose_name_plural = "các xác nhận niêm yết"
        constraints = [
            models.UniqueConstraint("plan", "village", name="posting_once_per_village"),
        ]

    def __str__(self):
        return f"Thôn {self.village}: niêm yết {self.posted_on:%d/%m/%Y}"

    @property
    def period_ends(self) -> dt.date:
        return self.posted_on + dt.timedelta(days=self.POSTING_DAYS - 1)

    def period_complete(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.period_ends


class DossierQuerySet(TenantQuerySet):
    def latest_first(self):
        return self.order_by("-version")


class Dossier(models.Model):
    """A closed dialogue's archive: one ZIP, stored once so it is the same bytes every time.
    Reopening and closing again makes a new version; every earlier one is kept."""

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="dossiers"
    )
    version = models.PositiveSmallIntegerField("lần lưu trữ", default=1)
    content = models.BinaryField("tệp ZIP", editable=False)
    sha256 = models.CharField("mã SHA-256", max_length=64, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đóng hồ sơ",
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("đóng lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ lưu trữ"
        verbose_name_plural = "các hồ sơ lưu trữ"
        ordering = ["plan", "version"]
        constraints = [
            # Versions count the closings of one dialogue; downloads name them.
            models.UniqueConstraint("plan", "version", name="dossier_version_unique"),
        ]

    def __str__(self):
        return f"Hồ sơ {self.plan} (lần {self.version})"


class DossierAddendum(models.Model):
    """A reply on a carried-over assignment, added to the archive after it was closed: its
    own paper in the register; the dossier itself stays as it was stored."""

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="addenda"
    )
    assignment = models.ForeignKey(
        Assignment, verbose_name="việc mang sang", on_delete=models.PROTECT, related_name="+"
    )
    reply = models.OneToOneField(
        Reply, verbose_name="văn bản trả lời", on_delete=models.PROTECT, related_name="addendum"
    )
    paper = models.OneToOneField(
        Paper, verbose_name="văn bản bổ sung", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("bổ sung lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "tài liệu bổ sung hồ sơ"
        verbose_name_plural = "các tài liệu bổ sung hồ sơ"
        ordering = ["added_at", "pk"]

    def __str__(self):
        return f"Bổ sung hồ sơ: {self.paper}"
