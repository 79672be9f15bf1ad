"""Every issued paper has a Word twin: the same paper, in the decree's format, for last
edits before signing; the PDF stays the record."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from lxml import html as lxml_html

from followups.tests.test_dossier import finished  # noqa: F401  (the fixture)
from kesat_dialogue.models import Paper, Role
from kesat_dialogue.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _docx_text(document) -> str:
    """Every paragraph of the body and of its tables, in order."""
    parts = []
    for block in document.element.body.iter():
        if block.tag.endswith("}p"):
            parts.append(
                "".join(node.text or "" for node in block.iter() if node.tag.endswith("}t"))
            )
    return _squash(" ".join(parts))


def test_every_issued_paper_downloads_as_word_with_its_header_body_and_signing_block(
    client,
    finished,  # noqa: F811
):
    client.force_login(finished.office)
    issued = list(Paper.objects.filter(commune=finished.plan.commune))
    assert {paper.code for paper in issued} >= {"TB", "BC"}

    for paper in issued:
        response = client.get(reverse("paper-docx", args=[paper.public_id]))
        assert response.status_code == 200 and response["Content-Type"] == DOCX
        assert paper.docx_filename in response["Content-Disposition"]
        document = Document(io.BytesIO(response.content))
        section = document.sections[0]
        text = _docx_text(document)

        assert (round(section.page_width.mm), round(section.page_height.mm)) in {
            (210, 297),
            (297, 210),
        }
        margins = (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        assert [round(margin.mm) for margin in margins] == [20, 20, 30, 15]
        assert document.styles["Normal"].font.name == "Times New Roman"
        assert (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        )
        assert f"Số: {paper.symbol}" in text, paper
        assert _squash(paper.signer_name) in text
        article = lxml_html.fromstring(paper.html)
        for paragraph in article.iter("p"):  # the type name is in capitals, as on paper
            assert _squash(paragraph.text_content()).upper() in text.upper(), paper
        for cell in article.find_class("recipients"):
            for line in cell.iter("div"):
                assert _squash(line.text_content()) in text
        assert document.core_properties.subject == paper.symbol


def test_the_word_twin_opens_only_for_who_may_download_the_paper(client, finished):  # noqa: F811
    paper = Paper.objects.filter(commune=finished.plan.commune).first()
    url = reverse("paper-docx", args=[paper.public_id])
    stranger = UserFactory(role=Role.OFFICE)  # another commune's office

    client.force_login(stranger)
    assert client.get(url).status_code == 404
