"""The meeting itself: who is invited and comes, the programme, and the record of the day."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from kesat_dialogue import access
from kesat_dialogue.models import Paper
from kesat_dialogue.tenancy import TenantQuerySet

from .places import Unit, Village
from .plan import DialoguePlan


class ParticipantCategory(models.TextChoices):
    """The composition of seed section II.1, in its order."""

    COMMITTEE = "committee", "Lãnh đạo UBND xã"
    PARTY_COUNCIL = "party_council", "Đại diện Đảng ủy, Thường trực HĐND xã, cơ quan tham mưu"
    FRONT = "front", "Đại diện UB MTTQ và các đoàn thể xã"
    AGENCY = "agency", "Thủ trưởng các cơ quan, đơn vị"
    VILLAGE_LEADER = "village_leader", "Bí thư, trưởng thôn, trưởng ban công tác mặt trận"
    RESIDENT = "resident", "Đại diện Nhân dân"


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", "Chưa điểm danh"
    PRESENT = "present", "Có mặt"
    SUBSTITUTED = "substituted", "Cử cấp phó dự thay"
    ABSENT = "absent", "Vắng mặt"


ATTENDING = (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTED)


class ParticipantQuerySet(TenantQuerySet):
    def attending(self):
        return self.filter(attendance__in=ATTENDING)

    def matching(self, query: str):
        return self.filter(Q(name__icontains=query) | Q(position__icontains=query))

    def visible_to(self, user):
        """Residents are named to the core bodies, and to the head of their own village;
        everyone else sees the officials only (access rule "identity.view")."""
        if access.can(user, "personal_data.view"):
            return self
        residents = Q(category=ParticipantCategory.RESIDENT)
        village = access.village_of(user)
        if village is not None and access.can(user, "identity.view", village):
            return self.filter(~residents | Q(village=village))
        return self.exclude(residents)


class Participant(models.Model):
    """An invited delegate (đại biểu) and whether they came."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan,
        verbose_name="kế hoạch",
        on_delete=models.CASCADE,
        related_name="participants",
    )
    category = models.CharField("thành phần", max_length=20, choices=ParticipantCategory.choices)
    name = models.CharField(
        "họ và tên", max_length=150, blank=True, help_text="Để trống nếu chưa biết tên."
    )
    position = models.CharField("chức vụ", max_length=200)
    village = models.ForeignKey(
        Village, verbose_name="thôn", on_delete=models.PROTECT, null=True, blank=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, null=True, blank=True
    )
    is_head = models.BooleanField(
        "là thủ trưởng", default=False, help_text="Thủ trưởng vắng mặt thì cử cấp phó dự thay."
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    invitation = models.ForeignKey(
        Paper,
        verbose_name="giấy mời đã ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance = models.CharField(
        "điểm danh",
        max_length=20,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    substitute_name = models.CharField("người dự thay", max_length=150, blank=True)
    substitute_position = models.CharField("chức vụ người dự thay", max_length=200, blank=True)
    substitute_reported = models.BooleanField("đã báo cáo Chủ tịch UBND xã", default=False)
    checked_in_at = models.DateTimeField("điểm danh lúc", null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thêm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    commune_lookup = "plan__commune"
    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "đại biểu"
        verbose_name_plural = "các đại biểu"
        ordering = ["category", "order", "pk"]
        constraints = [
            # A substitute is named exactly when someone came in the head's place (seed III.1).
            models.CheckConstraint(
                condition=(Q(attendance=AttendanceStatus.SUBSTITUTED) & ~Q(substitute_name=""))
                | (~Q(attendance=AttendanceStatus.SUBSTITUTED) & Q(substitute_name="")),
                name="participant_substitute_iff_substituted",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """Their name, or the position they are invited for while no name is known."""
        return self.name or self.position

    @property
    def is_official(self) -> bool:
        return self.category != ParticipantCategory.RESIDENT

    @property
    def salutation(self) -> str:
        """Officials are "Đồng chí", citizens "Ông/Bà" (Mẫu 1.7)."""
        return "Đồng chí" if self.is_official else "Ông/Bà"

    @property
    def addressee(self) -> str:
        """Whom a letter is sent to: "Đồng chí Lê Văn Dũng, Phó Chủ tịch UBND xã", or the
        position alone while no name is known ("Đại diện lãnh đạo Đảng ủy xã")."""
        if not self.name:
            return self.position
        return f"{self.salutation} {self.name}, {self.position}"

    @property
    def is_attending(self) -> bool:
        return self.attendance in ATTENDING


class AgendaItem(models.Model):
    """One item of the meeting's programme (chương trình hội nghị)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField("thứ tự")
    title = models.CharField("nội dung", max_length=300)
    is_current = models.BooleanField("đang diễn ra", default=False)

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "mục chương trình"
        verbose_name_plural = "chương trình hội nghị"
        ordering = ["position", "pk"]
        constraints = [
            # The projector and the console show one current item.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(is_current=True), name="agenda_one_current_item"
            ),
        ]

    def __str__(self):
        return self.title


class Meeting(models.Model):
    """What happened on the day: who chaired, who recorded, the conclusion and the minutes."""

    plan = models.OneToOneField(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="meeting"
    )
    starts_at = models.TimeField("giờ bắt đầu", null=True, blank=True)
    ends_at = models.TimeField("giờ kết thúc", null=True, blank=True)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chủ trì hội nghị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Phó Chủ tịch được ủy quyền nếu Chủ tịch vắng mặt vì lý do bất khả kháng.",
    )
    secretary = models.CharField("thư ký hội nghị", max_length=150, blank=True)
    conclusion = models.TextField("kết luận của chủ trì", blank=True)
    minutes = models.ForeignKey(
        Paper,
        verbose_name="biên bản đã ban hành",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    commune_lookup = "plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "hội nghị"
        verbose_name_plural = "các hội nghị"

    def __str__(self):
        return f"Hội nghị {self.plan}"

    @property
    def chair(self):
        """Who chaired: as recorded on the day, else the plan's chairman."""
        return self.chaired_by or self.plan.chairman

    @property
    def chaired_by_deputy(self) -> bool:
        plan = self.plan
        return bool(
            self.chaired_by_id
            and plan.vice_chairman_id == self.chaired_by_id
            and plan.chairman_id != self.chaired_by_id
        )
