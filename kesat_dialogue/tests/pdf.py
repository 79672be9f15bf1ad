"""Read a PDF as a reader would: with Poppler's own tools."""

import re
import subprocess
import tempfile


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
