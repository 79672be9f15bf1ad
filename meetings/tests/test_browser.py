"""The main journey of the foundation, in a real Chromium."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from meetings.tests.factories import reopen_demo_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    reopen_demo_year()


def test_office_logs_in_sees_the_steps_and_moves_a_due_date(live_server, page, demo, settings):
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("link", name="Đối thoại năm 2026 – Quán Gỏi").click()
    timeline = page.locator("#timeline")
    expect(page.locator("h1")).to_contain_text("Đối thoại năm 2026 – Quán Gỏi, Phương Độ")
    expect(timeline.locator("#buoc-synthesis")).to_contain_text("10/06/2026")
    expect(timeline.locator("li")).to_have_count(10)

    page.get_by_role("link", name="Sửa kế hoạch").click()
    field = page.get_by_label("Hạn: MTTQ gửi báo cáo tổng hợp, phân loại ý kiến, kiến nghị")
    field.fill("09/06/2026")
    page.get_by_role("button", name="Lưu kế hoạch").click()

    expect(page.locator("[role=status]")).to_contain_text("Đã lưu kế hoạch.")
    expect(page.locator("#buoc-synthesis")).to_contain_text("09/06/2026")


def test_the_timeline_updates_in_place_when_a_step_is_marked_done(live_server, page, settings):
    from kesat_dialogue.models import Role
    from kesat_dialogue.tests.factories import UserFactory
    from meetings.tests.factories import make_plan

    plan = make_plan()
    user = UserFactory(commune=plan.commune, role=Role.OFFICE, username="vp")
    user.set_password("matkhau-thu-2026")
    user.save()
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vp")
    page.get_by_label("Mật khẩu").fill("matkhau-thu-2026")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Việc cần làm")
    page.goto(live_server.url + plan.get_absolute_url())

    row = page.locator("#buoc-form_ready")
    row.get_by_role("button", name="Đánh dấu đã xong").click()

    expect(page.locator("#buoc-form_ready")).to_contain_text("Đã xong")
    expect(page.locator("#buoc-form_ready").get_by_role("button")).to_contain_text("Bỏ đánh dấu")
    assert plan.milestones.get(kind="form_ready").done_by == user


@pytest.fixture
def demo_as_loaded(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_the_next_year_starts_from_the_archived_seed_dialogue(
    live_server, page, demo_as_loaded, settings
):
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    archived = page.get_by_role("region", name="Đã lưu trữ")
    expect(archived).to_contain_text("Đối thoại năm 2026 – Quán Gỏi, Phương Độ")

    archived.get_by_role("link", name="Sao chép cuộc đối thoại năm 2026 – Quán Gỏi").click()
    expect(page.get_by_label("Năm của cuộc đối thoại mới")).to_have_value("2027")
    page.get_by_role("button", name="Tạo bản sao").click()
    expect(page.locator("[role=status]")).to_contain_text("Đã tạo dự thảo kế hoạch")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.get_by_role("link", name="Việc cần làm").click()

    running = page.get_by_role("region", name="Các cuộc đối thoại đang thực hiện")
    expect(running).to_contain_text("Đối thoại năm 2027 – Quán Gỏi, Phương Độ")
    expect(running).to_contain_text("hội nghị 18/06/2027")
    expect(running).to_contain_text("Đối thoại năm 2026 – Ngọc Mai, An Lạc")
    archived = page.get_by_role("region", name="Đã lưu trữ")
    expect(archived).to_contain_text("Đối thoại năm 2026 – Quán Gỏi, Phương Độ")
