"""The start page in Chromium: each demo role's first to-do item leads where the work is
done, and the chairman approves a drafted notice without leaving it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from followups import services
from kesat_dialogue.models import User
from kesat_dialogue.tests import a11y
from meetings import demo as meetings_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    second = meetings_demo.second_cluster_plan()
    services.edit_notice(
        notice=services.notice_for_change(second),
        assessment="Hội nghị diễn ra dân chủ, cởi mở.",
        closing="Giao các cơ quan, đơn vị tổ chức thực hiện.",
        by=User.objects.get(username="vanphong"),
    )
    return second


def _log_in(page, base, username, password):
    page.goto(base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Việc cần làm")


# Where each role's first item leads: a page whose heading says so.
FIRST_ITEM_LANDS_ON = {
    "vanphong": "Đối thoại năm 2026 – Ngọc Mai",  # issue the plan: its page
    "mattran": "Báo cáo tổng hợp",
    "chutich": "Thư ký ghi hội nghị",  # the meeting comes first: its console
    "diachinh": "Trả lời",
}


@pytest.mark.parametrize("username", list(FIRST_ITEM_LANDS_ON))
def test_each_roles_first_to_do_item_leads_where_it_is_done(
    live_server, page, demo, settings, username
):
    _log_in(page, live_server.url, username, settings.DEMO_PASSWORD)
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))
    first = page.locator("ol.todo > li").first.locator("a.fw-semibold")
    href = first.get_attribute("href")

    first.click()

    expect(page).to_have_url(re.compile(re.escape(href.split("?")[0])))
    expect(page.locator("h1")).to_contain_text(FIRST_ITEM_LANDS_ON[username])


def test_the_chairman_approves_the_notice_from_the_start_page(live_server, page, demo, settings):
    _log_in(page, live_server.url, "chutich", settings.DEMO_PASSWORD)
    item = page.locator("ol.todo > li", has_text="Duyệt dự thảo thông báo kết luận")

    item.get_by_role("button", name=re.compile("^Duyệt thông báo")).click()

    expect(page.locator("h1")).to_have_text("Việc cần làm")
    expect(page.locator("[role=status]")).to_contain_text("Đã duyệt thông báo kết luận")
    expect(page.locator("ol.todo")).not_to_contain_text("Duyệt dự thảo thông báo kết luận")
    assert services.notice_of(demo).is_approved
