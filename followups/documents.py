"""Papers after the meeting: the conclusion notice and its village extracts, the results
report, the dossier index and the budget."""

import segno
from django.utils.safestring import mark_safe

from kesat_dialogue import papers
from kesat_dialogue.models import Issuer, PaperCode
from meetings.documents import MEETING_SUBJECT, people_of, venue_text
from opinions import stats

from .models import Outcome, Reply

NOTICE_SUBJECT = "Kết luận của Chủ tịch UBND xã tại hội nghị tiếp xúc, đối thoại trực tiếp {people}"
RESULTS_SUBJECT = (
    "Kết quả giải quyết ý kiến, kiến nghị của Nhân dân sau hội nghị tiếp xúc, đối thoại {people}"
)
ADDENDUM_SUBJECT = (
    "Bổ sung hồ sơ: kết quả giải quyết kiến nghị được theo dõi tiếp sau hội nghị tiếp xúc, "
    "đối thoại {people}"
)
DOSSIER_SUBJECT = "Hồ sơ tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã {people}"
DEFAULT_CLOSING = (
    "Các cơ quan, đơn vị được giao nhiệm vụ khẩn trương giải quyết, trả lời bằng văn bản và "
    "báo cáo Chủ tịch UBND xã đúng thời hạn.\n"
    "Đề nghị Ủy ban MTTQ và các đoàn thể xã giám sát việc thực hiện các kết luận; Ban chi ủy, "
    "trưởng các thôn niêm yết Thông báo này tại nhà văn hóa thôn để Nhân dân được biết."
)
RECIPIENTS = [
    "Thường trực Đảng ủy, HĐND xã;",
    "Ủy ban MTTQ xã;",
    "Các cơ quan, đơn vị liên quan;",
    "Các thôn (để niêm yết);",
    "Lưu: VT, VP.",
]


def default_assessment(plan) -> str:
    day = plan.meeting_date
    return (
        f"Ngày {day:%d/%m/%Y}, Chủ tịch UBND xã đã tổ chức hội nghị tiếp xúc, đối thoại trực "
        f"tiếp với Nhân dân các thôn {', '.join(v.name for v in plan.villages.all())}. Hội nghị "
        "diễn ra dân chủ, thẳng thắn; các ý kiến, kiến nghị của Nhân dân đã được tiếp thu, "
        "trả lời tại hội nghị hoặc giao cơ quan chuyên môn giải quyết."
    )


def outcome_text(petition) -> str:
    """What became of a petition, in words a villager reads on the notice."""
    decision = getattr(petition, "decision", None)
    assignment = getattr(petition, "assignment", None)
    answer = getattr(petition, "answer", None)
    if decision is None:
        return f"Đã trả lời: {answer.text}" if answer else "Đang xem xét."
    if decision.outcome == Outcome.ASSIGNED and assignment:
        text = (
            f"Giao {assignment.unit} giải quyết, trả lời trước ngày {assignment.due_date:%d/%m/%Y}."
        )
        return f"{text} {decision.note}".strip()
    if decision.outcome == Outcome.ESCALATED:
        return f"Kiến nghị {decision.escalated_to} xem xét, giải quyết. {decision.note}".strip()
    if decision.outcome == Outcome.REJECTED:
        return f"Không chấp nhận. Lý do: {decision.note}"
    resolved = decision.note or (answer.text if answer else "")
    return f"Đã giải quyết. {resolved}".strip()


# What a petition's outcome is read from (see outcome_text).
OUTCOME_RELATED = ("answer", "decision", "assignment", "assignment__unit")


def latest_replies(petitions) -> dict:
    """Each petition's latest reply from its agency, for many petitions in one query."""
    latest = {}
    replies = Reply.objects.filter(assignment__petition__in=petitions).select_related("assignment")
    for reply in replies.order_by("-replied_at", "-pk"):
        latest.setdefault(reply.assignment.petition_id, reply)
    return latest


def public_progress(petition, reply, today) -> str:
    """What the agency has done, as the people should read it: its reply's result and date,
    or where the work stands; never the office's internal states."""
    assignment = getattr(petition, "assignment", None)
    if assignment is None:
        return ""
    if reply is not None:
        text = (
            f"{assignment.unit} đã trả lời (văn bản số {reply.letter_number} ngày "
            f"{reply.letter_date:%d/%m/%Y}): {reply.text}"
        )
        return text + (" Đang làm lại theo yêu cầu." if assignment.status == "returned" else "")
    if assignment.due_date < today:
        return f"Đã quá hạn trả lời ({assignment.due_date:%d/%m/%Y}), chưa có kết quả."
    return f"Đang giải quyết, hạn trả lời {assignment.due_date:%d/%m/%Y}."


def petitions_with_outcomes(plan) -> list:
    return stats.petition_rows(plan, *OUTCOME_RELATED)


def _by_field(petitions) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for petition in petitions:
        grouped.setdefault(petition.field.name, []).append(petition)
    return grouped


