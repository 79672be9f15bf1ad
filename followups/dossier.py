"""The archived dossier: an index, every issued paper, and the year's data, in one ZIP."""

import hashlib
import zipfile
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook

from kesat_dialogue import papers, spreadsheets
from meetings.models import Meeting
from opinions.models import Opinion, SynthesisReport

from . import documents
from .models import Assignment, ConclusionNotice


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def issued_papers(plan) -> list:
    """Every paper the plan issued, latest versions and corrections alike, by date."""
    found = []
    if plan.paper:
        found.append(plan.paper)
        found.extend(_replaced_chain(plan.paper))
    found.extend(r.paper for r in SynthesisReport.objects.filter(plan=plan).select_related("paper"))
    # Read from the database, not from relations cached on ``plan`` before the last issue.
    meeting = Meeting.objects.filter(plan=plan).select_related("minutes").first()
    if meeting and meeting.minutes:
        found.append(meeting.minutes)
        found.extend(_replaced_chain(meeting.minutes))
    notice = ConclusionNotice.objects.filter(plan=plan).first()
    for paper in (notice.paper, notice.results_report) if notice else ():
        if paper:
            found.append(paper)
            found.extend(_replaced_chain(paper))
    unique = {paper.pk: paper for paper in found}
    return sorted(unique.values(), key=lambda p: (p.issued_on, p.issued_at, p.pk))


def _replaced_chain(paper):
    while paper.replaces_id:
        paper = paper.replaces
        yield paper


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
    sheet.append(["Kiến nghị", "Cơ quan", "Hạn", "Tình trạng", "Văn bản trả lời"])
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
                ]
            )
        )
    return spreadsheets.frozen_bytes(book, closed_at.replace(tzinfo=None))


def build(plan, *, closed_at) -> bytes:
    """The ZIP: 00-muc-luc.pdf, then every issued paper, then the data workbook."""
    entries, files = [], []
    first_page = 1
    for number, paper in enumerate(issued_papers(plan), start=1):
        pdf = bytes(paper.pdf)
        pages = paper.page_count
        name = f"{number:02d}-{paper.filename}"
        entries.append(
            {
                "number": number,
                "paper": paper,
                "file": name,
                "pages": f"{first_page}–{first_page + pages - 1}" if pages > 1 else str(first_page),
                "replaced": hasattr(paper, "replaced_by"),
            }
        )
        first_page += pages
        files.append((name, pdf))
    index = papers.render_pdf(documents.index_html(plan, entries, timezone.localtime(closed_at)))
    files.insert(0, ("00-muc-luc.pdf", index))
    files.append(
        (f"du-lieu-{plan.file_tag}.xlsx", data_workbook(plan, timezone.localtime(closed_at)))
    )
    stamp = timezone.localtime(closed_at).timetuple()[:6]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
