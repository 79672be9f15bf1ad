"""Many copies of one paper that differ in a few words, laid out once.

A stack of blank forms is the same page hundreds of times with its serial and receipt code
changed. Laying each copy out again took a quarter of a second a page; here the paper is laid
out once, and each copy is that page with a thin layer of words printed over it, where the
layout put them.

The paper marks each changing word as
``<span class="overprint …" id="overprint-<n>" data-field="serial">0000</span>``: the layout
keeps its room (so the placeholder should be as wide as the widest value) and leaves it blank;
``paper.css`` gives the class its font, the same on the page and on the layer.
"""

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

from . import papers

_MARK = re.compile(
    r'<span class="overprint(?P<classes>[^"]*)" id="(?P<id>overprint-[\w-]+)" '
    r'data-field="(?P<field>\w+)">'
)


@dataclass(frozen=True)
class Place:
    page: int
    field: str
    classes: str
    left: float  # CSS px from the page's top left corner
    top: float


class Overprint:
    """One laid-out paper, ready to print in copies."""

    def __init__(self, base_html: str):
        marks = {found["id"]: found for found in _MARK.finditer(base_html)}
        document = papers.layout(base_html)
        self.pdf = document.write_pdf()
        self.page_count = len(document.pages)
        self.page_size = (document.pages[0].width, document.pages[0].height)
        self.places = [
            Place(index, marks[name]["field"], marks[name]["classes"], box[0], box[1])
            for index, page in enumerate(document.pages)
            for name, box in page.anchors.items()
            if name in marks
        ]
        missing = set(marks) - {name for page in document.pages for name in page.anchors}
        if missing:
            raise ValueError(f"overprinted words left out of the layout: {sorted(missing)}")

    def render(self, copies: Sequence[Mapping[str, str]]) -> bytes:
        """The paper once per copy, each with its own words, in one PDF."""
        writer = PdfWriter()
        # Each page of the form is drawn once, as a form XObject that every copy reuses: the
        # stack weighs little more than one copy.
        forms = [_as_form(writer, page) for page in PdfReader(io.BytesIO(self.pdf)).pages]
        layer = PdfReader(io.BytesIO(papers.render_pdf(self._layer_html(copies)))).pages
        for copy_index in range(len(copies)):
            for page_index in range(self.page_count):
                page = writer.add_page(layer[copy_index * self.page_count + page_index])
                _draw_under(writer, page, forms[page_index], f"/OverprintForm{page_index}")
        writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    def _layer_html(self, copies) -> str:
        width, height = self.page_size
        sheets = []
        for words in copies:
            for page_index in range(self.page_count):
                spans = "".join(
                    f'<span class="overprint{place.classes}" '
                    f'style="left:{place.left:.3f}px;top:{place.top:.3f}px">'
                    f"{escape(words[place.field])}</span>"
                    for place in self.places
                    if place.page == page_index
                )
                sheets.append(f'<div class="paper overprint-layer">{spans}</div>')
        return (
            '<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>'
            f"@page overprint {{ size: {width:.3f}px {height:.3f}px; }} body {{ margin: 0; }}"
            f"</style></head><body>{''.join(sheets)}</body></html>"
        )


def _as_form(writer: PdfWriter, page) -> IndirectObject:
    form = DecodedStreamObject()
    form.set_data(page.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(value) for value in page.mediabox),
            NameObject("/Resources"): page["/Resources"].get_object().clone(writer),
        }
    )
    return writer._add_object(form.flate_encode())


def _draw_under(writer: PdfWriter, page, form: IndirectObject, name: str) -> None:
    # The layer's pages may share one resource dictionary: each form page keeps its own name.
    resources = page[NameObject("/Resources")].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[NameObject(name)] = form
    content = DecodedStreamObject()
    content.set_data(f"q {name} Do Q\n".encode() + page.get_contents().get_data())
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
