"""Reminders before each dated step and each assignment, and the chairman's escalation."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kesat_dialogue.tenancy import TenantQuerySet
from meetings.models import DialoguePlan, Milestone

from .records import Assignment


class Offset(models.TextChoices):
    DAYS_3 = "d3", "Còn 3 ngày"
    DAYS_1 = "d1", "Còn 1 ngày"
    DUE_TODAY = "d0", "Đến hạn hôm nay"
    OVERDUE = "overdue", "Quá hạn"
    ESCALATION = "escalation", "Báo cáo Chủ tịch việc quá hạn"
    HANDOFF = "handoff", "Chuyển việc cho người tiếp theo"


# Days before the due date at which the owner is reminded.
OFFSET_DAYS = {Offset.DAYS_3: 3, Offset.DAYS_1: 1, Offset.DUE_TODAY: 0}


class Channel(models.TextChoices):
    IN_APP = "in_app", "Trong ứng dụng"
    EMAIL = "email", "Thư điện tử"


class ReminderStatus(models.TextChoices):
    PENDING = "pending", "Chờ gửi"
    SENDING = "sending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi, sẽ thử lại"
    GAVE_UP = "gave_up", "Gửi lỗi, đã ngừng thử"


class ReminderQuerySet(TenantQuerySet):
    def deliverable(self, now):
        """Waiting to go out: new ones, and failed ones whose pause is over."""
        return self.filter(
            Q(status=ReminderStatus.PENDING)
            | Q(status=ReminderStatus.FAILED, next_attempt_at__lte=now)
        )


class Reminder(models.Model):
    """One message to one person through one channel; its row makes it go out once."""

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="reminders"
    )
    # No index of their own: the unique constraints below lead with them. Every index is
    # written again each time a row changes state, a hundred thousand times a sweep.
    milestone = models.ForeignKey(
        Milestone,
        verbose_name="bước",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        db_index=False,
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name="việc được giao",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        db_index=False,
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    offset = models.CharField("mốc nhắc", max_length=20, choices=Offset.choices)
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    due_date = models.DateField(
        "hạn", help_text="Hạn được nhắc; với báo cáo Chủ tịch là ngày báo cáo."
    )
    key = models.CharField(
        "mã việc chuyển",
        max_length=100,
        blank=True,
        help_text="Với thông báo chuyển việc: việc gì, lần nào; mỗi mã gửi một lần.",
    )
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    url = models.CharField("đường dẫn", max_length=300)
    status = models.CharField(
        "trạng thái",
        max_length=10,
        choices=ReminderStatus.choices,
        default=ReminderStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    # Which delivery round took the row: one conditional UPDATE claims a batch.
    claim = models.CharField("lượt gửi", max_length=32, blank=True, editable=False)
    last_error = models.TextField("lỗi lần gửi cuối", blank=True)
    next_attempt_at = models.DateTimeField("thử lại lúc", null=True, blank=True)
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    commune_lookup = "plan__commune"
    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = "lần nhắc hạn"
        verbose_name_plural = "nhắc hạn"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The sweep inserts and ignores conflicts: these keys make every reminder unique,
            # so a retry, a second worker or a second sweep in a day never sends it twice.
            models.UniqueConstraint(
                fields=["milestone", "recipient", "offset", "channel", "due_date"],
                condition=Q(milestone__isnull=False),
                name="reminder_once_per_step",
            ),
            models.UniqueConstraint(
                fields=["assignment", "recipient", "offset", "channel", "due_date"],
                condition=Q(assignment__isnull=False),
                name="reminder_once_per_assignment",
            ),
            models.UniqueConstraint(
                fields=["plan", "recipient", "channel", "due_date"],
                condition=Q(offset="escalation"),
                name="escalation_once_a_day",
            ),
            # A hand-off (a notice drafted, a reply sent…) reaches each person once.
            models.UniqueConstraint(
                fields=["plan", "recipient", "channel", "key"],
                condition=Q(offset="handoff"),
                name="handoff_once",
            ),
            models.CheckConstraint(
                condition=(Q(offset="handoff") & ~Q(key="")) | (~Q(offset="handoff") & Q(key="")),
                name="reminder_key_only_for_handoffs",
            ),
            models.CheckConstraint(
                condition=(
                    Q(offset__in=["escalation", "handoff"])
                    & Q(milestone__isnull=True, assignment__isnull=True)
                )
                | (
                    ~Q(offset__in=["escalation", "handoff"])
                    & (
                        Q(milestone__isnull=False, assignment__isnull=True)
                        | Q(milestone__isnull=True, assignment__isnull=False)
                    )
                ),
                name="reminder_about_one_thing",
            ),
        ]
        indexes = [
            # A delivery round takes the first waiting rows of a channel: without this each
            # round walked past every row already sent, and a national sweep grew quadratic.
            models.Index(
                fields=["channel", "id"],
                condition=Q(status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]),
                name="reminder_waiting_idx",
            ),
            models.Index(fields=["claim"], name="reminder_claim_idx"),
        ]

    def __str__(self):
        return self.subject
