"""A dialogue's plan and its dated steps: a commune holds several dialogues a year, one per
cluster of villages and requested ones, each with its own plan, dates and record."""

import datetime as dt
import re
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils import timezone

from kesat_dialogue import links
from kesat_dialogue.models import Commune, Paper, Role
from kesat_dialogue.tenancy import TenantQuerySet

from ..schedule import (
    STEP_BY_KIND,
    MilestoneKind,
    MilestoneState,
    law_warnings,
    state_of,
)
from .places import Village


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    ARCHIVED = "archived", "Đã lưu trữ hồ sơ"


class DialogueKind(models.TextChoices):
    """Luật Tổ chức chính quyền địa phương 2025, Điều 43: at least once a year, and also on
    voters' request or when the commune sees the need."""

    REGULAR = "regular", "Định kỳ"
    REQUESTED = "requested", "Đột xuất"


class RequestBasis(models.TextChoices):
    VOTERS = "voters", "Theo đề nghị của cử tri (từ 10% số cử tri trở lên)"
    COMMUNE = "commune", "Ủy ban nhân dân xã thấy cần thiết"


# The share of a cluster's voters whose request obliges the commune to hold a dialogue.
REQUEST_PERCENT = 10


class DialoguePlanQuerySet(TenantQuerySet):
    def with_timeline(self):
        return self.select_related(
            "commune", "chairman", "vice_chairman", "paper"
        ).prefetch_related(
            "villages",
            models.Prefetch("milestones", queryset=Milestone.objects.select_related("done_by")),
        )

    def with_steps(self):
        """What the start page asks of each dialogue: its heading and dated steps, without
        the texts, people and papers a plan's own page prints."""
        return self.headings_only().prefetch_related("villages", "milestones")

    def for_heading(self):
        """What a page about a plan's records prints of the plan itself (its name and links
        in the heading and navigation): not the plan's dozen texts, which only its own page
        and paper print, nor its commune, which the request has read already."""
        return self.headings_only().prefetch_related("villages")

    def headings_only(self):
        return self.only("public_id", "commune", "year", "number", "kind", "status", "paper")

    def running(self):
        return self.exclude(status=PlanStatus.ARCHIVED)

    def archived(self):
        return self.filter(status=PlanStatus.ARCHIVED)

    def in_order(self):
        """Newest year first; within a year, in the order the dialogues were planned."""
        return self.order_by("-year", "number")

    def sharing_villages(self, villages):
        return self.filter(villages__in=villages).distinct()


# How a signing title reads inside a sentence.
SIGNER_ROLES = {
    "CHỦ TỊCH": "Chủ tịch UBND xã",
    "PHÓ CHỦ TỊCH": "Phó Chủ tịch UBND xã",
    "ỦY BAN NHÂN DÂN": "Chủ tịch UBND xã",
}


