"""A citizen's request about their personal data (Luật 91/2025/QH15): to see it, correct it,
erase it, restrict its use or withdraw consent. Its clocks run in working days: acknowledged
within 2, done within 15 (20 when another agency must act), extendable once with a reason."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from kesat_dialogue.crypto import EncryptedCharField, PhoneDigestField
from kesat_dialogue.models import Commune
from kesat_dialogue.tenancy import TenantQuerySet

from .opinions import SpeakerRequest
from .slips import OpinionSlip

ACK_WORKING_DAYS = 2
DONE_WORKING_DAYS = 15
DONE_WORKING_DAYS_WITH_AGENCY = 20
EXTENSION_WORKING_DAYS = 15


class RequestKind(models.TextChoices):
    ACCESS = "access", "Xem, nhận bản dữ liệu đang lưu"
    CORRECT = "correct", "Sửa dữ liệu"
    ERASE = "erase", "Xóa dữ liệu"
    RESTRICT = "restrict", "Hạn chế xử lý dữ liệu"
    WITHDRAW = "withdraw", "Rút lại sự đồng ý"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận, chưa báo nhận"
    ACKNOWLEDGED = "acknowledged", "Đã báo nhận, đang giải quyết"
    DONE = "done", "Đã giải quyết"


class DataRequestQuerySet(TenantQuerySet):
    def open(self):
        return self.exclude(status=RequestStatus.DONE)

    def due_by(self, day: dt.date):
        """Open requests with a clock (acknowledgement or completion) at or before ``day``."""
        return self.open().filter(
            Q(status=RequestStatus.RECEIVED, ack_due__lte=day) | Q(due_on__lte=day)
        )


class DataRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.CASCADE, related_name="data_requests"
    )
    number = models.PositiveIntegerField("số thứ tự", editable=False)
    kind = models.CharField("yêu cầu", max_length=10, choices=RequestKind.choices)
    person_name = models.CharField("họ và tên người yêu cầu", max_length=150, blank=True)
    person_phone = EncryptedCharField("số điện thoại người yêu cầu", max_length=20, blank=True)
    person_phone_digest = PhoneDigestField("mã tra cứu số điện thoại", of="person_phone")
    details = models.TextField(
        "nội dung yêu cầu",
        blank=True,
        help_text="Ví dụ: sửa họ tên thành «Phạm Thị Nguyệt»; xóa số điện thoại.",
    )
    received_on = models.DateField("ngày nhận yêu cầu")
    needs_agency = models.BooleanField(
        "cần cơ quan khác phối hợp",
        default=False,
        help_text="Có: hạn giải quyết 20 ngày làm việc thay cho 15.",
    )
    ack_due = models.DateField("hạn báo đã nhận", editable=False)
    due_on = models.DateField("hạn giải quyết", editable=False)
    status = models.CharField(
        "trạng thái", max_length=15, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    acknowledged_on = models.DateField("đã báo nhận ngày", null=True, blank=True)
    extension_reason = models.TextField("lý do gia hạn", blank=True)
    done_on = models.DateField("giải quyết xong ngày", null=True, blank=True)
    outcome = models.TextField("kết quả giải quyết", blank=True)
    slips = models.ManyToManyField(
        OpinionSlip, verbose_name="phiếu của người này", blank=True, related_name="data_requests"
    )
    speakers = models.ManyToManyField(
        SpeakerRequest,
        verbose_name="lượt đăng ký phát biểu của người này",
        blank=True,
        related_name="data_requests",
    )
    # The sweep's reminders already given ("ack:d1:2026-12-08"…): each goes out once.
    reminders_sent = models.JSONField("đã nhắc hạn", default=list, blank=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField("tiếp nhận lúc", auto_now_add=True)

    commune_lookup = "commune"
    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "yêu cầu về dữ liệu cá nhân"
        verbose_name_plural = "các yêu cầu về dữ liệu cá nhân"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint("commune", "number", name="data_request_number_unique"),
            # The office must be able to find the person's records and to answer them.
            models.CheckConstraint(
                condition=~Q(person_name="") | ~Q(person_phone=""),
                name="data_request_names_the_person",
            ),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="data_request_done_has_its_day",
            ),
        ]

    def __str__(self):
        return f"Yêu cầu số {self.number}: {self.get_kind_display().lower()}"

    def get_absolute_url(self):
        return reverse("opinions:data-request", kwargs={"request_id": self.public_id})

    def set_clocks(self, calendar) -> None:
        """The dates the law's working days give, from the day the request was received."""
        self.ack_due = calendar.add_working_days(self.received_on, ACK_WORKING_DAYS)
        days = DONE_WORKING_DAYS_WITH_AGENCY if self.needs_agency else DONE_WORKING_DAYS
        self.due_on = calendar.add_working_days(self.received_on, days)

    @property
    def extended(self) -> bool:
        return bool(self.extension_reason)

    @property
    def is_done(self) -> bool:
        return self.status == RequestStatus.DONE

    def acknowledge(self, on: dt.date) -> None:
        if self.status == RequestStatus.RECEIVED:
            self.status, self.acknowledged_on = RequestStatus.ACKNOWLEDGED, on
            self.save(update_fields=["status", "acknowledged_on"])

    def extend(self, reason: str, calendar) -> None:
        """Once, with a reason: EXTENSION_WORKING_DAYS more working days."""
        if self.extended or self.is_done:
            raise ValueError("Yêu cầu chỉ được gia hạn một lần, khi chưa giải quyết xong.")
        self.extension_reason = reason.strip()
        self.due_on = calendar.add_working_days(self.due_on, EXTENSION_WORKING_DAYS)
        self.save(update_fields=["extension_reason", "due_on"])

    def clocks(self) -> list[tuple[str, str, dt.date]]:
        """The dates still running: (key, what, date)."""
        if self.is_done:
            return []
        running = [("due", "giải quyết xong", self.due_on)]
        if self.status == RequestStatus.RECEIVED:
            running.insert(0, ("ack", "báo cho người yêu cầu là đã nhận", self.ack_due))
        return running

    def close(self, outcome: str, on: dt.date) -> None:
        self.status, self.outcome, self.done_on = RequestStatus.DONE, outcome.strip(), on
        if self.acknowledged_on is None:
            self.acknowledged_on = on
        self.save(update_fields=["status", "outcome", "done_on", "acknowledged_on"])
