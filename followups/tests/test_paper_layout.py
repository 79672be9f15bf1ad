"""Every paper of the demo's archived dialogue, measured as a reader measures it: margins,
page numbers, one page per village extract, nothing that introduces something at the foot of
a page, titles that keep their word pairs (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""

import datetime as dt
import io
import re
import zipfile
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from followups import catalogue
from followups.models import Dossier
from kesat_dialogue import papers, tenancy
from kesat_dialogue.tests import pdf
from meetings.models import DialoguePlan

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TOLERANCE = 0.6  # mm: glyph boxes overhang the text box by a fraction of a point
# PDFs that hold one-page documents, one after another: none carries a page number.
ONE_PAGE_DOCUMENTS = {
    "02-du-toan.pdf",
    "03-phieu-trang.pdf",
    "04-giay-moi.pdf",
    "11-niem-yet-cac-thon.pdf",
    "13-quyet-toan.pdf",
}
# A line that introduces what follows: a section heading or a line ending with a colon.
INTRODUCER = re.compile(r"(^[IVX]+\.\s|^\d+\.\s+Lĩnh vực|:$)")


@pytest.fixture(scope="module")
def demo_papers(django_db_setup, django_db_blocker, tmp_path_factory):
    """{file name: (PDF bytes, pages)} of every paper kind, and the archived dossier."""
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            time_machine.travel(dt.datetime(2026, 11, 29, 9, 0, tzinfo=HCM), tick=False),
            override_settings(DEBUG=True, MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        ):
            call_command("load_demo", stdout=StringIO())
            with tenancy.all_communes("the test reads the demo it loaded"):
                plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)
                villages = [village.name for village in plan.villages.all()]
                with tenancy.commune_scope(plan.commune):
                    found = catalogue.every_paper(plan)
                    dossier = bytes(Dossier.objects.get(plan=plan).content)
        transaction.set_rollback(True)
    return {
        "papers": {name: (content, pdf.layout(content)) for name, content in found.items()},
        "villages": villages,
        "dossier": dossier,
    }


PAPER_NAMES = [
    "01-ke-hoach.pdf",
    "02-du-toan.pdf",
    "03-phieu-trang.pdf",
    "04-giay-moi.pdf",
    "05-danh-sach-dai-bieu.pdf",
    "06-danh-sach-diem-danh.pdf",
    "07-bao-cao-mttq.pdf",
    "08-tai-lieu-hoi-nghi.pdf",
    "09-bien-ban.pdf",
    "10-thong-bao.pdf",
    "11-niem-yet-cac-thon.pdf",
    "12-bao-cao-ket-qua.pdf",
    "13-quyet-toan.pdf",
    "14-muc-luc.pdf",
    "15-du-lieu-ca-nhan.pdf",
]


def test_the_catalogue_holds_every_paper_kind(demo_papers):
    assert list(demo_papers["papers"]) == PAPER_NAMES


@pytest.mark.parametrize("name", PAPER_NAMES)
def test_the_text_box_is_the_decrees(demo_papers, name):
    """Left 30–35 mm, right 15–20 mm, top and bottom 20–25 mm, on A4 (either way round)."""
    _, pages = demo_papers["papers"][name]
    widest = 0.0
    for number, page in enumerate(pages, start=1):
        body = page.body
        assert sorted((round(page.width), round(page.height))) == [210, 297]
        left = min(line.left for line in body)
        right = page.width - max(line.right for line in body)
        top = min(line.top for line in body)
        bottom = page.height - max(line.bottom for line in body)
        widest = max(widest, page.width - right)
        where = f"{name} p{number}"
        assert 30 - TOLERANCE <= left <= 35 + TOLERANCE, f"{where}: left {left:.1f} mm"
        assert right >= 15 - TOLERANCE, f"{where}: right {right:.1f} mm"
        assert 20 - TOLERANCE <= top <= 25 + TOLERANCE, f"{where}: top {top:.1f} mm"
        assert bottom >= 20 - TOLERANCE, f"{where}: bottom {bottom:.1f} mm"
    # Somewhere the text reaches its right edge: the box is not narrower than the decree's.
    assert pages[0].width - widest <= 20 + TOLERANCE, f"{name}: text never reaches the right"


@pytest.mark.parametrize("name", PAPER_NAMES)
def test_page_numbers_belong_to_each_document(demo_papers, name):
    _, pages = demo_papers["papers"][name]
    if name in ONE_PAGE_DOCUMENTS:
        assert [page.number for page in pages] == [None] * len(pages)
        return
    assert pages[0].number is None
    for number, page in enumerate(pages[1:], start=2):
        assert page.number == str(number), f"{name} p{number}"
        mark = next(line for line in page.lines if line.text == str(number) and line.bottom < 20)
        centre = (mark.left + mark.right) / 2
        assert abs(centre - (30 + (page.width - 15)) / 2) < 3, f"{name} p{number}: {centre:.1f}"


@pytest.mark.parametrize("name", PAPER_NAMES)
def test_nothing_that_introduces_something_ends_a_page(demo_papers, name):
    _, pages = demo_papers["papers"][name]
    for number, page in enumerate(pages[:-1], start=1):
        last = page.body[-1].text
        assert not INTRODUCER.search(last), f"{name} p{number} ends with {last!r}"


def test_each_village_extract_is_one_page_with_its_header_qr_and_signature(demo_papers):
    content, pages = demo_papers["papers"]["11-niem-yet-cac-thon.pdf"]
    villages = demo_papers["villages"]

    assert len(pages) == len(villages) == 4
    for page, village in zip(pages, villages, strict=True):
        lines = [line.text for line in page.lines]
        header = " ".join(lines[:4])
        for part in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do"):
            assert part in header, village
        trich = next(line for line in lines if line.startswith("Trích Thông báo số"))
        assert trich.startswith("Trích Thông báo số 01/TB-UBND ngày 26/6/2026")
        assert f"niêm yết tại thôn {village}" in trich
        assert any(line.startswith("Quét mã") for line in lines), village
        assert lines[-1] == "Phạm Thị Thu Hiền"
    assert pdf.info(content)["Pages"].strip() == "4"


TYPE_NAMES = {
    "01-ke-hoach.pdf": "KẾ HOẠCH",
    "04-giay-moi.pdf": "GIẤY MỜI",
    "10-thong-bao.pdf": "THÔNG BÁO",
}


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_titles_keep_word_pairs_and_their_year(demo_papers, name):
    """The subject under the type name, centred: no word pair or lone year split off."""
    _, pages = demo_papers["papers"][name]
    lines = pages[0].lines
    start = next(i for i, line in enumerate(lines) if line.text == TYPE_NAMES[name]) + 1
    title = []
    for line in lines[start:]:
        centre = (line.left + line.right) / 2
        if abs(centre - (pages[0].width + 15) / 2) > 2 or line.text.startswith("Kính gửi"):
            break  # the body: at the left margin or indented, not centred
        title.append(line.text)
    assert title, "no title under the type name"
    for upper, lower in zip(title, title[1:], strict=False):
        pair = f"{upper.split()[-1]} {lower.split()[0]}".lower()
        assert pair not in papers.WORD_PAIRS, (upper, lower)
        assert not re.fullmatch(r"năm \d{4}", lower.strip()), (upper, lower)


def test_the_plan_takes_four_pages_with_the_signature_on_the_fourth(demo_papers):
    _, pages = demo_papers["papers"]["01-ke-hoach.pdf"]

    assert len(pages) == 4
    assert pages[3].body[-1].text == "Phạm Thị Thu Hiền"


def test_the_dossier_holds_the_whole_record_in_the_index_order(demo_papers):
    archive = zipfile.ZipFile(io.BytesIO(demo_papers["dossier"]))
    names = archive.namelist()
    index = pdf.text(archive.read("00-muc-luc.pdf"))
    manifest = archive.read("SHA256SUMS.txt").decode().splitlines()

    kinds = [
        "KH-UBND",
        "GM-UBND",
        "danh-sach-dai-bieu",
        "danh-sach-diem-danh",
        "BC-MTTQ",
        "tai-lieu-hoi-nghi",
        "tra-loi-",
        "BB-UBND",
        "TB-UBND",
        "trich-tb-cac-thon",
        "BC-UBND",
        "du-toan-kinh-phi",
        "quyet-toan-kinh-phi",
        "du-lieu-",
    ]
    positions = [next(i for i, n in enumerate(names) if kind in n) for kind in kinds]
    assert positions == sorted(positions), names
    assert names[0] == "00-muc-luc.pdf" and names[-1] == "SHA256SUMS.txt"
    assert len(names) == len(set(names))
    import hashlib  # noqa: PLC0415

    for line in manifest:
        digest, name = line.split("  ")
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert sorted(line.split("  ")[1] for line in manifest) == sorted(names[:-1])
    assert "Ký hiệu hồ sơ: 2026.ĐT.01" in index
    total = re.search(r"Hồ sơ gồm (\d+) văn bản, tài liệu; (\d+) trang", " ".join(index.split()))
    pdfs = [n for n in names[1:] if n.endswith(".pdf")]
    pages = sum(int(pdf.info(archive.read(n))["Pages"]) for n in pdfs)
    assert total and int(total[2]) == pages
    assert int(total[1]) >= len(names) - 2
