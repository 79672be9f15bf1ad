"""After the meeting in Chromium: decide, issue the notice, reply, accept, close, download."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from kesat_dialogue.models import Role
from kesat_dialogue.tests import a11y, pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "matkhau-thu-2026"


@pytest.fixture
def people(year):
    """The year's people under the demo's usernames."""
    commune = year.plan.commune
    year.plan.chairman = UserFactory(
        commune=commune, role=Role.CHAIR, username="chutich", full_name="Phạm Thị Thu Hiền"
    )
    year.plan.save()
    UserFactory(commune=commune, role=Role.OFFICE, username="vanphong")
    agency = UserFactory(commune=commune, role=Role.AGENCY, username="diachinh")
    Membership.objects.create(user=agency, unit=year.unit)
    return year


def _as(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    return page


def test_from_decisions_to_the_downloaded_dossier(live_server, browser, people):
    year = people
    base = f"{live_server.url}/ke-hoach/{year.plan.public_id}"

    chair = _as(browser, live_server, "chutich")
    chair.goto(base + "/danh-gia/")
    decisions = {
        "Sửa đường trục thôn": (
            "Đã giải quyết xong",
            {"Kết quả giải quyết / lý do": "Đã sửa xong."},
        ),
        "Nạo vét kênh mương": ("Giao cơ quan giải quyết", {"Chỉ đạo": "Nạo vét trước mùa mưa."}),
        "Lắp đèn đường": ("Kiến nghị cấp có thẩm quyền", {"Kiến nghị lên": "UBND tỉnh"}),
        "Công khai khoản thu": ("Không chấp nhận", {"Kết quả giải quyết / lý do": "Đã công khai."}),
    }
    for text, (outcome, fields) in decisions.items():
        card = chair.locator("li.card", has_text=text)
        card.locator("summary").click()
        card.get_by_label(outcome).check()
        if outcome == "Giao cơ quan giải quyết":
            card.get_by_label("Cơ quan được giao").select_option(label=str(year.unit))
        for label, value in fields.items():
            card.get_by_label(label).fill(value)
        card.get_by_role("button", name="Lưu quyết định").click()
        expect(chair.locator("li.card", has_text=text).locator(".state")).to_have_text(outcome)
        # Focus moves on to the next petition's decision, never back to the top.
        following = chair.locator("li.card", has_text=text).locator(
            "xpath=following-sibling::li[1]"
        )
        if following.count():
            expect(following.locator("summary")).to_be_focused()
    assert not a11y.violations(chair), a11y.describe(a11y.violations(chair))
    chair.goto(base + "/thong-bao-ket-luan/")
    chair.get_by_role("button", name="Duyệt thông báo").click()
    expect(chair.locator("[role=status]")).to_contain_text("Đã duyệt thông báo kết luận")

    office = _as(browser, live_server, "vanphong")
    office.goto(base + "/thong-bao-ket-luan/")
    office.get_by_role("button", name="Ban hành thông báo (vào sổ)").click()
    expect(office.locator("[role=status]")).to_contain_text(
        "Đã ban hành Thông báo kết luận số 01/TB-UBND"
    )

    agency = _as(browser, live_server, "diachinh")
    agency.get_by_role("link", name="Việc được giao").click()
    agency.get_by_role("link", name="Nạo vét kênh mương").click()
    agency.get_by_label("Nội dung trả lời").fill("Đã nạo vét 1,2 km kênh trước ngày 28/6.")
    agency.get_by_label("Số, ký hiệu văn bản").fill("07/BC-ĐC")
    agency.get_by_label("Ngày văn bản").fill("28/06/2026")
    agency.get_by_role("button", name="Gửi văn bản trả lời").click()
    expect(agency.locator("[role=status]")).to_contain_text("Đã gửi văn bản trả lời")

    chair.goto(agency.url)
    chair.get_by_role("button", name="Chấp nhận văn bản trả lời").click()
    expect(chair.locator("main")).to_contain_text("Chủ tịch đã chấp nhận")

    office.goto(base + "/ho-so/")
    office.get_by_role("button", name="Đóng hồ sơ và lưu trữ").click()
    expect(office.locator("[role=status]")).to_contain_text("Chưa đóng hồ sơ: hãy xem danh sách")
    office.get_by_label("Tôi đã xem danh sách kiểm tra và đồng ý đóng hồ sơ").check()
    office.get_by_role("button", name="Đóng hồ sơ và lưu trữ").click()
    expect(office.locator("[role=status]")).to_contain_text("Đã đóng hồ sơ (lần 1)")
    with office.expect_download() as download:
        office.get_by_role("link", name="Tải ZIP lần 1").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))

    index = pdf.body_text(archive.read("00-muc-luc.pdf")).replace(" ", "")
    listed = [
        name for name in archive.namelist() if name.endswith(".pdf") and name != "00-muc-luc.pdf"
    ]
    assert [name.split("-", 1)[1] for name in listed] == [
        "tai-lieu-hoi-nghi.pdf",
        "TB-UBND-01-2026.pdf",
        "trich-tb-cac-thon.pdf",
    ]
    for name in listed[1:2]:
        assert name in index
        paper_text = pdf.body_text(archive.read(name))
        assert "Số: 01/TB-UBND" in pdf.text(archive.read(name))
        assert "Giao " in paper_text and "Không chấp nhận. Lý do: Đã công khai." in paper_text
    assert "01/TB-UBND" in index
    assert any(name.endswith(".xlsx") for name in archive.namelist())
