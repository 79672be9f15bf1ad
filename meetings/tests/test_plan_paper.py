"""The plan as a paper, checked as a reader would: its text, fonts, pages and numbers."""

import datetime as dt
import hashlib
import re
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from kesat_dialogue.models import Paper, Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings import services
from meetings.documents import plan_draft_pdf
from meetings.models import DialoguePlan, Village
from meetings.schedule import MilestoneKind
from meetings.tests.factories import reopen_demo_year

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SEED = Path(__file__).parent / "data" / "ke-hoach-doi-thoai-2026.txt"


def seed_lines() -> list[str]:
    """The seed's body, line by line, without its Markdown marks."""
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("Thực hiện Kế hoạch số") : text.index("Nơi nhận:")]
    lines = []
    for line in body.splitlines():
        line = line.replace("**", "").replace("*", "").strip()
        line = re.sub(r"^- \+ ", "+ ", line)
        if line:
            lines.append(line)
    return lines


def fold(text: str) -> str:
    # The paper capitalises "Nhân dân" as the decree asks; the seed often does not.
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture
def demo_plan(settings):
    settings.DEBUG = True
    with time_machine.travel(dt.datetime(2026, 11, 29, 9, 0, tzinfo=HCM), tick=False):
        call_command("load_demo", stdout=StringIO())
    plan = reopen_demo_year()
    # As it was before the office issued it: these tests issue it themselves.
    DialoguePlan.objects.filter(pk=plan.pk).update(paper=None)
    Paper.objects.filter(code="KH").delete()
    plan.refresh_from_db()
    return plan


@pytest.fixture
def office(demo_plan):
    return UserFactory(commune=demo_plan.commune, role=Role.OFFICE)


def test_the_2026_plan_contains_every_sentence_of_the_seed_in_order(demo_plan):
    text = fold(pdf.body_text(plan_draft_pdf(demo_plan)))

    position = 0
    for line in seed_lines():
        # The seed numbers its budget section "4." a second time; the paper numbers it 5.
        wanted = fold(line.replace("4. Kinh phí:", "5. Kinh phí:"))
        found = text.find(wanted, position)
        assert found >= 0, f"missing or out of order: {line!r}"
        position = found + len(wanted)


def test_the_draft_prints_its_number_and_day_blank_and_the_closing_blocks(demo_plan):
    text = re.sub(r"\s+", " ", pdf.text(plan_draft_pdf(demo_plan)))

    assert re.search(r"Số: \s*/KH-UBND", text)
    assert re.search(r"Kè Sắt, ngày\s+tháng 5 năm 2026", text)
    assert "ỦY BAN NHÂN DÂN XÃ KÈ SẮT" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in text
    assert "KẾ HOẠCH Tổ chức tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã năm 2026" in text
    for line in (
        "Nơi nhận:",
        "- BTV Đảng ủy;",
        "- Ban xây dựng Đảng;",
        "- Ủy ban MTTQ xã;",
        "- Thủ trưởng các cơ quan, đơn vị liên quan;",
        "- Lưu: VT, VP.",
        "TM. ỦY BAN NHÂN DÂN",
        "Q. CHỦ TỊCH",
        "Phạm Thị Thu Hiền",
    ):
        assert line in text
    assert "Ban chỉ ủy, trưởng các thôn: Quán Gỏi, Phương Độ, Ngọc Mai, Thượng" in text


def test_the_paper_uses_only_tinos_embedded_on_a4_pages(demo_plan):
    document = plan_draft_pdf(demo_plan)

    fonts = pdf.fonts(document)
    info = pdf.info(document)

    assert fonts and all(f["embedded"] for f in fonts)
    assert {re.sub(r"^[A-Z]{6}\+", "", f["name"]).split("-")[0] for f in fonts} == {"Tinos"}
    assert "(A4)" in info["Page size"]
    assert int(info["Pages"]) >= 4


def test_page_numbers_start_on_page_two_at_the_top(demo_plan):
    pages = pdf.pages(plan_draft_pdf(demo_plan))

    assert not pages[0].strip().splitlines()[0].strip().isdigit()
    assert pages[1].strip().splitlines()[0].strip() == "2"
    assert pages[2].strip().splitlines()[0].strip() == "3"


