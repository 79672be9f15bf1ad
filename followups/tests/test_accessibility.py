"""Every page as every demo role meets it in a real browser, checked with axe-core (WCAG 2.1
A and AA): no critical and no serious violation anywhere, public pages included."""

import re
import urllib.parse
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from kesat_dialogue.models import User
from kesat_dialogue.tests import a11y

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NUMBER = re.compile(r"/\d+(?=/|$)")
# Files, not pages; and the way out.
NOT_PAGES = (".pdf", ".xlsx", ".docx", ".zip", "/tep/", "/dang-xuat/", "/quan-tri/", "/static/")


def _shape(path: str) -> str:
    return NUMBER.sub("/<n>", UUID.sub("<id>", path))


def _walk(page, base, start="/"):
    """Every kind of page reachable by links from ``start``, each checked once."""
    queue, seen, shapes, found = [start], {start}, Counter(), {}
    while queue:
        path = queue.pop(0)
        page.goto(base + path)
        problems = a11y.violations(page)
        if problems:
            found[path] = a11y.describe(problems)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urllib.parse.urlsplit(href)
            if not href.startswith(base) or parts.path.endswith(NOT_PAGES):
                continue
            if any(marker in parts.path for marker in NOT_PAGES):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local in seen or shapes[_shape(parts.path)]:
                continue
            seen.add(local)
            shapes[_shape(parts.path)] += 1
            queue.append(local)
    return len(seen), found


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_every_page_of_every_role_is_accessible(live_server, browser, demo, settings):
    readers = Q(reads_province=True) | ~Q(role="")
    usernames = list(
        User.objects.filter(readers, is_active=True)
        .order_by("username")
        .values_list("username", flat=True)
    )
    report, walked = {}, {}
    for username in [None, *usernames]:
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        if username is None:  # a villager: the public pages
            walked["công khai"], found = _walk(page, live_server.url, "/cong-khai/")
        else:
            page.goto(live_server.url + "/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill(username)
            page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url: "/dang-nhap/" not in url)
            walked[username], found = _walk(page, live_server.url)
        report.update({f"{username or 'công khai'} {path}": text for path, text in found.items()})
        context.close()
    print(walked)

    assert min(walked.values()) >= 5, walked
    assert not report, "\n\n".join(f"{where}\n{text}" for where, text in report.items())
