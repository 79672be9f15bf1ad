"""The Front's journey in a real Chromium: type slips by keyboard, merge, send the synthesis."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from kesat_dialogue.tests import a11y, pdf
from meetings.tests.factories import reopen_demo_year
from opinions.models import Opinion, OpinionSlip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    return reopen_demo_year()


def _type_slip(page, serial, opinion, field_letters):
    """Only the keyboard: the serial has the focus when the page opens."""
    expect(page.locator("#id_serial")).to_be_focused()
    page.keyboard.type(str(serial))
    page.keyboard.press("Tab")  # village
    page.keyboard.type("Phương")
    for _ in range(3):  # collector, date (kept), first respondent radio
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # consent: not ticked, the slip is anonymous anyway
    page.keyboard.press("Tab")  # anonymous
    page.keyboard.press("Space")
    for _ in range(4):  # name, address, phone, first opinion
        page.keyboard.press("Tab")
    page.keyboard.type(opinion)
    page.keyboard.press("Tab")  # kind: Kiến nghị by default
    page.keyboard.press("Tab")  # field
    page.keyboard.type(field_letters)
    page.locator("button[type=submit]", has_text="Lưu và nhập phiếu tiếp").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[role=status]")).to_contain_text(f"Đã lưu phiếu số {serial:04d}")


def test_front_types_two_slips_merges_them_and_sends_the_synthesis(
    live_server, page, demo, settings
):
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("mattran")
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Việc cần làm")
    page.goto(f"{live_server.url}/ke-hoach/{demo.public_id}/phieu/nhap/")

    _type_slip(page, 501, "Đề nghị làm cầu qua kênh Phương Độ", "Giao")
    _type_slip(page, 502, "Cần xây cầu bắc qua kênh ở Phương Độ", "Giao")
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))

    slips = OpinionSlip.objects.filter(plan=demo, serial__in=[501, 502])
    assert slips.count() == 2 and all(s.anonymous and s.village.name == "Phương Độ" for s in slips)
    page.get_by_role("link", name="Ý kiến", exact=True).click()
    page.get_by_label("Tìm (không cần dấu)").fill("cau qua kenh")
    page.get_by_role("button", name="Lọc").click()
    for checkbox in page.get_by_role("checkbox", name="Chọn ý kiến phiếu").all():
        checkbox.check()
    page.get_by_role("button", name="Tổng hợp thành kiến nghị").click()
    page.get_by_label("Nội dung kiến nghị tổng hợp").fill("Đề nghị xây cầu qua kênh thôn Phương Độ")
    page.get_by_role("button", name="Tạo kiến nghị tổng hợp").click()
    expect(page.locator("[role=status]")).to_contain_text("Đã tổng hợp 2 ý kiến")
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))
    assert Opinion.objects.filter(slip__in=slips, petition__isnull=False).count() == 2

    page.get_by_role("link", name="Báo cáo tổng hợp").click()
    expect(page.locator("main")).to_contain_text("Kiến nghị mới: Đề nghị xây cầu qua kênh")
    left_over = page.get_by_label("Vẫn gửi khi còn ý kiến chưa tổng hợp")
    if left_over.count():
        left_over.check()
    page.get_by_role("button", name="Gửi báo cáo bổ sung").click()
    expect(page.locator("[role=status]")).to_contain_text("Đã gửi Báo cáo tổng hợp số 02/BC-MTTQ")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF đã gửi").click()
    content = download_info.value.path().read_bytes()
    assert "Đề nghị xây cầu qua kênh thôn Phương Độ (2 ý kiến; thôn Phương Độ)" in pdf.body_text(
        content
    )


def test_office_prints_blank_forms_through_the_progress_page(live_server, page, demo, settings):
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Việc cần làm")
    page.goto(f"{live_server.url}/ke-hoach/{demo.public_id}/mau-phieu/")
    first_village = demo.villages.first()
    for box in page.get_by_role("checkbox").all():
        if box.is_checked():
            box.uncheck()
    page.get_by_label(first_village.name, exact=True).check()
    page.get_by_label("Số bản mỗi thôn").fill("3")

    page.get_by_role("button", name="Tạo tệp PDF phiếu để in").click()

    expect(page.locator("#print-progress")).to_contain_text("Đã tạo xong 3 phiếu")
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải PDF để in").click()
    content = Path(download.value.path()).read_bytes()
    pages = pdf.pages(content)
    assert len(pages) == 3 and all(f"Thôn: {first_village.name}" in text for text in pages)
    assert demo.slip_batches.get().count == 3
