"""The plan (Kế hoạch) as an official paper: a small context builder and its template."""

import datetime as dt

from kesat_dialogue import papers
from kesat_dialogue.models import Issuer, PaperCode

from .models import DialoguePlan
from .schedule import MilestoneKind

PLAN_TEMPLATE = "papers/plan.html"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _seed_date(day: dt.date) -> str:
    """Dates inside the plan's sentences, as the seed writes them: "01/6/2026"."""
    return f"{day.day:02d}/{day.month}/{day.year}"


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
            "due": {kind: _seed_date(day) for kind, day in due.items()},
            **{field: _lines(getattr(plan, field)) for field in DialoguePlan.PARAGRAPH_FIELDS},
        },
    }


def plan_paper_html(plan: DialoguePlan, stamp: papers.Stamp | None = None) -> str:
    return papers.render_html(PLAN_TEMPLATE, plan_paper_context(plan, stamp))


def plan_draft_pdf(plan: DialoguePlan) -> bytes:
    return papers.render_pdf(plan_paper_html(plan))
