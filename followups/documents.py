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
    villages = ", ".join(v.name for v in plan.villages.all())
    return (
        f"Ngày {papers.short_date(day)}, Chủ tịch UBND xã đã tổ chức hội nghị tiếp xúc, đối "
        f"thoại trực tiếp với Nhân dân các thôn {villages}. Hội nghị "
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
            f"Giao {assignment.unit} giải quyết, trả lời trước ngày "
            f"{papers.short_date(assignment.due_date)}."
        )
        return f"{text} {decision.note}".strip()
    if decision.outcome == Outcome.ESCALATED:
        return f"Kiến nghị {decision.escalated_to} xem xét, giải quyết. {decision.note}".strip()
    if decision.outcome == Outcome.REJECTED:
        return f"Không chấp nhận. Lý do: {decision.note}"
    resolved = decision.note or (answer.text if answer else "")
    if resolved.lower().startswith("đã giải quyết"):
        return resolved
    return f"Đã giải quyết. {resolved}".strip()


def outcome_brief(petition) -> str:
    """The outcome in a few words, for a posted page short of room."""
    decision = getattr(petition, "decision", None)
    assignment = getattr(petition, "assignment", None)
    if decision is None:
        return "Đang xem xét."
    if decision.outcome == Outcome.ASSIGNED and assignment:
        return f"Giao {assignment.unit}, hạn {papers.short_date(assignment.due_date)}."
    if decision.outcome == Outcome.ESCALATED:
        return f"Kiến nghị {decision.escalated_to} giải quyết."
    if decision.outcome == Outcome.REJECTED:
        return "Không chấp nhận."
    return "Đã giải quyết."


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
            f"{papers.short_date(reply.letter_date)}): {reply.text}"
        )
        return text + (" Đang làm lại theo yêu cầu." if assignment.status == "returned" else "")
    if assignment.due_date < today:
        return f"Đã quá hạn trả lời ({papers.short_date(assignment.due_date)}), chưa có kết quả."
    return f"Đang giải quyết, hạn trả lời {papers.short_date(assignment.due_date)}."


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
    return papers.paragraphs(text)


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
    """The notice as posted in each village: one A4 page per village, always (its own
    document, so none carries a page number)."""
    notice = getattr(plan, "conclusion_notice", None)
    issued = notice.paper if notice else None
    facts = {
        "paper": {
            **_committee_paper(plan, PaperCode.NOTICE, PaperCode.NOTICE.label, "", None),
            "number_text": "",
            "subject": NOTICE_SUBJECT.format(people=people_of(plan)),
            "place_date": papers.place_date_text(
                plan.commune.name, issued.issued_on if issued else None, plan.meeting_date
            ),
        },
        "notice_symbol": issued.symbol if issued else f"{papers.BLANK}/TB-UBND",
        "notice_date": papers.short_date(issued.issued_on) if issued else papers.BLANK,
    }
    petitions = petitions_with_outcomes(plan)
    pages = []
    for village in plan.villages.all():
        mine = [
            (p.text, outcome_text(p), outcome_brief(p))
            for p in petitions
            if village.name in p.village_names()
        ]
        url = f"{public_url}?thon={village.pk}"
        context = {**facts, "village": village.name, "url": url, "qr": qr_svg(url)}
        pages.append(_one_page_extract(context, mine))
    return papers.join_pdfs(pages)


# A petition shortened to fit the posted page keeps this many words.
SHORT_WORDS = 12


def _one_page_extract(context: dict, items: list[tuple[str, str, str]]) -> bytes:
    """The village's petitions in full if they fit one page; else each shortened to its gist
    and outcome in smaller type, then as many as fit with the rest pointed to the QR code."""

    def render(shown, *, compact=False, left_out=0):
        html = papers.render_html(
            "papers/notice_extracts.html",
            {**context, "items": shown, "compact": compact, "left_out": left_out},
        )
        return papers.render_pdf_and_count(html)

    pdf, pages = render([(text, outcome) for text, outcome, _ in items])
    if pages == 1:
        return pdf
    short = [(_shortened(text), brief) for text, _, brief in items]
    pdf, pages = render(short, compact=True)
    if pages == 1:
        return pdf
    fits, low, high = render([], compact=True, left_out=len(short))[0], 1, len(short) - 1
    while low <= high:  # the most items that still fit
        middle = (low + high) // 2
        pdf, pages = render(short[:middle], compact=True, left_out=len(short) - middle)
        if pages == 1:
            fits, low = pdf, middle + 1
        else:
            high = middle - 1
    return fits


def _shortened(text: str) -> str:
    words = text.split()
    return text if len(words) <= SHORT_WORDS else " ".join(words[:SHORT_WORDS]) + " …"


def _results_rows(plan) -> list:
    """Each assigned petition with the latest reply on it (or None)."""
    petitions = [p for p in petitions_with_outcomes(plan) if getattr(p, "assignment", None)]
    replies = {}
    latest_first = Reply.objects.filter(assignment__petition__in=petitions).order_by(
        "-replied_at", "-pk"
    )
    for reply in latest_first.select_related("assignment__unit"):
        replies.setdefault(reply.assignment.petition_id, reply)
    return [(p, replies.get(p.pk)) for p in petitions]


def results_report_facts(plan, notice_paper=None) -> list[papers.Fact]:
    """What the results report cites: the notice and every reply it quotes."""
    facts = [
        papers.Fact(
            f"văn bản số {reply.letter_number} của {reply.assignment.unit}", reply.letter_date
        )
        for _, reply in _results_rows(plan)
        if reply
    ]
    if notice_paper:
        facts.append(papers.Fact(f"Thông báo số {notice_paper.symbol}", notice_paper.issued_on))
    return facts


def results_report_html(plan, stamp=None) -> str:
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
            "rows": _results_rows(plan),
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


def index_html(plan, entries, closed_at, dossier: dict) -> str:
    """The dossier's index (mục lục văn bản, tài liệu), closing with its count of papers and
    pages."""
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
            "dossier": dossier,
            "paper_count": len(entries),
            "page_count": sum(entry.pages or 0 for entry in entries),
            "unpaged": sum(1 for entry in entries if entry.content is not None and not entry.pages),
        },
    )


def money(amount) -> str:
    return papers.money(amount)


def budget_pdf(plan, lines, *, settlement: bool, sheet=None) -> bytes:
    """The estimate or the settlement, dated, with the preparer's, the accountant's and the
    head's signing blocks."""
    rows = [
        {
            "line": line,
            "unit_price": money(line.unit_price),
            "estimate": money(line.estimate),
            "actual": money(line.actual_amount),
        }
        for line in lines
    ]
    total_estimate = sum(line.estimate for line in lines)
    total_actual = sum(line.actual_amount or 0 for line in lines)
    dated = (sheet.settled_on if settlement else sheet.estimated_on) if sheet else None
    html = papers.render_html(
        "papers/budget.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": plan.commune.committee_name,
                "place_date": papers.place_date_text(plan.commune.name, dated, plan.meeting_date),
                "type_name": "Bảng quyết toán kinh phí" if settlement else "Bảng dự toán kinh phí",
                "subject": MEETING_SUBJECT.format(people=people_of(plan)),
            },
            "rows": rows,
            "settlement": settlement,
            "total_estimate": money(total_estimate),
            "total_actual": money(total_actual),
            "plan": plan,
            "preparer": sheet.preparer_name if sheet else "",
            "accountant": sheet.accountant_name if sheet else "",
        },
    )
    return papers.render_pdf(html)
