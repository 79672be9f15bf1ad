"""Read a PDF as a reader would: with Poppler's own tools."""

import re
import subprocess
import tempfile
from dataclasses import dataclass
from xml.etree import ElementTree


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(
            [tool, *args, handle.name, *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    return result.stdout


def text(pdf: bytes, *args: str) -> str:
    return _run("pdftotext", pdf, *args)


def pages(pdf: bytes, *args: str) -> list[str]:
    return text(pdf, *args).split("\f")[:-1]


def body_text(pdf: bytes) -> str:
    """All text, page numbers dropped and white space folded: sentences read across pages.

    In content order (-raw): Poppler's default reading mode joins a line ending in " -"
    with the next as if the dash were a hyphenation.
    """
    kept = []
    for page in pages(pdf, "-raw"):
        lines = page.strip("\n").splitlines()
        # The page number sits in the top margin; content order puts it last.
        if lines and lines[-1].strip().isdigit():
            lines = lines[:-1]
        kept.append(" ".join(lines))
    return re.sub(r"\s+", " ", " ".join(kept)).strip()


def fonts(pdf: bytes) -> list[dict]:
    rows = _run("pdffonts", pdf).splitlines()[2:]
    found = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object-id gen
        found.append({"name": parts[0], "embedded": parts[-5] == "yes"})
    return found


def info(pdf: bytes) -> dict:
    lines = _run("pdfinfo", pdf).splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)


PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    """A line of text where a reader sees it, in millimetres from the page's top left."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: list[Line]

    @property
    def number(self) -> str | None:
        """The page number printed in the top margin, if any."""
        found = [line.text for line in self.lines if line.text.isdigit() and line.bottom < 20]
        return found[0] if found else None

    @property
    def body(self) -> list[Line]:
        return [line for line in self.lines if not (line.text.isdigit() and line.bottom < 20)]


def layout(pdf: bytes) -> list[Page]:
    """Every page's lines with their boxes (``pdftotext -bbox-layout``)."""
    root = ElementTree.fromstring(_run("pdftotext", pdf, "-bbox-layout"))
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    for page in root.iterfind(".//x:page", namespace):
        lines = [
            Line(
                " ".join(word.text or "" for word in line.iterfind("x:word", namespace)),
                *(float(line.get(edge)) / PT_PER_MM for edge in ("xMin", "yMin", "xMax", "yMax")),
            )
            for line in page.iterfind(".//x:line", namespace)
        ]
        lines.sort(key=lambda line: (round(line.top, 1), line.left))
        found.append(
            Page(float(page.get("width")) / PT_PER_MM, float(page.get("height")) / PT_PER_MM, lines)
        )
    return found
