"""The Word twin of an issued paper: the same paper as a .docx draft for last edits.

Built from the paper's frozen rendering (the HTML its PDF was made from, out of the paper's
own context), so the two never differ in wording. The decree's format holds in Word as in
the PDF: A4, margins 20/20/30/15 mm, Times New Roman (the PDF's Tinos is its metric twin),
the header table, the signing block and the recipients. The issued PDF stays the record.
"""

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 12
_SPACE = re.compile(r"\s+")
_SKIPPED = {"script", "style", "svg", "title", "meta", "colgroup", "col", "caption"}
_HEADINGS = {"h1", "h2", "h3", "h4"}
DRAFT_NOTE = "Bản Word để sửa lần cuối; văn bản gốc là tệp PDF đã ban hành."
INDENT = Mm(10)
# The paper stylesheet's classes, as Word sets them (static/papers/paper.css).
ITALIC = {"basis", "instructions", "extract-of", "place-date", "label", "cut"}
UPPER = {"type-name", "upper", "capacity"}
CENTRED = {"type-name", "subject", "addressee", "extract-of", "cut"}
SIZES = {"body-name": 12, "nation-name": 12, "label": 12, "motto": 13, "number": 13}
SIZES |= {"place-date": 13, "instructions": 12, "cut": 9}


def docx_of(paper) -> bytes:
    """The paper as a .docx file's bytes."""
    document = Document()
    _page_setup(document, landscape="landscape" in _article_classes(paper.html))
    root = lxml_html.fromstring(paper.html)
    article = root.find(".//article") if root.tag != "article" else root
    for element in (article if article is not None else root.find(".//body")).iterchildren():
        _block(document, element)
    document.core_properties.title = paper.subject[:250]
    document.core_properties.subject = paper.symbol
    document.core_properties.comments = DRAFT_NOTE
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _article_classes(html: str) -> str:
    found = re.search(r'<article class="([^"]*)"', html)
    return found.group(1) if found else ""


def _page_setup(document, landscape: bool) -> None:
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    # East Asian and complex-script text fall back to other fonts unless named too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(6)


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _block(container, element) -> None:
    """One block of the paper into ``container`` (the document or a table cell)."""
    tag, classes = element.tag, _classes(element)
    if not isinstance(tag, str) or tag in _SKIPPED or "visually-hidden" in classes:
        return
    if tag == "table" and "header" in classes:
        _header_table(container, element)
    elif tag == "table" and "closing" in classes:
        _closing_table(container, element)
    elif tag == "table":
        _grid_table(container, element)
    elif tag in {"ol", "ul"}:
        for number, item in enumerate(element.findall("li"), start=1):
            lead = f"{number}. " if tag == "ol" else "- "
            _paragraph(container, item, lead=lead)
    elif tag in _HEADINGS:
        _paragraph(container, element)
    elif tag == "div" and not _has_blocks(element):
        if _text(element):
            _paragraph(container, element)
    elif tag in {"div", "section", "article", "tbody"}:
        if element.text and element.text.strip():
            _add_runs(container.add_paragraph(), element, own_text_only=True)
        for child in element.iterchildren():
            _block(container, child)
    else:
        _paragraph(container, element)


def _has_blocks(element) -> bool:
    blocks = {"p", "div", "table", "ol", "ul", "section", *_HEADINGS}
    return any(isinstance(child.tag, str) and child.tag in blocks for child in element)


def _paragraph(container, element, *, bold=False, align=None, size=None, lead=""):
    classes = _classes(element)
    paragraph = container.add_paragraph()
    if classes & CENTRED:
        align = WD_ALIGN_PARAGRAPH.CENTER
    elif align is None and element.tag in {"p", *_HEADINGS}:
        align = WD_ALIGN_PARAGRAPH.JUSTIFY
        if "plain" not in classes:
            paragraph.paragraph_format.first_line_indent = INDENT
    if align is not None:
        paragraph.alignment = align
    if lead:
        paragraph.add_run(lead)
    size = size or next((SIZES[name] for name in classes if name in SIZES), None)
    _add_runs(
        paragraph,
        element,
        bold=bold or element.tag in _HEADINGS or bool(classes & {"type-name", "subject"}),
        italic=bool(classes & ITALIC),
        size=size,
        upper=bool(classes & UPPER),
    )
    return paragraph