class DialoguePlan(models.Model):
    """One dialogue of a commune (cuộc tiếp xúc, đối thoại) for a cluster of villages: its
    plan, its dated steps and everything after. A commune holds several a year."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        Commune, verbose_name="xã", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(
        "số thứ tự trong năm",
        editable=False,
        help_text="Cuộc đối thoại thứ mấy của xã trong năm; đường dẫn công khai dùng số này.",
    )
    kind = models.CharField(
        "loại đối thoại",
        max_length=20,
        choices=DialogueKind.choices,
        default=DialogueKind.REGULAR,
    )
    request_basis = models.CharField(
        "căn cứ tổ chức đột xuất", max_length=20, choices=RequestBasis.choices, blank=True
    )
    signatures = models.PositiveIntegerField(
        "số cử tri ký đề nghị", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    voters = models.PositiveIntegerField(
        "tổng số cử tri các thôn", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    request_reason = models.TextField(
        "lý do Ủy ban nhân dân xã tổ chức", blank=True, help_text="Khi xã thấy cần thiết."
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    plan_date = models.DateField(
        "ngày kế hoạch", help_text="Khi chưa ban hành, bản in chỉ ghi tháng và năm của ngày này."
    )
    title = models.CharField("trích yếu", max_length=300)
    basis = models.TextField("căn cứ", help_text="Văn bản cấp trên làm căn cứ xây dựng kế hoạch.")
    purpose = models.TextField("mục đích", help_text="Mỗi dòng là một đoạn.")
    requirements = models.TextField("yêu cầu", help_text="Mỗi dòng là một đoạn.")
    villages = models.ManyToManyField(
        Village,
        verbose_name="các thôn",
        related_name="plans",
        help_text="Nhân dân các thôn được mời tiếp xúc, đối thoại.",
    )
    chairman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chủ trì hội nghị (Chủ tịch UBND xã)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    vice_chairman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Phó Chủ tịch được ủy quyền khi Chủ tịch vắng mặt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    expected_attendance = models.PositiveIntegerField(
        "số người dự kiến", validators=[MinValueValidator(1)]
    )
    attendee_groups = models.TextField(
        "thành phần tham dự",
        help_text="Mỗi dòng một thành phần. Dòng mời cán bộ các thôn được thêm tự động.",
    )
    content = models.TextField("nội dung tiếp xúc, đối thoại", help_text="Mỗi dòng là một đoạn.")
    venue = models.CharField("địa điểm", max_length=300)
    duration = models.CharField("thời lượng", max_length=50)
    programme = models.TextField("chương trình hội nghị", help_text="Mỗi dòng là một mục.")
    budget = models.TextField("kinh phí")
    duties_units = models.TextField("nhiệm vụ các cơ quan, đơn vị")
    duties_office = models.TextField("nhiệm vụ Văn phòng HĐND và UBND xã")
    duties_front = models.TextField("nhiệm vụ Ủy ban MTTQ, các đoàn thể")
    duties_villages = models.TextField("nhiệm vụ Ban chi ủy, trưởng, phó các thôn")
    recipients = models.TextField(
        "nơi nhận", help_text="Mỗi dòng một nơi nhận. Dòng gửi các thôn được thêm tự động."
    )
    signer_capacity = models.CharField(
        "thẩm quyền ký", max_length=100, help_text="Ví dụ: TM. ỦY BAN NHÂN DÂN"
    )
    signer_title = models.CharField(
        "chức vụ người ký", max_length=100, help_text="Ví dụ: CHỦ TỊCH, Q. CHỦ TỊCH"
    )
    signer_name = models.CharField("họ tên người ký", max_length=150)
    paper = models.ForeignKey(
        Paper,
        verbose_name="văn bản đã ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Bản kế hoạch đã vào sổ; bản thay thế sau cùng nếu đã đính chính.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    commune_lookup = "commune"
    objects = DialoguePlanQuerySet.as_manager()
    # Texts typed as several lines: each line is one paragraph of the paper.
    PARAGRAPH_FIELDS = (
        "basis",
        "purpose",
        "requirements",
        "attendee_groups",
        "content",
        "programme",
        "budget",
        "duties_units",
        "duties_office",
        "duties_front",
        "duties_villages",
        "recipients",
    )

    class Meta:
        verbose_name = "kế hoạch tiếp xúc, đối thoại"
        verbose_name_plural = "các kế hoạch tiếp xúc, đối thoại"
        ordering = ["-year", "number"]
        constraints = [
            # The public page and printed QR codes name a dialogue by commune, year and number.
            models.UniqueConstraint("commune", "year", "number", name="plan_number_unique_in_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="plan_year_plausible"
            ),
            # A regular dialogue has no request; a requested one says on what basis.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=DialogueKind.REGULAR,
                        request_basis="",
                        signatures__isnull=True,
                        voters__isnull=True,
                    )
                    | (models.Q(kind=DialogueKind.REQUESTED) & ~models.Q(request_basis=""))
                ),
                name="plan_request_basis_matches_kind",
                violation_error_message="Đối thoại đột xuất phải ghi căn cứ tổ chức.",
            ),
            # Voters' request: at least REQUEST_PERCENT % of the cluster's voters signed.
            models.CheckConstraint(
                condition=~models.Q(request_basis=RequestBasis.VOTERS)
                | models.Q(
                    GreaterThanOrEqual(
                        models.F("signatures") * 100, models.F("voters") * REQUEST_PERCENT
                    ),
                    signatures__isnull=False,
                    voters__gt=0,
                ),
                name="plan_voters_request_reaches_the_share",
                violation_error_message=(
                    f"Số cử tri ký đề nghị phải từ {REQUEST_PERCENT}% tổng số cử tri trở lên."
                ),
            ),
            # The commune's own decision says why.
            models.CheckConstraint(
                condition=~models.Q(request_basis=RequestBasis.COMMUNE)
                | ~models.Q(request_reason=""),
                name="plan_commune_decision_has_reason",
                violation_error_message="Hãy ghi lý do Ủy ban nhân dân xã tổ chức.",
            ),
        ]

    def __str__(self):
        return f"Đối thoại {self.label} – {self.commune}"

    def get_absolute_url(self):
        return links.object_url("meetings:plan-detail", "plan_id", self.public_id)

    def get_public_url(self):
        """The dialogue's public page, as printed in QR codes: commune, year and number."""
        return reverse("followups:public-plan", args=[self.commune.slug, self.year, self.number])

    def village_names(self) -> list[str]:
        # Read prefetched villages straight from the cache: building the related manager,
        # once per label, was a tenth of the start page. Changing the villages empties it.
        villages = getattr(self, "_prefetched_objects_cache", {}).get("villages")
        if villages is None:
            villages = self.villages.all()
        return [village.name for village in villages]

    @property
    def villages_label(self) -> str:
        return ", ".join(self.village_names())

    @property
    def signer_role(self) -> str:
        """The signer as a sentence names them: "Quyền Chủ tịch UBND xã" for "Q. CHỦ TỊCH"."""
        title = (self.signer_title or self.signer_capacity).strip().upper()
        acting = title.startswith("Q.")
        title = re.sub(r"^(Q|KT|TM|TL|TUQ)\.\s*", "", title)
        role = SIGNER_ROLES.get(title, title.capitalize())
        return f"{'Quyền ' if acting else ''}{role}"

    @property
    def label(self) -> str:
        """How pages name this dialogue: its year, kind and villages."""
        kind = " (đột xuất)" if self.kind == DialogueKind.REQUESTED else ""
        villages = self.villages_label if self.pk else ""
        return f"năm {self.year}{kind}" + (f" – {villages}" if villages else "")

    @property
    def file_tag(self) -> str:
        """How downloaded files name the dialogue: "2026", or "2026-2" for the year's second."""
        return str(self.year) if self.number == 1 else f"{self.year}-{self.number}"

    @property
    def signature_share(self) -> float | None:
        """The share of voters who signed, in percent."""
        if not self.signatures or not self.voters:
            return None
        return 100 * self.signatures / self.voters

    # The steps come prefetched on every page that shows them: read them from memory.
    def milestone_list(self) -> list["Milestone"]:
        return sorted(self.milestones.all(), key=lambda m: (m.due_date, m.sequence))

    def due_dates(self) -> dict[str, dt.date]:
        return {m.kind: m.due_date for m in self.milestones.all()}

    @property
    def meeting_date(self) -> dt.date | None:
        return self.due_dates().get(MilestoneKind.MEETING)

    def law_warnings(self) -> list[str]:
        return law_warnings(self.due_dates())

    def day_off_warnings(self, calendar) -> list[str]:
        """Open steps due on a day off, named with the day; their reminders go out on the
        working day before."""
        warnings = []
        for milestone in self.milestone_list():
            day_off = calendar.day_off_name(milestone.due_date)
            if day_off and not milestone.done_at:
                before = calendar.previous_working_day(milestone.due_date)
                warnings.append(
                    f"Hạn «{milestone.get_kind_display()}» {milestone.due_date:%d/%m/%Y} rơi vào "
                    f"ngày nghỉ ({day_off}); nhắc việc gửi vào ngày làm việc trước đó, "
                    f"{before:%d/%m/%Y}."
                )
        return warnings

    @property
    def is_closed(self) -> bool:
        """A closed plan's dossier is archived: everything in it is read-only."""
        return self.status == PlanStatus.ARCHIVED


class MilestoneQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)


class Milestone(models.Model):
    """A dated step of a plan, owned by one role; done when its owner marks it so."""

    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField("bước", max_length=30, choices=MilestoneKind.choices)
    owner_role = models.CharField("bộ phận phụ trách", max_length=20, choices=Role.choices)
    due_date = models.DateField("hạn")
    done_at = models.DateTimeField("hoàn thành lúc", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đánh dấu hoàn thành",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    commune_lookup = "plan__commune"
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = "mốc thời gian"
        verbose_name_plural = "các mốc thời gian"
        ordering = ["due_date"]
        constraints = [
            # Each step appears once per plan: pages and reminders look steps up by kind.
            models.UniqueConstraint("plan", "kind", name="milestone_one_per_kind"),
            # Who completed a step is only known for a completed step.
            models.CheckConstraint(
                condition=models.Q(done_by__isnull=True) | models.Q(done_at__isnull=False),
                name="milestone_done_by_needs_done_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_date:%d/%m/%Y})"

    @property
    def sequence(self) -> int:
        return list(STEP_BY_KIND).index(self.kind)

    @property
    def from_law(self) -> bool:
        return STEP_BY_KIND[self.kind].from_law

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def state(self, today: dt.date) -> MilestoneState:
        return state_of(self.due_date, self.is_done, today)

    def days_left(self, today: dt.date) -> int:
        return (self.due_date - today).days

    def mark_done(self, *, by) -> None:
        if self.is_done:
            return
        self.done_at = timezone.now()
        self.done_by = by
        self.save(update_fields=["done_at", "done_by"])

    def reopen(self) -> None:
        self.done_at = None
        self.done_by = None
        self.save(update_fields=["done_at", "done_by"])
