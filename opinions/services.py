"""Writes of the opinions workflow: forms, slips, petitions, answers, the synthesis."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kesat_dialogue import audit, notifications, papers, privacy
from kesat_dialogue.models import AuditAction, Issuer, PaperCode, Role
from meetings.documents import people_of
from meetings.models import DialoguePlan
from meetings.schedule import MilestoneKind

from . import documents, similar, stats
from .models import (
    DEFAULT_FIELDS,
    Answer,
    ConsentChannel,
    Field,
    Opinion,
    OpinionForm,
    OpinionSlip,
    Petition,
    SynthesisReport,
    receipt_code,
)
from .text import fold

FORM_DEFAULTS = {
    "heading": "PHIẾU LẤY Ý KIẾN NHÂN DÂN",
    "instructions": (
        "Để chuẩn bị cho hội nghị tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với "
        "Nhân dân, xin ông (bà) cho biết ý kiến, kiến nghị của mình. Ông (bà) có thể không "
        "ghi họ tên. Xin giữ lại phần biên nhận để tra cứu kết quả trả lời."
    ),
    "questions": (
        "Ý kiến về các chủ trương, chính sách của Đảng, Nhà nước và quy định của địa phương:\n"
        "Ý kiến về hoạt động của chính quyền, thái độ, tinh thần trách nhiệm của cán bộ:\n"
        "Những vấn đề bức xúc ở thôn, xã mà ông (bà) đề nghị giải quyết:"
    ),
}


def give_new_commune_its_fields(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_fields(instance)


def ensure_fields(commune) -> None:
    """Give a commune the standard list of fields if it has none."""
    if Field.objects.filter(commune=commune).exists():
        return
    Field.objects.bulk_create(
        [Field(commune=commune, name=name, position=i) for i, name in enumerate(DEFAULT_FIELDS)],
        ignore_conflicts=True,
    )


def opinion_form_of(plan: DialoguePlan) -> OpinionForm:
    """The plan's form to read: the stored one, or the standard form it would start from."""
    return OpinionForm.objects.filter(plan=plan).first() or OpinionForm(plan=plan, **FORM_DEFAULTS)


def copy_opinion_form(sender, *, source, copy, **kwargs) -> None:
    """A copied dialogue asks the same questions on its slips (not yet marked ready)."""
    form = OpinionForm.objects.filter(plan=source).first()
    if form is not None:
        OpinionForm.objects.create(
            plan=copy,
            heading=form.heading,
            instructions=form.instructions,
            questions=form.questions,
        )


def opinion_form_for_change(plan: DialoguePlan) -> OpinionForm:
    form, _ = OpinionForm.objects.get_or_create(plan=plan, defaults=FORM_DEFAULTS)
    return form


def _complete_step(plan: DialoguePlan, kind: MilestoneKind, by) -> None:
    milestone = plan.milestones.filter(kind=kind).first()
    if milestone:
        milestone.mark_done(by=by)


@transaction.atomic
def mark_form_ready(*, form: OpinionForm, by) -> None:
    if form.ready_at is None:
        form.ready_at = timezone.now()
        form.save(update_fields=["ready_at"])
    _complete_step(form.plan, MilestoneKind.FORM_READY, by)


# --- Slips ------------------------------------------------------------------------------

SLIP_FIELDS = (
    "serial",
    "village_id",
    "anonymous",
    "name",
    "address",
    "phone",
    "respondent",
    "collected_by_id",
    "collected_on",
    "consent",
)
OPINION_FIELDS = ("text", "kind", "field_id")


def record_consent(slip: OpinionSlip, given: bool, *, by, channel=ConsentChannel.PAPER) -> None:
    """Consent as the person gave it, under the commune's notice in force."""
    notice = privacy.in_force(slip.plan.commune)
    slip.record_consent(
        given, notice_version=notice.version, channel=channel, by=by, at=timezone.now()
    )


@transaction.atomic
def create_slip(
    *, slip: OpinionSlip, opinions: list[dict], by, consent: bool | None = None
) -> OpinionSlip:
    """Save a typed slip with its opinions; ``opinions`` are dicts of text, kind, field.
    ``consent`` is what the person ticked on the paper (None: not asked, for old data)."""
    slip.created_by = by
    if consent is not None:
        record_consent(slip, consent, by=by)
    slip.receipt_code = receipt_code(slip.plan.public_id, slip.serial)
    slip.save()
    created = Opinion.objects.bulk_create(
        # bulk_create skips save() and its signals: search text and audit entries are set here.
        Opinion(
            plan=slip.plan,
            slip=slip,
            slip_serial=slip.serial,
            village=slip.village,
            position=i,
            search_text=fold(data["text"]),
            **data,
        )
        for i, data in enumerate(opinions, start=1)
    )
    audit.record_many(
        created,
        AuditAction.CREATED,
        lambda opinion: {k: [None, str(v)] for k, v in opinions[opinion.position - 1].items()},
        user=by,
    )
    return slip


def _slip_values(slip: OpinionSlip) -> dict:
    values = {name: getattr(slip, name) for name in SLIP_FIELDS}
    values["collected_on"] = values["collected_on"].isoformat() if values["collected_on"] else None
    return values


