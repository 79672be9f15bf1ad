"""One renderer for every official paper, and the register that numbers and freezes them.

A paper is a template that extends ``papers/base.html`` plus a context. ``render_html``
turns them into NFC-normalised HTML (Django escapes every value, so a citizen's ``</p>``
prints as text); ``render_pdf`` lays it out with WeasyPrint using a stylesheet and fonts
loaded once per process, and may fetch nothing but our own static files.
"""

import atexit
import datetime as dt
import functools
import hashlib
import mimetypes
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from .models import Commune, Issuer, Paper, PaperCode

# WeasyPrint resolves relative URLs against this base; the fetcher maps it to static files.
STATIC_BASE = "http://static.invalid/static/"
STYLESHEET = "papers/paper.css"


class RefusedURL(ValueError):
    pass


@functools.cache
def _static_bytes(path: str) -> bytes:
    found = finders.find(path)
    if not found:
        raise RefusedURL(f"no static file {path!r}")
    return Path(found).read_bytes()


def static_path(url: str) -> str:
    """The static file a paper's URL names; any other URL is refused."""
    if not url.startswith(STATIC_BASE):
        raise RefusedURL(f"papers may only load our own static files, not {url!r}")
    path = url.removeprefix(STATIC_BASE).split("?")[0].split("#")[0]
    if ".." in Path(path).parts:
        raise RefusedURL(f"refused path {path!r}")
    return path


@functools.cache
def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files from disk and never opens a network connection."""

        def fetch(self, url, headers=None):
            path = static_path(url)
            mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=_static_bytes(path), headers={"Content-Type": mime_type}
            )

    return StaticOnlyFetcher()


@functools.cache
def _layout_resources():
    atexit.register(_layout_resources.cache_clear)  # free fonts while Python still runs
    """The stylesheet with its @font-face fonts, parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    stylesheet = CSS(url=STATIC_BASE + STYLESHEET, url_fetcher=_fetcher(), font_config=font_config)
    return stylesheet, font_config


def render_html(template_name: str, context: dict) -> str:
    html = render_to_string(template_name, context)
    return unicodedata.normalize("NFC", html)


def for_browser(html: str) -> str:
    """The same paper for the screen: our stylesheet linked, the page drawn as a sheet, in a
    main landmark under a heading that a screen reader announces (the sheet shows it)."""
    link = (
        f'<link rel="stylesheet" href="{static(STYLESHEET)}">\n'
        f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">'
    )
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    heading = (
        f'<h1 class="screen-reader-only">Xem trước: {found.group(1).strip() if found else ""}</h1>'
    )
    return (
        html.replace("</head>", f"{link}\n</head>", 1)
        .replace("<body>", f'<body class="paper-preview"><main>{heading}', 1)
        .replace("</body>", "</main></body>", 1)
    )


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def render_pdf(html: str) -> bytes:
    return render_pdf_and_count(html)[0]


def render_pdf_and_count(html: str) -> tuple[bytes, int]:
    """The PDF bytes and their number of pages (the dossier index needs the count)."""
    document = layout(html)
    return document.write_pdf(), len(document.pages)


def join_pdfs(documents: list[bytes]) -> bytes:
    """Several documents in one PDF to print at once; each keeps its own page numbers."""
    import io

    from pypdf import PdfWriter

    merged = PdfWriter()
    for document in documents:
        merged.append(io.BytesIO(document))
    merged.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    buffer = io.BytesIO()
    merged.write(buffer)
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def layout(html: str):
    """The paper laid out in pages (a WeasyPrint document), before it is written as PDF."""
    from weasyprint import HTML

    stylesheet, font_config = _layout_resources()
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher()).render(
        stylesheets=[stylesheet], font_config=font_config
    )


# --- Text as a clerk sets it -----------------------------------------------------------

_LEADING_MARK = re.compile(r"^([-+–])\s+")


def paragraphs(text: str) -> list[str]:
    """A stored text's non-empty lines; a leading "- " or "+ " is glued to its first word, so
    the mark never stands alone at the end of a line (WeasyPrint breaks there before an
    inline element that does not fit)."""
    return [
        _LEADING_MARK.sub("\\1\u00a0", line.strip()) for line in text.splitlines() if line.strip()
    ]


# Words a title must not split across lines.
WORD_PAIRS = {
    "tiếp xúc",
    "đối thoại",
    "trực tiếp",
    "chủ tịch",
    "nhân dân",
    "hội nghị",
    "kiến nghị",
    "ý kiến",
    "giải quyết",
    "ủy ban",
    "kết luận",
    "kết quả",
    "tài liệu",
    "văn bản",
    "đại biểu",
    "danh sách",
    "kinh phí",
}
_YEAR = re.compile(r"\d{4}[.,;:]?")


