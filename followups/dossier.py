"""The archived dossier: the index, the whole record in its order, the data and a manifest."""

import datetime as dt
import hashlib
import zipfile
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from kesat_dialogue import papers, spreadsheets
from kesat_dialogue.models import Issuer, Paper
from meetings import documents as meeting_papers
from meetings.models import Meeting, Participant
from opinions import documents as opinion_papers
from opinions.models import Answer, Opinion, Petition, SynthesisReport
from opinions.text import fold

from . import documents
from .models import Assignment, BudgetLine, BudgetSheet, ConclusionNotice, Reply


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def data_workbook(plan, closed_at) -> bytes:
    book = Workbook(write_only=True)
    # The workbook says when the dossier was closed, not when it was built.
    book.properties.created = closed_at.replace(tzinfo=None)
    sheet = book.create_sheet("Y kien")
    sheet.append(["Thôn", "Nguồn", "Nội dung", "Loại", "Lĩnh vực", "Kiến nghị tổng hợp"])
    opinions = Opinion.objects.filter(plan=plan).select_related("village", "field", "petition")
    for o in opinions.order_by("pk"):
        sheet.append(
            spreadsheets.row(
                [
                    o.village.name,
                    o.get_source_display(),
                    o.text,
                    o.get_kind_display(),
                    o.field.name,
                    o.petition.text if o.petition else "",
                ]
            )
        )
    sheet = book.create_sheet("Kien nghi")
    sheet.append(
        ["Lĩnh vực", "Kiến nghị", "Số ý kiến", "Các thôn", "Trả lời bằng văn bản", "Kết luận"]
    )
    for p in documents.petitions_with_outcomes(plan):
        answer = getattr(p, "answer", None)
        sheet.append(
            spreadsheets.row(
                [
                    p.field.name,
                    p.text,
                    p.opinion_count,
                    ", ".join(p.village_names()),
                    answer.text if answer else "",
                    documents.outcome_text(p),
                ]
            )
        )
    sheet = book.create_sheet("Giao viec")
    sheet.append(
        ["Kiến nghị", "Cơ quan", "Hạn", "Tình trạng", "Văn bản trả lời", "Nội dung trả lời"]
    )
    assignments = Assignment.objects.filter(petition__plan=plan).select_related("petition", "unit")
    for a in assignments.prefetch_related("replies").order_by("pk"):
        reply = next(iter(a.replies.all()), None)
        sheet.append(
            spreadsheets.row(
                [
                    a.petition.text,
                    a.unit.name,
                    a.due_date.strftime("%d/%m/%Y"),
                    a.get_status_display(),
                    reply.letter_number if reply else "",
                    reply.text if reply else "",
                ]
            )
        )
    return spreadsheets.frozen_bytes(book, closed_at.replace(tzinfo=None))


@dataclass
class Record:
    """One paper of the dossier: a row of the index and, when it has one, a file in the ZIP."""

    title: str
    author: str
    symbol: str = ""
    dated: dt.date | None = None
    content: bytes | None = None
    extension: str = "pdf"
    slug: str = ""
    pages: int | None = None
    note: str = ""
    number: int = 0
    file: str = ""
    page_range: str = ""


def build(plan, *, closed_at) -> bytes:
    """The ZIP: the index, every paper of the record in its order, the data workbook and a
    SHA-256 manifest of every file."""
    closed_at = timezone.localtime(closed_at)
    records = dossier_records(plan, closed_at)
    index = papers.render_pdf(documents.index_html(plan, records, closed_at, dossier_number(plan)))
    files = [("00-muc-luc.pdf", index)]
    files += [(record.file, record.content) for record in records if record.file]
    manifest = "".join(f"{sha256(content)}  {name}\n" for name, content in files)
    files.append(("SHA256SUMS.txt", manifest.encode()))
    stamp = closed_at.timetuple()[:6]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def dossier_number(plan) -> dict:
    """The dossier's number in the commune's year and its symbol (năm.ĐT.số)."""
    return {"number": plan.number, "symbol": f"{plan.year}.ĐT.{plan.number:02d}"}


def dossier_records(plan, closed_at) -> list[Record]:
    """Every paper of the dialogue once, in the order of the workflow, numbered and paged."""
    records = [r for r in _records_in_order(plan, closed_at) if r is not None]
    first_page = 1
    for number, record in enumerate(records, start=1):
        record.number = number
        if record.content is not None:
            record.file = f"{number:02d}-{record.slug}.{record.extension}"
        if record.pages:
            last = first_page + record.pages - 1
            record.page_range = f"{first_page}–{last}" if record.pages > 1 else str(first_page)
            first_page = last + 1
    return records


