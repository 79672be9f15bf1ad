"""Opinions, the petitions they are merged into, and the written answers."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from kesat_dialogue import links
from kesat_dialogue.symbols import SYMBOL_EXAMPLE, validate_letter_symbol
from kesat_dialogue.tenancy import TenantQuerySet
from meetings.models import DialoguePlan, Unit, Village
from meetings.schedule import MilestoneKind

from ..text import fold, search_filter
from .slips import Field, OpinionSlip


class SearchableText(models.Model):
    """A ``text`` with its folded copy (no accents, lower case), which search reads."""

    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = fold(self.text)
        if kwargs.get("update_fields") is not None and "text" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class OpinionKind(models.TextChoices):
    SUGGESTION = "suggestion", "Góp ý"
    REQUEST = "request", "Kiến nghị"
    REPORT = "report", "Phản ánh"
    QUESTION = "question", "Câu hỏi"
    COMPLAINT = "complaint", "Khiếu nại (chuyển xử lý theo Luật Khiếu nại)"
    DENUNCIATION = "denunciation", "Tố cáo (chuyển xử lý theo Luật Tố cáo)"


# Complaints and denunciations follow their own laws: recorded and referred, never merged.
REFERRAL_KINDS = frozenset({OpinionKind.COMPLAINT, OpinionKind.DENUNCIATION})


class OpinionSource(models.TextChoices):
    FORM = "form", "Phiếu lấy ý kiến"
    SPEECH = "speech", "Phát biểu tại hội nghị"
    MEETING_SLIP = "meeting_slip", "Phiếu ghi ý kiến tại hội nghị"
    VILLAGE_REPORT = "village_report", "Báo cáo của thôn"


# What was said or handed in on the meeting day, and goes into the minutes.
MEETING_SOURCES = (OpinionSource.SPEECH, OpinionSource.MEETING_SLIP)


class MeetingAnswer(models.TextChoices):
    CHAIR = "chair", "Chủ trì trả lời tại hội nghị"
    AGENCY = "agency", "Cơ quan trả lời tại hội nghị"
    LATER = "later", "Trả lời sau hội nghị"


class OpinionStatus(models.TextChoices):
    UNMERGED = "unmerged", "Chưa tổng hợp"
    MERGED = "merged", "Đã tổng hợp vào kiến nghị"
    REFERRAL = "referral", "Chuyển xử lý theo luật riêng"


class OpinionQuerySet(TenantQuerySet):
    def matching(self, query: str):
        return self.filter(search_filter(query))

    def with_status(self, status: str):
        if status == OpinionStatus.REFERRAL:
            return self.filter(kind__in=REFERRAL_KINDS)
        if status == OpinionStatus.MERGED:
            return self.filter(petition__isnull=False)
        if status == OpinionStatus.UNMERGED:
            return self.filter(petition__isnull=True).exclude(kind__in=REFERRAL_KINDS)
        return self

    def mergeable(self):
        return self.with_status(OpinionStatus.UNMERGED)

    def from_meeting(self):
        return self.filter(source__in=MEETING_SOURCES)


class Opinion(SearchableText):
    """One thing one person said or wrote."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="opinions"
    )
    slip = models.ForeignKey(
        OpinionSlip,
        verbose_name="phiếu",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opinions",
    )
    source = models.CharField(
        "nguồn", max_length=20, choices=OpinionSource.choices, default=OpinionSource.FORM
    )
    village = models.ForeignKey(
        Village, verbose_name="thôn", on_delete=models.PROTECT, related_name="opinions"
    )
    text = models.TextField("nội dung ý kiến")
    kind = models.CharField("loại ý kiến", max_length=20, choices=OpinionKind.choices)
    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="opinions"
    )
    petition = models.ForeignKey(
        "Petition",
        verbose_name="kiến nghị tổng hợp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    speaker = models.ForeignKey(
        "SpeakerRequest",
        verbose_name="người phát biểu",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    meeting_answer_mode = models.CharField(
        "trả lời tại hội nghị", max_length=10, choices=MeetingAnswer.choices, blank=True
    )
    meeting_answer = models.TextField("nội dung trả lời tại hội nghị", blank=True)
    meeting_answer_unit = models.ForeignKey(
        Unit,
        verbose_name="cơ quan trả lời tại hội nghị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    followup = models.TextField("ý kiến tiếp sau khi nghe trả lời", blank=True)
    client_token = models.UUIDField(
        "mã lần lưu",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Gửi lại cùng một lần lưu không tạo ý kiến thứ hai.",
    )
    position = models.PositiveSmallIntegerField("thứ tự trên phiếu", default=1)
    # The slip's number, copied so that lists are read in paper order through an index
    # instead of sorting every opinion of the plan at each page; kept equal to
    # ``slip.serial`` by ``save()``, the bulk writers and ``services.update_slip``.
    slip_serial = models.PositiveIntegerField("số phiếu", null=True, editable=False)

    commune_lookup = "plan__commune"
    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = "ý kiến"
        verbose_name_plural = "các ý kiến"
        ordering = ["slip_serial", "position", "pk"]
        constraints = [
            # A complaint or denunciation is referred under its own law, never merged.
            models.CheckConstraint(
                condition=Q(petition__isnull=True)
                | ~Q(kind__in=[OpinionKind.COMPLAINT, OpinionKind.DENUNCIATION]),
                name="opinion_referral_never_merged",
            ),
        ]
        # Counting a page of petitions' opinions by village, and a plan's opinions not yet
        # merged (the start page, each view), reads this index alone.
        indexes = [
            models.Index(fields=["plan", "petition", "village", "kind"], name="opinion_counting"),
            # The opinion list's page of 50 in paper order, read without sorting the plan.
            models.Index(
                fields=["plan", "slip_serial", "position", "id"], name="opinion_paper_order"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self.slip_id is None:
            self.slip_serial = None
        elif Opinion.slip.is_cached(self) or self.slip_serial is None:
            self.slip_serial = self.slip.serial
        super().save(*args, **kwargs)

    @property
    def needs_referral(self) -> bool:
        return self.kind in REFERRAL_KINDS


class PetitionStatus(models.TextChoices):
    UNANSWERED = "unanswered", "Chưa trả lời"
    ANSWERED = "answered", "Đã trả lời bằng văn bản"


class PetitionQuerySet(TenantQuerySet):
    # What became of a petition is recorded by the follow-up app, above this one: it names
    # its relations here when it loads, and lists select them with the petitions.
    outcome_relations: list[str] = []

    def with_counts(self):
        return self.annotate(opinion_count=Count("opinions", distinct=True))

    def matching(self, query: str):
        return self.filter(search_filter(query))

    def answered(self):
        return self.filter(answer__isnull=False)

    def unanswered(self):
        return self.filter(answer__isnull=True)

    def for_unit(self, unit):
        return self.filter(unit=unit)

    def asked_before(self, plan):
        """Petitions of the commune's earlier dialogues raised by people of this dialogue's
        villages: what they asked last time, to set beside what they ask now."""
        meeting = plan.meeting_date
        if meeting is None:
            return self.none()
        earlier = (
            DialoguePlan.objects.for_commune(plan.commune)
            .exclude(pk=plan.pk)
            .filter(milestones__kind=MilestoneKind.MEETING, milestones__due_date__lt=meeting)
        )
        return self.filter(plan__in=earlier, opinions__village__in=plan.villages.all()).distinct()

    def with_outcome(self):
        """What a page needs to say what became of each petition, in the same query."""
        return self.select_related("plan", *self.outcome_relations)

    def with_repeated(self):
        """The earlier petition each one repeats, and what became of it."""
        return self.select_related(
            "repeats__plan", *(f"repeats__{name}" for name in self.outcome_relations)
        )


class Petition(SearchableText):
    """What many opinions ask together (kiến nghị tổng hợp): what gets answered."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="petitions"
    )
    text = models.TextField("nội dung kiến nghị tổng hợp")
    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", on_delete=models.PROTECT, related_name="petitions"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="cơ quan trả lời",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    repeats = models.ForeignKey(
        "self",
        verbose_name="nhắc lại kiến nghị của lần đối thoại trước",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        help_text="Kiến nghị của cùng các thôn ở một cuộc đối thoại trước, nay lại được nêu.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tổng hợp",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("tổng hợp lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = "kiến nghị tổng hợp"
        verbose_name_plural = "các kiến nghị tổng hợp"
        ordering = ["field__position", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return links.object_url("opinions:petition-detail", "petition_id", self.public_id)

    def village_names(self) -> list[str]:
        """The villages its opinions came from, in the commune's order.

        Lists fill them in for a whole page at once (``Petition.attach_opinion_facts``).
        """
        if not hasattr(self, "_village_names"):
            Petition.attach_opinion_facts([self])
        return self._village_names

    @staticmethod
    def attach_opinion_facts(petitions, villages=None) -> None:
        """Each petition's villages and ``opinion_count``, for many petitions in one grouped
        query (cheaper than ``with_counts()`` joined to a page's other tables). Given the
        page's ``villages`` already read, the query leaves out the join for their names and
        reads one index alone."""
        named = {p.pk: {} for p in petitions}
        counts = dict.fromkeys(named, 0)
        opinions = Opinion.objects.filter(petition__in=list(named)).order_by()  # no ORDER BY
        if villages is None:
            rows = opinions.values_list(
                "petition_id", "village__name", "village__position"
            ).annotate(n=Count("id"))
        else:
            grouped = list(
                opinions.values_list("petition_id", "village_id").annotate(n=Count("id"))
            )
            names = {village.pk: (village.name, village.position) for village in villages}
            if missing := {village_id for _, village_id, _ in grouped} - names.keys():
                names.update(
                    (pk, (name, position))
                    for pk, name, position in Village.objects.filter(pk__in=missing).values_list(
                        "pk", "name", "position"
                    )
                )
            rows = [(petition_id, *names[village_id], n) for petition_id, village_id, n in grouped]
        for petition_id, name, position, n in rows:
            named[petition_id][name] = position
            counts[petition_id] += n
        for petition in petitions:
            these = named[petition.pk]
            petition._village_names = sorted(these, key=lambda n: (these[n], n))
            petition.opinion_count = counts[petition.pk]

    @property
    def outcome_label(self) -> str:
        """What became of it, as the follow-up recorded (its decision and assignment)."""
        decision = getattr(self, "decision", None)
        if decision is None:
            return "chưa có kết luận"
        label = decision.get_outcome_display()
        assignment = getattr(self, "assignment", None)
        if assignment is not None:
            label += f" – {assignment.unit}: {assignment.get_status_display().lower()}"
        return label

    @property
    def status(self) -> PetitionStatus:
        return PetitionStatus.ANSWERED if hasattr(self, "answer") else PetitionStatus.UNANSWERED


def answer_upload_path(answer, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"answers/{uuid.uuid4().hex}.{extension}"


class Answer(models.Model):
    """An agency's written answer to a petition, before the meeting (step 5)."""

    petition = models.OneToOneField(
        Petition, verbose_name="kiến nghị", on_delete=models.CASCADE, related_name="answer"
    )
    unit = models.ForeignKey(Unit, verbose_name="cơ quan trả lời", on_delete=models.PROTECT)
    text = models.TextField("nội dung trả lời")
    letter_number = models.CharField(
        "số, ký hiệu văn bản trả lời",
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
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lời",
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("gửi lúc", auto_now=True)

    commune_lookup = "petition__plan__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản trả lời"
        verbose_name_plural = "các văn bản trả lời"

    def __str__(self):
        return f"Trả lời số {self.letter_number}"


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", "Chờ phát biểu"
    SPEAKING = "speaking", "Đang phát biểu"
    DONE = "done", "Đã phát biểu"
    SKIPPED = "skipped", "Bỏ qua"


class SpeakerQuerySet(TenantQuerySet):
    def waiting(self):
        return self.filter(status=SpeakerStatus.WAITING).order_by("position", "pk")


class SpeakerRequest(models.Model):
    """A person's place in the speaking order (đăng ký phát biểu)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        DialoguePlan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="speakers"
    )
    position = models.PositiveIntegerField("thứ tự đăng ký")
    name = models.CharField("họ và tên", max_length=150)
    village = models.ForeignKey(
        Village, verbose_name="thôn", on_delete=models.PROTECT, null=True, blank=True
    )
    topic = models.CharField("nội dung đăng ký", max_length=300, blank=True)
    petition = models.ForeignKey(
        Petition,
        verbose_name="kiến nghị đã tổng hợp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=SpeakerStatus.choices, default=SpeakerStatus.WAITING
    )
    registered_at = models.DateTimeField("đăng ký lúc", auto_now_add=True)

    commune_lookup = "plan__commune"
    objects = SpeakerQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký phát biểu"
        verbose_name_plural = "danh sách đăng ký phát biểu"
        ordering = ["position", "pk"]
        constraints = [
            # One person holds the floor at a time: the console and projector show them.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="speaking"),
                name="speaker_one_speaking",
            ),
        ]

    def __str__(self):
        return self.name