def _add_runs(  # noqa: PLR0913
    paragraph, element, *, bold=False, italic=False, size=None, upper=False, own_text_only=False
):
    """The element's text as runs: <strong>/<b> bold, <em>/<i> italic, <br> a line break."""

    def run(text, strong, slanted):
        text = _SPACE.sub(" ", text)
        if upper:
            text = text.upper()
        if not text:
            return
        piece = paragraph.add_run(text)
        piece.bold = strong or None
        piece.italic = slanted or None
        if size:
            piece.font.size = Pt(size)

    def walk(node, strong, slanted):
        if node.text:
            run(node.text, strong, slanted)
        if own_text_only:
            return
        for child in node.iterchildren():
            if isinstance(child.tag, str) and child.tag not in _SKIPPED:
                if child.tag == "br":
                    paragraph.add_run().add_break()
                else:
                    walk(
                        child,
                        strong or child.tag in {"strong", "b", "th"},
                        slanted or child.tag in {"em", "i"},
                    )
            if child.tail:
                run(child.tail, strong, slanted)

    walk(element, bold, italic)
    _trim(paragraph)


def _trim(paragraph) -> None:
    runs = paragraph.runs
    if runs and runs[0].text:
        runs[0].text = runs[0].text.lstrip()
    if runs and runs[-1].text:
        runs[-1].text = runs[-1].text.rstrip()


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _cell_lines(cell, element, *, centered=True) -> None:
    """A header or signing cell: each of its divs a line, centred, as the decree sets."""
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for line in element.iterchildren():
        if not isinstance(line.tag, str):
            continue
        classes = _classes(line)
        if "rule" in classes or "seal-space" in classes:
            # The signature and seal go here: room for them, as on paper.
            for _ in range(4 if "seal-space" in classes else 0):  # 28 mm, as in the PDF
                cell.add_paragraph()
            continue
        bold = bool(classes & {"body-name", "nation-name", "motto", "capacity", "name", "label"})
        paragraph = cell.add_paragraph()
        if centered:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        if classes & {"number", "place-date"}:
            paragraph.paragraph_format.space_before = Pt(6)
        _add_runs(
            paragraph,
            line,
            bold=bold,
            italic=bool(classes & ITALIC),
            size=next((SIZES[name] for name in classes if name in SIZES), None),
            upper=bool(classes & UPPER),
        )


def _header_table(container, element) -> None:
    cells = element.findall(".//td")
    table = container.add_table(rows=1, cols=len(cells))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    widths = [Mm(65), Mm(100)] if len(cells) == 2 else [Mm(165 / len(cells))] * len(cells)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, source, width in zip(table.rows[0].cells, cells, widths, strict=True):
        cell.width = width  # Word reads the cell's width, LibreOffice the column's
        _cell_lines(cell, source)


def _closing_table(container, element) -> None:
    cells = element.findall(".//td")
    table = container.add_table(rows=1, cols=len(cells))
    _no_borders(table)
    for cell, source in zip(table.rows[0].cells, cells, strict=True):
        recipients = "recipients" in _classes(source)
        _cell_lines(cell, source, centered=not recipients)
        if recipients:
            for paragraph in cell.paragraphs[1:]:
                for piece in paragraph.runs:
                    piece.font.size = Pt(11)


def _grid_table(container, element) -> None:
    rows = [row for row in element.iter("tr")]
    if not rows:
        return
    width = max(len(row.findall("th")) + len(row.findall("td")) for row in rows)
    table = container.add_table(rows=len(rows), cols=width)
    if "plain" not in _classes(element):
        table.style = "Table Grid"
    for row, source in zip(table.rows, rows, strict=True):
        for cell, source_cell in zip(row.cells, source.xpath("th|td"), strict=False):
            cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
            if _has_blocks(source_cell):
                for child in source_cell.iterchildren():
                    _block(cell, child)
            else:
                paragraph = cell.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                _add_runs(paragraph, source_cell, bold=source_cell.tag == "th", size=SMALL_PT)
            if not cell.paragraphs:
                cell.add_paragraph()
