"""Papers of the opinions workflow: blank forms, the Front's synthesis, the answers booklet."""

from django.conf import settings
from django.urls import reverse

from kesat_dialogue import papers, privacy
from kesat_dialogue.models import Issuer, PaperCode
from kesat_dialogue.overprint import Overprint
from meetings.documents import in_category_order, people_of, venue_text

from . import stats
from .models import OpinionForm, receipt_code

SYNTHESIS_SUBJECT = (
    "Tổng hợp ý kiến, kiến nghị của cán bộ, đảng viên và Nhân dân trước hội nghị tiếp xúc, "
    "đối thoại trực tiếp của Chủ tịch UBND xã {people}"
)


def blank_form(form: OpinionForm, village) -> Overprint:
    """A village's form laid out once, with a tear-off receipt; each copy gets its serial and
    the serial's receipt code printed over it (``slip_words``)."""
    plan = form.plan
    html = papers.render_html(
        "papers/opinion_slips.html",
        {
            "commune": plan.commune,
            "plan": plan,
            "form": form,
            "questions": form.question_list(),
            "village": village.name,
            "privacy_text": privacy.short_text(plan.commune),
            "privacy_notice": privacy.current(plan.commune),
            "privacy_url": settings.SITE_URL + reverse("privacy-notice", args=[plan.commune.slug]),
        },
    )
    return Overprint(html)


def slip_words(plan, first_serial: int, count: int) -> list[dict[str, str]]:
    return [
        {"serial": f"{serial:04d}", "code": receipt_code(plan.public_id, serial)}
        for serial in range(first_serial, first_serial + count)
    ]


def _front_paper(plan, subject, type_name, stamp, signer_name, recipients):
    return {
        "issuer_line1": "Ủy ban MTTQ Việt Nam",
        "issuer_line2": plan.commune.committee_name,
        "issuer_line3": "Ban Thường trực",  # the Front's own layout (HD 91/HD-MTTW-BTT)
        "code": PaperCode.REPORT,
        "issuer": Issuer.FRONT,
        "number_text": papers.number_text(stamp.number if stamp else None),
        "place_date": papers.place_date_text(
            plan.commune.name, stamp.issued_on if stamp else None, plan.plan_date
        ),
        "type_name": type_name,
        "subject": subject,
        "recipients": recipients,
        "signer_capacity": "TM. BAN THƯỜNG TRỰC",
        "signer_title": "CHỦ TỊCH",
        "signer_name": signer_name,
    }


def synthesis_context(plan, snapshot: dict, signer, stamp=None) -> dict:
    counts = snapshot["counts"]
    by_field: dict[str, list[dict]] = {}
    for petition in snapshot["petitions"]:
        by_field.setdefault(petition["field"], []).append(petition)
    return {
        "paper": _front_paper(
            plan,
            SYNTHESIS_SUBJECT.format(people=people_of(plan)),
            PaperCode.REPORT.label,
            stamp,
            signer.get_full_name(),
            ["Văn phòng HĐND và UBND xã;", "Ban xây dựng Đảng;", "Lưu: MTTQ."],
        ),
        "plan": plan,
        "snapshot": snapshot,
        "charts": {key: stats.bars([tuple(row) for row in rows]) for key, rows in counts.items()},
        "by_field": by_field,
    }


def synthesis_html(plan, snapshot: dict, signer, stamp=None) -> str:
    return papers.render_html(
        "papers/synthesis.html", synthesis_context(plan, snapshot, signer, stamp)
    )


def answers_booklet_pdf(plan) -> bytes:
    """The meeting's booklet: every petition with its written answer, by field."""
    by_field: dict[str, list] = {}
    for petition in stats.petition_rows(plan, "answer", "answer__unit"):
        by_field.setdefault(petition.field.name, []).append(petition)
    html = papers.render_html(
        "papers/answers_booklet.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": plan.commune.committee_name,
                "type_name": "Tài liệu hội nghị",
                "subject": (
                    "Trả lời bằng văn bản các ý kiến, kiến nghị của Nhân dân trước hội nghị "
                    f"tiếp xúc, đối thoại năm {plan.year}"
                ),
            },
            "plan": plan,
            "by_field": by_field,
        },
    )
    return papers.render_pdf(html)


MINUTES_SUBJECT = "Hội nghị tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã {people}"


def _clock(value) -> str:
    return value.strftime("%H giờ %M") if value else "…… giờ ……"


def minutes_context(plan, meeting, opinions, stamp=None) -> dict:
    """The minutes (Mẫu 1.9): time, place, attendance, proceedings, opinions, conclusion."""
    participants = in_category_order(plan.participants.select_related("unit", "village"))
    attending = [p for p in participants if p.is_attending]
    by_category: dict[str, list] = {}
    for participant in attending:
        by_category.setdefault(participant.get_category_display(), []).append(participant)
    day = plan.meeting_date
    chair = meeting.chair
    return {
        "paper": {
            "issuer_line1": "Ủy ban nhân dân",
            "issuer_line2": plan.commune.committee_name,
            "code": PaperCode.MINUTES,
            "issuer": Issuer.COMMITTEE,
            "number_text": papers.number_text(stamp.number if stamp else None),
            "type_name": PaperCode.MINUTES.label,
            "subject": MINUTES_SUBJECT.format(people=people_of(plan)),
        },
        "plan": plan,
        "meeting": meeting,
        "start": f"{_clock(meeting.starts_at)}, {papers.long_date(day)}",
        "end": _clock(meeting.ends_at),
        "venue": venue_text(plan),
        "chair_name": chair.get_full_name() if chair else "",
        "chair_title": _chair_title(plan, meeting, chair),
        "by_category": by_category,
        "attending": len(attending),
        "invited": len(participants),
        "substitutes": [p for p in participants if p.attendance == "substituted"],
        "agenda": list(plan.agenda.all()),
        "opinions": list(opinions),
        "conclusion": [line for line in meeting.conclusion.splitlines() if line.strip()],
    }


def _chair_title(plan, meeting, chair) -> str:
    if meeting.chaired_by_deputy:
        return "Phó Chủ tịch UBND xã (được Chủ tịch UBND xã ủy quyền)"
    if chair and chair.get_full_name() == plan.signer_name:
        return plan.signer_role  # "Quyền Chủ tịch UBND xã" when she signs as Q. Chủ tịch
    return "Chủ tịch UBND xã"


def minutes_html(plan, meeting, opinions, stamp=None) -> str:
    return papers.render_html(
        "papers/minutes.html", minutes_context(plan, meeting, opinions, stamp)
    )