@transaction.atomic
def update_slip(
    *, slip: OpinionSlip, before: dict, opinions: list[dict], by, consent: bool | None = None
) -> OpinionSlip:
    """Save a corrected slip and record what changed, field by field."""
    if consent is not None and consent != before.get("consent"):
        record_consent(slip, consent, by=by)
    if slip.serial != before["serial"]:
        slip.receipt_code = receipt_code(slip.plan.public_id, slip.serial)
    with audit.recorded_by_caller(slip):
        slip.save()
    after = _slip_values(slip)
    changes = {k: [before[k], after[k]] for k in SLIP_FIELDS if before[k] != after[k]}
    old_opinions = [
        {name: getattr(o, name) for name in OPINION_FIELDS} for o in slip.opinions.all()
    ]
    if old_opinions != opinions:
        changes["opinions"] = [old_opinions, opinions]
        _replace_opinions(slip, opinions)
    slip.opinions.update(village=slip.village, slip_serial=slip.serial)
    if changes:
        audit.record(slip, AuditAction.CHANGED, changes, user=by)
    return slip


def _replace_opinions(slip: OpinionSlip, opinions: list[dict]) -> None:
    """Opinions keep their petition when their text stays; new ones come unmerged."""
    existing = list(slip.opinions.all())
    for position, data in enumerate(opinions, start=1):
        if position <= len(existing):
            opinion = existing[position - 1]
            for name, value in data.items():
                setattr(opinion, name, value)
            opinion.position = position
            if opinion.needs_referral:
                opinion.petition = None
            opinion.save()
        else:
            Opinion.objects.create(
                plan=slip.plan, slip=slip, village=slip.village, position=position, **data
            )
    for opinion in existing[len(opinions) :]:
        opinion.delete()


def slip_snapshot(slip: OpinionSlip) -> dict:
    return _slip_values(slip)


# --- Petitions --------------------------------------------------------------------------


@transaction.atomic
def merge(*, plan, opinions, text: str, field, unit, by, petition: Petition | None = None):
    """Merge opinions into a new petition, or into ``petition`` if given."""
    if petition is None:
        petition = Petition.objects.create(
            plan=plan, text=text, field=field, unit=unit, created_by=by
        )
    merged = list(
        Opinion.objects.filter(pk__in=[o.pk for o in opinions]).mergeable().select_related("plan")
    )
    Opinion.objects.filter(pk__in=[o.pk for o in merged]).update(petition=petition)
    # .update() skips signals: the audit entries are written here.
    audit.record_many(
        merged,
        AuditAction.CHANGED,
        lambda opinion: {"petition_id": [opinion.petition_id, petition.pk]},
        user=by,
    )
    _flag_repeat(petition)
    return petition


def _flag_repeat(petition: Petition) -> None:
    """A petition that repeats one of an earlier dialogue of the same villages says so, so
    that the chairman sees a promise not kept."""
    repeats = similar.earlier_repeat(petition)
    if repeats != petition.repeats:
        petition.repeats = repeats
        petition.save(update_fields=["repeats"])


@transaction.atomic
def update_petition(*, petition: Petition, text: str, field, unit) -> Petition:
    petition.text, petition.field, petition.unit = text, field, unit
    petition.save(update_fields=["text", "field", "unit"])
    _flag_repeat(petition)
    return petition


@transaction.atomic
def unmerge(*, opinion: Opinion) -> None:
    petition = opinion.petition
    opinion.petition = None
    opinion.save(update_fields=["petition"])
    # A petition with no opinions left and no answer has nothing to stand for.
    if petition and not petition.opinions.exists() and not hasattr(petition, "answer"):
        petition.delete()


@transaction.atomic
def assign_units(*, assignments: dict[Petition, object]) -> int:
    """Give petitions to the agencies that answer them in writing (step 15/6); each agency
    hears of a petition given to it."""
    changed = 0
    for petition, unit in assignments.items():
        if petition.unit_id != (unit.pk if unit else None):
            petition.unit = unit
            petition.save(update_fields=["unit"])
            changed += 1
            if unit is not None:
                notifications.hand_off(
                    plan=petition.plan,
                    unit=unit,
                    key=f"answer-asked:{petition.pk}:{unit.pk}",
                    text=f"Chủ tịch UBND xã giao trả lời bằng văn bản: {petition.text[:120]}",
                    url=reverse("opinions:answer-edit", args=[petition.public_id]),
                )
    return changed


# --- Written answers --------------------------------------------------------------------


@transaction.atomic
def submit_answer(*, petition: Petition, answer: Answer, by) -> Answer:
    answer.petition = petition
    answer.unit = petition.unit
    answer.answered_by = by
    answer.save()
    plan = petition.plan
    if not Petition.objects.filter(plan=plan).unanswered().exists():
        _complete_step(plan, MilestoneKind.WRITTEN_ANSWERS, by)
    return answer


# --- The Front's synthesis report -------------------------------------------------------


@transaction.atomic
def send_synthesis(*, plan: DialoguePlan, by, issued_on=None) -> SynthesisReport:
    """Issue the report as BC-MTTQ, tell the office and the party board, close step 10/6."""
    snapshot = stats.synthesis_snapshot(plan)
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.REPORT,
        issuer=Issuer.FRONT,
        subject=documents.SYNTHESIS_SUBJECT.format(people=people_of(plan)),
        signer_title="CHỦ TỊCH",
        signer_name=by.get_full_name(),
        issued_by=by,
        render=lambda stamp: documents.synthesis_html(plan, snapshot, by, stamp),
        issued_on=issued_on,
    )
    report = SynthesisReport.objects.create(plan=plan, paper=paper, snapshot=snapshot, sent_by=by)
    notifications.hand_off(
        plan=plan,
        roles=[Role.OFFICE, Role.PARTY],
        key=f"synthesis:{report.pk}",
        text=f"Ủy ban MTTQ xã đã gửi Báo cáo tổng hợp ý kiến, kiến nghị số {paper.symbol}.",
        url=reverse("paper-download", args=[paper.public_id]),
    )
    _complete_step(plan, MilestoneKind.SYNTHESIS, by)
    return report