def _committee_paper(plan, code, type_name, subject, stamp) -> dict:
    return {
        "issuer_line1": "Ủy ban nhân dân",
        "issuer_line2": plan.commune.committee_name,
        "code": code,
        "issuer": Issuer.COMMITTEE,
        "number_text": papers.number_text(stamp.number if stamp else None),
        "place_date": papers.place_date_text(
            plan.commune.name, stamp.issued_on if stamp else None, plan.meeting_date
        ),
        "type_name": type_name,
        "subject": subject,
        "recipients": RECIPIENTS,
        "signer_capacity": plan.signer_capacity,
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def notice_html(notice, stamp=None) -> str:
    plan = notice.plan
    petitions = petitions_with_outcomes(plan)
    return papers.render_html(
        "papers/conclusion_notice.html",
        {
            "paper": _committee_paper(
                plan,
                PaperCode.NOTICE,
                PaperCode.NOTICE.label,
                NOTICE_SUBJECT.format(people=people_of(plan)),
                stamp,
            ),
            "plan": plan,
            "venue": venue_text(plan),
            "assessment": _lines(notice.assessment),
            "closing": _lines(notice.closing),
            "by_field": {
                field: [(p, outcome_text(p)) for p in items]
                for field, items in _by_field(petitions).items()
            },
        },
    )


def qr_svg(url: str) -> str:
    return mark_safe(segno.make(url, error="m").svg_inline(scale=3, border=2))


def village_extracts_pdf(plan, public_url: str) -> bytes:
    """One page per village in large type, with a QR code to the public page."""
    petitions = petitions_with_outcomes(plan)
    pages = []
    for village in plan.villages.all():
        mine = [p for p in petitions if village.name in p.village_names()]
        url = f"{public_url}?thon={village.pk}"
        pages.append(
            {
                "village": village,
                "url": url,
                "qr": qr_svg(url),
                "items": [(p, outcome_text(p)) for p in mine],
            }
        )
    html = papers.render_html(
        "papers/notice_extracts.html",
        {"plan": plan, "pages": pages, "notice": getattr(plan, "conclusion_notice", None)},
    )
    return papers.render_pdf(html)


def results_report_html(plan, stamp=None) -> str:
    petitions = [p for p in petitions_with_outcomes(plan) if getattr(p, "assignment", None)]
    replies = {}
    latest_first = Reply.objects.filter(assignment__petition__in=petitions).order_by(
        "-replied_at", "-pk"
    )
    for reply in latest_first.select_related("assignment"):
        replies.setdefault(reply.assignment.petition_id, reply)
    return papers.render_html(
        "papers/results_report.html",
        {
            "paper": _committee_paper(
                plan,
                PaperCode.REPORT,
                PaperCode.REPORT.label,
                RESULTS_SUBJECT.format(people=people_of(plan)),
                stamp,
            ),
            "plan": plan,
            "rows": [(p, replies.get(p.pk)) for p in petitions],
        },
    )


def addendum_html(reply, stamp=None) -> str:
    """A reply on a carried-over assignment, added to the archived dossier."""
    assignment = reply.assignment
    plan = assignment.plan
    return papers.render_html(
        "papers/dossier_addendum.html",
        {
            "paper": _committee_paper(
                plan,
                PaperCode.REPORT,
                PaperCode.REPORT.label,
                ADDENDUM_SUBJECT.format(people=people_of(plan)),
                stamp,
            ),
            "plan": plan,
            "assignment": assignment,
            "petition": assignment.petition,
            "reply": reply,
            "dossier": plan.dossiers.order_by("-version").first(),
        },
    )


def index_html(plan, entries, closed_at) -> str:
    """The dossier's index (mục lục văn bản, tài liệu)."""
    return papers.render_html(
        "papers/dossier_index.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": plan.commune.committee_name,
                "type_name": "Mục lục văn bản, tài liệu",
                "subject": DOSSIER_SUBJECT.format(people=people_of(plan)),
            },
            "plan": plan,
            "entries": entries,
            "closed_at": closed_at,
        },
    )


def money(amount) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def budget_pdf(plan, lines, *, settlement: bool) -> bytes:
    rows = [
        {"line": line, "estimate": money(line.estimate), "actual": money(line.actual_amount)}
        for line in lines
    ]
    total_estimate = sum(line.estimate for line in lines)
    total_actual = sum(line.actual_amount or 0 for line in lines)
    html = papers.render_html(
        "papers/budget.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": plan.commune.committee_name,
                "type_name": "Bảng quyết toán kinh phí" if settlement else "Bảng dự toán kinh phí",
                "subject": MEETING_SUBJECT.format(people=people_of(plan)),
            },
            "rows": rows,
            "settlement": settlement,
            "total_estimate": money(total_estimate),
            "total_actual": money(total_actual),
            "plan": plan,
        },
    )
    return papers.render_pdf(html)