def unbroken(text: str) -> str:
    """The words of a title joined by no-break spaces where a line must not end: inside word
    pairs and proper names (two capitalised words), and before "năm 2026" with its year."""
    words = text.split()
    if not words:
        return ""
    joined = [words[0]]
    for index, word in enumerate(words[1:], start=1):
        previous = words[index - 1]
        pair = f"{previous} {word}".lower().strip(",.;:()")
        glue = (
            pair in WORD_PAIRS
            or (
                previous[:1].isupper()
                and word[:1].isupper()
                and not previous.isupper()
                and previous[-1] not in ",.;:"
            )
            or word == "năm"
            or (previous == "năm" and _YEAR.fullmatch(word))
        )
        joined.append(("\u00a0" if glue else " ") + word)
    return "".join(joined)


def recipient_lines(lines) -> list[str]:
    """ "Nơi nhận" as the decree sets it: each "…;", the archive line last, "Lưu: VT, VP."."""
    cleaned = [re.sub(r"^[-–+]\s*", "", line).strip().rstrip(",;.").strip() for line in lines]
    others = [line for line in cleaned if line and not line.lower().startswith("lưu")]
    archive = [line for line in cleaned if line.lower().startswith("lưu")]
    units = re.sub(r"^lưu\s*:?\s*", "", archive[-1], flags=re.I) if archive else ""
    if units.upper() in ("", "VP"):
        units = "VT, VP"
    return [f"{line};" for line in others] + [f"Lưu: {units}."]


def money(amount) -> str:
    """ "1.500.000", as Vietnamese papers write amounts."""
    return "" if amount is None else f"{amount:,}".replace(",", ".")


# --- Dates and numbers as the decree prints them -------------------------------------

BLANK = "\u00a0" * 6  # room to write a number or a day by hand on a draft


def number_text(number: int | None) -> str:
    return f"{number:02d}" if number else BLANK


def place_date_text(place: str, day: dt.date | None, draft_month: dt.date) -> str:
    """ "Kè Sắt, ngày 05 tháng 02 năm 2026"; a draft leaves the day blank."""
    if day is None:
        return f"{place}, ngày{BLANK}tháng {_month(draft_month.month)} năm {draft_month.year}"
    return f"{place}, {long_date(day)}"


def long_date(day: dt.date) -> str:
    """ "ngày 05 tháng 02 năm 2026", "ngày 18 tháng 6 năm 2026", as the decree writes it."""
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def short_date(day: dt.date) -> str:
    """A date inside a sentence, as the seed writes it: "01/6/2026", "19/01/2026"."""
    return f"{day.day:02d}/{_month(day.month)}/{day.year}"


def _month(month: int) -> str:
    # Months 1 and 2 take a leading zero (Nghị định 30/2020, Phụ lục I).
    return f"{month:02d}" if month <= 2 else str(month)


# --- The register ---------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What issuing adds to a draft: its number and its date."""

    number: int
    issued_on: dt.date


@dataclass(frozen=True)
class Fact:
    """Something a paper cites, dated: the paper cannot be dated before it."""

    name: str
    on: dt.date


class DatedBeforeFact(Exception):
    """A paper would be dated before a fact it cites; the message names the fact."""

    def __init__(self, fact: Fact, issued_on: dt.date):
        self.fact = fact
        super().__init__(
            f"Chưa ban hành được văn bản ngày {short_date(issued_on)}: văn bản nêu "
            f"{fact.name} ngày {short_date(fact.on)}, sau ngày ban hành. Văn bản chỉ ban hành "
            f"được từ ngày {short_date(fact.on)}."
        )


def check_dates(issued_on: dt.date, cites: Iterable[Fact]) -> None:
    latest = max(cites, key=lambda fact: fact.on, default=None)
    if latest and latest.on > issued_on:
        raise DatedBeforeFact(latest, issued_on)


@transaction.atomic
def issue_paper(
    *,
    commune: Commune,
    code: PaperCode,
    issuer: Issuer = Issuer.COMMITTEE,
    subject: str,
    signer_title: str,
    signer_name: str,
    issued_by,
    render: Callable[[Stamp], str],
    replaces: Paper | None = None,
    issued_on: dt.date | None = None,
    cites: Iterable[Fact] = (),
) -> Paper:
    """Number a paper in the commune's register, render it once and freeze its bytes.

    ``issued_on`` registers a paper signed on an earlier day; it defaults to today. A paper
    dated before one of the facts it ``cites`` is refused (DatedBeforeFact).
    """
    check_dates(issued_on or timezone.localdate(), cites)
    # Lock the commune row: two people issuing at once take turns for the next number.
    commune = Commune.objects.select_for_update().get(pk=commune.pk)
    issued_on = issued_on or timezone.localdate()
    sequence = commune.paper_sequence(issuer, code)
    last = (
        Paper.objects.filter(commune=commune, year=issued_on.year, sequence=sequence).aggregate(
            last=Max("number")
        )["last"]
        or 0
    )
    stamp = Stamp(number=last + 1, issued_on=issued_on)
    html = render(stamp)
    pdf, pages = render_pdf_and_count(html)
    return Paper.objects.create(
        commune=commune,
        year=issued_on.year,
        issuer=issuer,
        code=code,
        sequence=sequence,
        number=stamp.number,
        issued_on=issued_on,
        subject=subject,
        signer_title=signer_title,
        signer_name=signer_name,
        issued_by=issued_by,
        replaces=replaces,
        html=html,
        pdf=pdf,
        page_count=pages,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
