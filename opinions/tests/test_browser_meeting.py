"""A small meeting end to end in Chromium: attendance, speakers, the console, the minutes."""

import pytest
from playwright.sync_api import expect

from kesat_dialogue.models import Role
from kesat_dialogue.tests import a11y, pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import Participant
from meetings.tests.factories import make_plan
from opinions import services
from opinions.tests.factories import agency_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "matkhau-thu-2026"


@pytest.fixture
def meeting_setup():
    plan = make_plan()
    plan.chairman = UserFactory(
        commune=plan.commune, role=Role.CHAIR, full_name="Phạm Thị Thu Hiền"
    )
    plan.save()
    services.ensure_fields(plan.commune)
    office = UserFactory(commune=plan.commune, role=Role.OFFICE, username="thuky")
    _, unit = agency_of(plan.commune, "Công an xã")
    people = [
        ("committee", "Phạm Thị Thu Hiền", "Chủ tịch UBND xã", False),
        ("front", "Trần Văn Bình", "Chủ tịch UB MTTQ xã", False),
        ("village_leader", "Vũ Văn Tùng", "Trưởng thôn", False),
        ("resident", "Nguyễn Văn Khánh", "Đại diện hộ dân", False),
        ("agency", "", "Thủ trưởng Công an xã", True),
    ]
    for order, (category, name, position, head) in enumerate(people):
        Participant.objects.create(
            plan=plan,
            category=category,
            name=name,
            position=position,
            is_head=head,
            unit=unit if head else None,
            order=order,
        )
    return plan, office


def test_a_small_meeting_from_check_in_to_issued_minutes(live_server, page, meeting_setup):
    plan, office = meeting_setup
    base = f"{live_server.url}/ke-hoach/{plan.public_id}"
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thuky")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Việc cần làm")

    page.goto(base + "/diem-danh/")
    for name in ("Phạm Thị Thu Hiền", "Trần Văn Bình", "Vũ Văn Tùng", "Nguyễn Văn Khánh"):
        row = page.locator("#rows > li", has_text=name)
        row.get_by_role("button", name="Có mặt").click()
        expect(page.locator("#rows > li", has_text=name).locator(".state")).to_have_text("Có mặt")
    head = page.locator("#rows > li", has_text="Thủ trưởng Công an xã")
    head.locator("summary").click()
    head.get_by_label("Họ tên người dự thay").fill("Trần Văn Hải")
    head.get_by_label("Chức vụ").fill("Phó Trưởng Công an xã")
    head.get_by_label("Đã báo cáo Chủ tịch").check()
    head.get_by_role("button", name="Ghi").click()
    expect(page.locator("li", has_text="Thủ trưởng Công an xã")).to_contain_text(
        "Dự thay: Trần Văn Hải"
    )
    expect(page.locator("#counts")).to_contain_text("1/1")
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))

    page.goto(base + "/hoi-nghi/thu-ky/")
    for name in ("Lê Văn Một", "Đỗ Thị Hai", "Bùi Văn Ba"):
        page.locator("#queue summary").click()
        page.locator("#queue").get_by_label("Họ và tên").fill(name)
        page.locator("#queue").get_by_label("Thôn").select_option(index=1)
        page.locator("#queue").get_by_role("button", name="Thêm vào danh sách").click()
        expect(page.locator("#queue")).to_contain_text(name)

    speeches = [
        (
            "Đề nghị làm lại cống thoát nước đầu thôn.",
            "Chủ trì trả lời tại hội nghị",
            "Tháng 7 xã làm lại cống.",
            None,
        ),
        (
            "Trộm cắp xe máy xảy ra nhiều vào ban đêm.",
            "Cơ quan trả lời tại hội nghị",
            "Công an xã sẽ tuần tra ban đêm.",
            "Công an xã",
        ),
        ("Đề nghị hỗ trợ giống lúa cho vụ mùa.", "Trả lời sau hội nghị", "", None),
    ]
    for speaker, (text, mode, answer, unit) in zip(
        ("Lê Văn Một", "Đỗ Thị Hai", "Bùi Văn Ba"), speeches, strict=True
    ):
        page.locator("#queue").get_by_role("button", name="Mời người tiếp theo").click()
        form = page.locator(".console-form")
        expect(page.locator("#record h2")).to_contain_text(f"Đang phát biểu: {speaker}")
        form.get_by_label("Nội dung ý kiến (ghi đầy đủ)").fill(text)
        form.get_by_label("Lĩnh vực").select_option(
            label="Nông nghiệp" if "giống" in text else "Môi trường"
        )
        form.get_by_label(mode).check()
        if answer:
            form.get_by_label("Nội dung trả lời").fill(answer)
        if unit:
            form.get_by_label("Cơ quan trả lời", exact=True).select_option(label=unit)
        form.get_by_role("button", name="Lưu ý kiến").click()
        expect(page.locator("#record")).to_contain_text("Đã ghi: " + text[:30])
        expect(page.get_by_label("Nội dung ý kiến (ghi đầy đủ)")).to_be_focused()
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))

    first = page.locator("#recorded li", has_text="Đề nghị làm lại cống")
    first.locator("summary").click()
    first.get_by_label("Ý kiến tiếp sau khi nghe trả lời").fill("Đề nghị làm xong trước mùa mưa.")
    first.get_by_role("button", name="Lưu").click()
    expect(page.locator("#recorded")).to_contain_text(
        "Ý kiến tiếp: Đề nghị làm xong trước mùa mưa."
    )

    page.goto(base + "/hoi-nghi/bien-ban/")
    page.get_by_label("Kết luận của chủ trì").fill(
        "Giao Công an xã tăng cường tuần tra; các ý kiến còn lại trả lời bằng văn bản."
    )
    page.get_by_role("button", name="Lưu kết luận").click()
    page.get_by_role("button", name="Ban hành biên bản (vào sổ)").click()
    expect(page.locator("[role=status]")).to_contain_text(
        "Đã ban hành Biên bản hội nghị số 01/BB-UBND"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    text = pdf.body_text(download.value.path().read_bytes())

    for fact in (
        "Có mặt 5/5 đại biểu",
        "Trần Văn Hải (Phó Trưởng Công an xã) dự thay Thủ trưởng Công an xã",
        "đã báo cáo Chủ tịch UBND xã",
        "Ông/Bà Lê Văn Một",
        "Ông/Bà Đỗ Thị Hai",
        "Ông/Bà Bùi Văn Ba",
        "Chủ trì hội nghị trả lời: Tháng 7 xã làm lại cống.",
        "Đại diện Công an xã trả lời: Công an xã sẽ tuần tra ban đêm.",
        "tiếp thu, giao cơ quan chuyên môn trả lời sau hội nghị",
        "Ý kiến tiếp sau khi nghe trả lời: Đề nghị làm xong trước mùa mưa.",
        "Giao Công an xã tăng cường tuần tra",
        "Chủ trì hội nghị: Đồng chí Phạm Thị Thu Hiền",
    ):
        assert fact in text, fact
