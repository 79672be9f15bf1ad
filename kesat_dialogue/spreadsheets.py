"""What a user typed goes into a spreadsheet as text, never as a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)`` can leak data
or run a command): the OWASP guidance on CSV/formula injection is to prefix such text with a
single quote, which every spreadsheet shows as text.
"""

import datetime as dt
import io
import re
import zipfile

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row(values) -> list:
    """A row for ``sheet.append``: every text cell made safe."""
    return [as_text(value) for value in values]


def frozen_bytes(book, at: dt.datetime) -> bytes:
    """The workbook's bytes as of ``at`` (naive, local time), whenever it is built.

    openpyxl stamps the save time into the document's properties and its ZIP entries; an
    archived workbook must be the same bytes each time it is built from the same data.
    """
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            entry = zipfile.ZipInfo(item.filename, date_time=at.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content)
    return target.getvalue()
