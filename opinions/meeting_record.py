"""The meeting as the secretary records it: the speaking order, what is said, the minutes."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max

from kesat_dialogue import papers
from kesat_dialogue.models import PaperCode
from meetings import meeting_day
from meetings.documents import people_of
from meetings.models import DialoguePlan
from meetings.schedule import MilestoneKind

from . import documents, services
from .models import (
    MeetingAnswer,
    Opinion,
    OpinionSource,
    SpeakerRequest,
    SpeakerStatus,
)

# --- The speaking order -----------------------------------------------------------------


def register_speaker(*, plan, name, village=None, topic="", petition=None) -> SpeakerRequest:
    with transaction.atomic():
        last = SpeakerRequest.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0
        return SpeakerRequest.objects.create(
            plan=plan,
            position=last + 1,
            name=name,
            village=village,
            topic=topic,
            petition=petition,
        )


@transaction.atomic
def call(speaker: SpeakerRequest) -> None:
    """Give the floor to ``speaker``; whoever had it has spoken."""
    SpeakerRequest.objects.filter(plan_id=speaker.plan_id, status=SpeakerStatus.SPEAKING).update(
        status=SpeakerStatus.DONE
    )
    SpeakerRequest.objects.filter(pk=speaker.pk).update(status=SpeakerStatus.SPEAKING)


def call_next(plan) -> SpeakerRequest | None:
    speaker = SpeakerRequest.objects.filter(plan=plan).waiting().first()
    if speaker is None:
        SpeakerRequest.objects.filter(plan=plan, status=SpeakerStatus.SPEAKING).update(
            status=SpeakerStatus.DONE
        )
        return None
    call(speaker)
    return speaker


def skip(speaker: SpeakerRequest) -> None:
    SpeakerRequest.objects.filter(pk=speaker.pk).update(status=SpeakerStatus.SKIPPED)


@transaction.atomic
def move(speaker: SpeakerRequest, step: int) -> None:
    """Swap places with the waiting speaker just before (-1) or after (+1)."""
    waiting = list(
        SpeakerRequest.objects.filter(plan_id=speaker.plan_id).waiting().select_for_update()
    )
    index = next((i for i, s in enumerate(waiting) if s.pk == speaker.pk), None)
    if index is None or not 0 <= index + step < len(waiting):
        return
    other = waiting[index + step]
    speaker.position, other.position = other.position, speaker.position
    SpeakerRequest.objects.filter(pk=speaker.pk).update(position=speaker.position)
    SpeakerRequest.objects.filter(pk=other.pk).update(position=other.position)


# --- What is said -------------------------------------------------------------------------


def record(*, plan: DialoguePlan, token: uuid.UUID, data: dict, by) -> tuple[Opinion, bool]:
    """Store one spoken opinion (or a slip handed in at the meeting) with its answer.

    The same ``token`` sent twice (a retried save after the network dropped) returns the
    opinion stored the first time: never two.
    """
    existing = Opinion.objects.filter(client_token=token).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            opinion = Opinion.objects.create(
                plan=plan,
                client_token=token,
                source=data.get("source") or OpinionSource.SPEECH,
                speaker=data.get("speaker"),
                village=data["village"],
                text=data["text"],
                kind=data["kind"],
                field=data["field"],
                **_answer_fields(data),
            )
            _link_petition(opinion, data, by)
    except IntegrityError:
        return Opinion.objects.get(client_token=token), False
    return opinion, True


def _answer_fields(data: dict) -> dict:
    mode = data.get("answer_mode") or ""
    return {
        "meeting_answer_mode": mode,
        "meeting_answer": data.get("answer", "") if mode != MeetingAnswer.LATER else "",
        "meeting_answer_unit": data.get("answer_unit") if mode == MeetingAnswer.AGENCY else None,
        "followup": data.get("followup", ""),
    }


def _link_petition(opinion: Opinion, data: dict, by) -> None:
    if opinion.needs_referral:
        return
    petition = data.get("petition")
    if petition is None and data.get("new_petition"):
        services.merge(
            plan=opinion.plan,
            opinions=[opinion],
            text=data["new_petition"],
            field=opinion.field,
            unit=data.get("answer_unit"),
            by=by,
        )
    elif petition is not None:
        services.merge(
            plan=opinion.plan,
            opinions=[opinion],
            text=petition.text,
            field=petition.field,
            unit=petition.unit,
            by=by,
            petition=petition,
        )


def update_answer(opinion: Opinion, data: dict) -> Opinion:
    """Mark or correct the answer and the follow-up remark of a recorded opinion."""
    for name, value in _answer_fields(data).items():
        setattr(opinion, name, value)
    opinion.save(
        update_fields=["meeting_answer_mode", "meeting_answer", "meeting_answer_unit", "followup"]
    )
    return opinion


# --- Conclusion and minutes ---------------------------------------------------------------


def meeting_opinions(plan):
    return (
        Opinion.objects.filter(plan=plan)
        .from_meeting()
        .select_related("speaker", "village", "field", "petition", "meeting_answer_unit")
        .order_by("pk")
    )


@transaction.atomic
def issue_minutes(*, plan: DialoguePlan, by):
    """Number the minutes (BB) in the register; the meeting step is then done."""
    meeting = meeting_day.meeting_for_change(plan)
    paper = papers.issue_paper(
        commune=plan.commune,
        code=PaperCode.MINUTES,
        subject=documents.MINUTES_SUBJECT.format(people=people_of(plan)),
        signer_title="CHỦ TỌA",
        signer_name=meeting.chair.get_full_name() if meeting.chair else "",
        issued_by=by,
        replaces=meeting.minutes,
        render=lambda stamp: documents.minutes_html(plan, meeting, meeting_opinions(plan), stamp),
        issued_on=plan.meeting_date,
    )
    meeting.minutes = paper
    meeting.save(update_fields=["minutes"])
    milestone = plan.milestones.filter(kind=MilestoneKind.MEETING).first()
    if milestone:
        milestone.mark_done(by=by)
    return paper