def _records_in_order(plan, closed_at):
    participants = Participant.objects.filter(plan=plan)
    committee = f"UBND xã {plan.commune.name}"
    yield from _issued(_plan_papers(plan))
    yield from _issued(_invitation_papers(plan))
    if participants.exists():
        yield _rendered(
            "Danh sách đại biểu dự hội nghị",
            committee,
            "danh-sach-dai-bieu",
            meeting_papers.delegate_list_pdf(plan, participants),
        )
        yield _rendered(
            "Danh sách điểm danh đại biểu (có chữ ký)",
            committee,
            "danh-sach-diem-danh",
            meeting_papers.delegate_list_pdf(plan, participants, with_signatures=True),
        )
    yield from _issued(
        r.paper for r in SynthesisReport.objects.filter(plan=plan).select_related("paper")
    )
    if Petition.objects.filter(plan=plan).exists():
        yield _rendered(
            "Tài liệu hội nghị: kiến nghị và văn bản trả lời của các cơ quan",
            committee,
            "tai-lieu-hoi-nghi",
            opinion_papers.answers_booklet_pdf(plan),
        )
    yield from _letters(plan)
    meeting = Meeting.objects.filter(plan=plan).select_related("minutes").first()
    yield from _issued(_with_earlier(meeting.minutes if meeting else None))
    notice = ConclusionNotice.objects.filter(plan=plan).select_related("paper").first()
    if notice and notice.paper:
        yield from _issued(_with_earlier(notice.paper))
        public_url = f"{settings.SITE_URL}{plan.get_public_url()}"
        yield _rendered(
            f"Trích Thông báo số {notice.paper.symbol} niêm yết tại các thôn",
            committee,
            "trich-tb-cac-thon",
            documents.village_extracts_pdf(plan, public_url),
        )
    yield from _issued(_with_earlier(notice.results_report if notice else None))
    yield from _budget(plan)
    yield Record(
        title="Dữ liệu ý kiến, kiến nghị, giao việc (bảng tính)",
        author=committee,
        content=data_workbook(plan, closed_at),
        extension="xlsx",
        slug=f"du-lieu-{plan.file_tag}",
        note="Bảng tính Excel",
    )


def _plan_papers(plan):
    return _with_earlier(plan.paper) if plan.paper_id else []


def _invitation_papers(plan):
    batches = Participant.objects.filter(plan=plan, invitation__isnull=False).values("invitation")
    return Paper.objects.filter(pk__in=batches).order_by("issued_at", "pk")


def _with_earlier(paper):
    """A paper and the ones it replaced, oldest first."""
    chain = []
    while paper is not None:
        chain.append(paper)
        paper = paper.replaces
    return reversed(chain)


def _issued(found):
    for paper in found:
        yield Record(
            title=f"{paper.get_code_display()} {paper.subject}",
            author=_author(paper),
            symbol=paper.symbol,
            dated=paper.issued_on,
            content=paper.record,
            slug=paper.filename.removesuffix(".pdf"),
            pages=paper.page_count,
            note="Đã được thay thế" if hasattr(paper, "replaced_by") else "",
        )


def _author(paper) -> str:
    if paper.issuer == Issuer.COMMITTEE:
        return f"UBND xã {paper.commune.name}"
    return f"Ủy ban MTTQ Việt Nam xã {paper.commune.name}"


def _rendered(title, author, slug, pdf: bytes) -> Record:
    return Record(title=title, author=author, content=pdf, slug=slug, pages=papers.page_count(pdf))


def _letters(plan):
    """The agencies' written answers before the meeting and replies after it."""
    answers = Answer.objects.filter(petition__plan=plan).select_related("unit", "petition")
    for answer in answers.order_by("letter_date", "pk"):
        yield _letter(answer, answer.petition, "Văn bản trả lời kiến nghị")
    replies = Reply.objects.filter(assignment__petition__plan=plan).select_related(
        "assignment__unit", "assignment__petition"
    )
    for reply in replies.order_by("letter_date", "replied_at", "pk"):
        yield _letter(reply, reply.assignment.petition, "Văn bản trả lời kết luận của Chủ tịch")


def _letter(letter, petition, kind) -> Record:
    unit = letter.unit if hasattr(letter, "unit") else letter.assignment.unit
    record = Record(
        title=f"{kind}: {petition.text}",
        author=unit.name,
        symbol=letter.letter_number,
        dated=letter.letter_date,
        note="Không có tệp (nội dung ở bảng tính)",
    )
    if letter.attachment:
        with letter.attachment.open("rb") as stored:
            content = stored.read()
        extension = letter.attachment.name.rsplit(".", 1)[-1].lower()
        record.content, record.extension, record.note = content, extension, "Tệp cơ quan gửi"
        record.slug = slugify(fold(f"tra-loi {letter.letter_number.replace('/', '-')}"))
        record.pages = _attachment_pages(content, extension)
    return record


def _attachment_pages(content: bytes, extension: str) -> int | None:
    if extension == "pdf":
        return papers.page_count(content)
    if extension in {"jpg", "jpeg", "png"}:
        return 1
    return None


def _budget(plan):
    lines = list(BudgetLine.objects.filter(plan=plan))
    if not lines:
        return
    sheet = BudgetSheet.objects.filter(plan=plan).first()
    for settlement, title, slug in (
        (False, "Bảng dự toán kinh phí tổ chức hội nghị", "du-toan-kinh-phi"),
        (True, "Bảng quyết toán kinh phí tổ chức hội nghị", "quyet-toan-kinh-phi"),
    ):
        record = _rendered(
            title,
            f"UBND xã {plan.commune.name}",
            slug,
            documents.budget_pdf(plan, lines, settlement=settlement, sheet=sheet),
        )
        if sheet:
            record.dated = sheet.settled_on if settlement else sheet.estimated_on
        yield record
