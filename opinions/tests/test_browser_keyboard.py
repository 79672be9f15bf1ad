"""The meeting desk by keyboard, in Chromium: the programme drives the projector, attendance
is marked row after row without the mouse, and focus always lands where work goes on."""

import re

import pytest
from playwright.sync_api import expect

from kesat_dialogue.models import Role
from kesat_dialogue.tests import a11y
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import Participant
from meetings.tests.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "matkhau-thu-2026"


def _named(action, what):
    """A button's accessible name: its visible word, then (for screen readers) what it acts on."""
    return re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(what)}$")


@pytest.fixture
def desk(live_server, page):
    plan = make_plan()
    UserFactory(commune=plan.commune, role=Role.OFFICE, username="thuky")
    for order in range(10):
        Participant.objects.create(
            plan=plan,
            category="resident",
            name=f"Đại biểu số {order + 1}",
            position="Đại diện hộ dân",
            village=plan.villages.first(),
            order=order,
        )
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thuky")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Việc cần làm")
    return plan, f"{live_server.url}/ke-hoach/{plan.public_id}"


def test_starting_an_agenda_item_updates_the_console_in_place_and_the_projector(page, desk):
    plan, base = desk
    page.goto(base + "/hoi-nghi/thu-ky/")

    page.get_by_role(
        "button", name=_named("Bắt đầu", "Quán triệt nội quy tiếp xúc, đối thoại")
    ).click()

    queue = page.locator("#queue")
    expect(queue.locator("li.fw-bold")).to_have_text(
        "Quán triệt nội quy tiếp xúc, đối thoại (đang diễn ra)"
    )
    expect(page.locator("h1")).to_have_count(1)  # no other page pasted into the console
    expect(page.get_by_label("Nội dung ý kiến (ghi đầy đủ)")).to_be_focused()
    assert plan.agenda.get(is_current=True).title == "Quán triệt nội quy tiếp xúc, đối thoại"
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))
    page.goto(base + "/hoi-nghi/man-chieu/")
    expect(page.locator("#screen")).to_contain_text("Quán triệt nội quy tiếp xúc, đối thoại")


def test_ten_delegates_are_marked_present_with_the_keyboard_alone(page, desk):
    plan, base = desk
    page.goto(base + "/diem-danh/")
    page.get_by_role("button", name=_named("Có mặt", "Đại biểu số 1")).focus()

    for number in range(1, 11):
        name = f"Đại biểu số {number}"
        expect(page.get_by_role("button", name=_named("Có mặt", name))).to_be_focused()
        page.keyboard.press("Enter")
        row = page.locator("#rows > li").filter(has=page.get_by_text(name, exact=True))
        expect(row.locator(".state")).to_have_text("Có mặt")

    assert Participant.objects.filter(plan=plan, attendance="present").count() == 10
    expect(page.locator("#counts")).to_contain_text("10/10")
    assert not a11y.violations(page), a11y.describe(a11y.violations(page))