def test_changing_villages_dates_and_signer_changes_the_paper(demo_plan):
    demo_plan.villages.remove(Village.objects.get(name="Ngọc Mai"))
    synthesis = demo_plan.milestones.get(kind=MilestoneKind.SYNTHESIS)
    synthesis.due_date = dt.date(2026, 6, 9)
    synthesis.save()
    demo_plan.signer_title, demo_plan.signer_name = "CHỦ TỊCH", "Lê Văn Dũng"
    demo_plan.save()
    plan = DialoguePlan.objects.with_timeline().get(pk=demo_plan.pk)

    text = pdf.body_text(plan_draft_pdf(plan))

    assert "Nhân dân các thôn Quán Gỏi, Phương Độ, Thượng Khuông năm 2026" in text
    assert "Ngọc Mai" not in text
    assert "Ban xây dựng Đảng trước ngày 09/6/2026" in text
    assert "Lê Văn Dũng" in text and "Phạm Thị Thu Hiền" not in text


def test_issuing_numbers_stamps_and_freezes_the_paper(client, demo_plan, office):
    client.force_login(office)

    with time_machine.travel(dt.datetime(2026, 5, 25, 10, 0, tzinfo=HCM), tick=False):
        response = client.post(reverse("meetings:plan-issue", args=[demo_plan.public_id]))
        page = client.get(response.url).content.decode()
    demo_plan.refresh_from_db()
    paper = demo_plan.paper

    assert "Đã ban hành kế hoạch: số 01/KH-UBND ngày 25/05/2026" in page
    assert (paper.number, paper.code, paper.issued_on) == (1, "KH", dt.date(2026, 5, 25))
    assert paper.issued_by == office and demo_plan.status == "issued"
    text = pdf.text(bytes(paper.pdf))
    assert "Số: 01/KH-UBND" in text
    assert "Kè Sắt, ngày 25 tháng 5 năm 2026" in text
    assert hashlib.sha256(bytes(paper.pdf)).hexdigest() == paper.sha256


def test_an_issued_paper_downloads_the_same_bytes_after_the_data_changes(client, demo_plan, office):
    client.force_login(office)
    client.post(reverse("meetings:plan-issue", args=[demo_plan.public_id]))
    demo_plan.refresh_from_db()
    issued = bytes(demo_plan.paper.pdf)
    demo_plan.venue = "Nhà văn hóa thôn Quán Gỏi"
    demo_plan.save()

    download = client.get(reverse("meetings:plan-paper-pdf", args=[demo_plan.public_id]))

    assert download["Content-Type"] == "application/pdf"
    assert download.content == issued
    assert "Nhà văn hóa thôn Quán Gỏi" not in pdf.text(download.content)


def test_a_correction_is_a_new_number_that_replaces_the_first(client, demo_plan, office):
    client.force_login(office)
    client.post(reverse("meetings:plan-issue", args=[demo_plan.public_id]))
    demo_plan.refresh_from_db()
    demo_plan.venue = "Hội trường UBND xã"
    demo_plan.save()

    response = client.post(reverse("meetings:plan-issue", args=[demo_plan.public_id]), follow=True)

    first, second = Paper.objects.filter(code="KH").order_by("number")
    demo_plan.refresh_from_db()
    assert demo_plan.paper == second and second.replaces == first
    assert "bản thay thế văn bản số 01/KH-UBND" in response.content.decode()
    assert "Hội trường UBND xã" in pdf.text(bytes(second.pdf))
    assert "Hội trường UBND xã" not in pdf.text(bytes(first.pdf))


def test_the_html_preview_shows_the_draft_with_the_paper_stylesheet(client, demo_plan, office):
    client.force_login(office)

    html = client.get(reverse("meetings:plan-paper", args=[demo_plan.public_id])).content.decode()

    assert "papers/paper.css" in html
    assert "Trên đây là kế hoạch tiếp xúc, đối thoại trực tiếp" in html
    assert "/KH-UBND" in html


def test_issuing_is_for_the_office_only(client, demo_plan):
    client.force_login(UserFactory(commune=demo_plan.commune, role=Role.CHAIR))

    response = client.post(reverse("meetings:plan-issue", args=[demo_plan.public_id]))

    assert response.status_code == 403
    assert not Paper.objects.filter(code="KH").exists()


def test_services_issue_plan_marks_a_draft_issued(demo_plan, office):
    paper = services.issue_plan(plan=demo_plan, by=office)

    demo_plan.refresh_from_db()
    assert demo_plan.status == "issued" and demo_plan.paper == paper
