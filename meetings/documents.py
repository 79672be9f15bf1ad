"""The plan (Kế hoạch) as an official paper: a small context builder and its template."""

from kesat_dialogue import papers
from kesat_dialogue.models import Issuer, PaperCode

from .models import DialoguePlan, ParticipantCategory
from .schedule import MilestoneKind

PLAN_TEMPLATE = "papers/plan.html"


def _lines(text: str) -> list[str]:
    return papers.paragraphs(text)


def _recipients(plan: DialoguePlan, villages: str) -> list[str]:
    """The stored list, with the villages' line placed before the archive line."""
    lines = _lines(plan.recipients)
    village_line = f"Ban chỉ ủy, trưởng các thôn: {villages};"
    if lines and lines[-1].lower().startswith("lưu"):
        return [*lines[:-1], village_line, lines[-1]]
    return [*lines, village_line]


def plan_paper_context(plan: DialoguePlan, stamp: papers.Stamp | None = None) -> dict:
    villages = ", ".join(v.name for v in plan.villages.all())
    due = plan.due_dates()
    meeting = due[MilestoneKind.MEETING]
    return {
        "paper": {
            "issuer_line1": "Ủy ban nhân dân",
            "issuer_line2": plan.commune.committee_name,
            "code": PaperCode.PLAN,
            "issuer": Issuer.COMMITTEE,
            "number_text": papers.number_text(stamp.number if stamp else None),
            "place_date": papers.place_date_text(
                plan.commune.name, stamp.issued_on if stamp else None, plan.plan_date
            ),
            "type_name": PaperCode.PLAN.label,
            "subject": plan.title,
            "recipients": _recipients(plan, villages),
            "signer_capacity": plan.signer_capacity,
            "signer_title": plan.signer_title,
            "signer_name": plan.signer_name,
        },
        "plan": {
            "year": plan.year,
            "villages": villages,
            "expected_attendance": plan.expected_attendance,
            "venue": plan.venue.rstrip(". "),
            "duration": plan.duration,
            "meeting_month": f"{meeting.month}/{meeting.year}",
            "due": {kind: papers.short_date(day) for kind, day in due.items()},
            **{field: _lines(getattr(plan, field)) for field in DialoguePlan.PARAGRAPH_FIELDS},
        },
    }


def plan_paper_html(plan: DialoguePlan, stamp: papers.Stamp | None = None) -> str:
    return papers.render_html(PLAN_TEMPLATE, plan_paper_context(plan, stamp))


def plan_draft_pdf(plan: DialoguePlan) -> bytes:
    return papers.render_pdf(plan_paper_html(plan))


def _committee_paper(plan: DialoguePlan, code, type_name: str, subject: str) -> dict:
    return {
        "issuer_line1": "Ủy ban nhân dân",
        "issuer_line2": plan.commune.committee_name,
        "code": code,
        "issuer": Issuer.COMMITTEE,
        "number_text": papers.number_text(None),
        "place_date": papers.place_date_text(plan.commune.name, None, plan.plan_date),
        "type_name": type_name,
        "subject": subject,
        "signer_capacity": plan.signer_capacity,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    }


def _meeting_facts(plan: DialoguePlan) -> dict:
    meeting = getattr(plan, "meeting", None)
    starts = (
        meeting.starts_at.strftime("%H giờ %M") if meeting and meeting.starts_at else "…… giờ ……"
    )
    chair = plan.chairman.get_full_name() if plan.chairman else ""
    return {
        "time": f"{starts}, {papers.long_date(plan.meeting_date)}",
        "venue": _first_upper(venue_text(plan)),
        "chair": chair,
        # The chair is named by the title she signs with: "Quyền Chủ tịch UBND xã".
        "chair_role": plan.signer_role if chair == plan.signer_name else "Chủ tịch UBND xã",
        "villages": ", ".join(v.name for v in plan.villages.all()),
    }


MEETING_SUBJECT = "Hội nghị tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã {people}"


def people_of(plan) -> str:
    """Whom a dialogue's papers name, as the seed does: "với Nhân dân các thôn … năm 2026"."""
    return f"với Nhân dân các thôn {plan.villages_label} năm {plan.year}"


def venue_text(plan: DialoguePlan) -> str:
    """The venue as a sentence continues it: "tại tầng 3- Nhà C…" without a second "Tại"."""
    venue = plan.venue.strip().rstrip(".").strip()
    return venue[4:] if venue.lower().startswith("tại ") else venue


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def in_category_order(participants) -> list:
    order = {value: i for i, value in enumerate(ParticipantCategory.values)}
    return sorted(participants, key=lambda p: (order[p.category], p.order, p.pk))


INVITATION_SUBJECT = "Dự hội nghị tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã {people}"


def invitees(plan: DialoguePlan, participants) -> list:
    """Who gets a letter: every delegate but the chair, who does not invite herself."""
    chair = plan.chairman.get_full_name() if plan.chairman else None
    return [p for p in in_category_order(participants) if not (chair and p.name == chair)]


def invitations_html(plan: DialoguePlan, participants, stamp: papers.Stamp | None = None) -> str:
    """One invitation letter (Mẫu 1.7) per delegate, "Kính gửi" each; one GM number for the
    batch."""
    paper = _committee_paper(
        plan,
        PaperCode.INVITATION,
        PaperCode.INVITATION.label,
        INVITATION_SUBJECT.format(people=people_of(plan)),
    )
    if stamp:
        paper["number_text"] = papers.number_text(stamp.number)
        paper["place_date"] = papers.place_date_text(
            plan.commune.name, stamp.issued_on, plan.plan_date
        )
    return papers.render_html(
        "papers/invitations.html",
        {
            "paper": paper,
            "plan": plan,
            "facts": _meeting_facts(plan),
            "participants": invitees(plan, participants),
        },
    )


def invitations_pdf(plan: DialoguePlan, participants) -> bytes:
    return papers.render_pdf(invitations_html(plan, participants))


def delegate_list_pdf(plan: DialoguePlan, participants, *, with_signatures=False) -> bytes:
    """The delegates by category; as an attendance sheet it has a column to sign."""
    by_category: dict[str, list] = {}
    for participant in in_category_order(participants):
        by_category.setdefault(participant.get_category_display(), []).append(participant)
    title = "Danh sách điểm danh đại biểu" if with_signatures else "Danh sách đại biểu"
    html = papers.render_html(
        "papers/delegate_list.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": plan.commune.committee_name,
                "type_name": title,
                "subject": MEETING_SUBJECT.format(people=people_of(plan)),
            },
            "by_category": by_category,
            "with_signatures": with_signatures,
            "facts": _meeting_facts(plan),
        },
    )
    return papers.render_pdf(html)
