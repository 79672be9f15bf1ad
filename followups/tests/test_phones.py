"""A cheap phone, 360 px wide: the village head's posting page and every agency and public page
fit without sideways scrolling or cut-off buttons, and public tap targets are 44 px."""

from io import StringIO

import pytest
from django.core.management import call_command

from followups.models import Assignment
from meetings import demo as meetings_demo
from opinions.models import OpinionSlip, Petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}

# Everything a reader can reach that sticks out of the screen, or is too small to tap.
MEASURE = """(minTap) => {
  const width = document.documentElement.clientWidth;
  const out = [], small = [];
  const all = "a, button, input, select, textarea, summary, table";
  for (const el of document.querySelectorAll(all)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") continue;
    if (el.closest(".visually-hidden, .visually-hidden-focusable")) continue;
    const label = (el.innerText || el.value || el.name || el.tagName).trim().slice(0, 40);
    if (box.right > width + 1 && !el.closest(".table-responsive")) out.push(label);
    const tooSmall = box.height < minTap || box.width < minTap;
    if (minTap && el.tagName !== "TABLE" && tooSmall) {
      small.push(label + " " + Math.round(box.width) + "x" + Math.round(box.height));
    }
  }
  return {scroll: document.documentElement.scrollWidth - width, out, small};
}"""


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def _phone(browser, live_server, username=None, password=""):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    if username:
        page.goto(live_server.url + "/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + "/")
    return page


def _problems(page, url, min_tap=0):
    page.goto(url)
    found = page.evaluate(MEASURE, min_tap)
    return {k: v for k, v in found.items() if v}


def test_public_pages_fit_a_phone_and_are_easy_to_tap(live_server, browser, demo):
    seed = meetings_demo.seed_plan()
    code = OpinionSlip.objects.filter(plan=seed).first().receipt_code
    page = _phone(browser, live_server)
    base = live_server.url
    urls = [
        f"{base}/cong-khai/",
        f"{base}/cong-khai/ke-sat/",
        base + seed.get_public_url(),
        f"{base}/cong-khai/ke-sat/tra-cuu/?ma={code}",
    ]

    problems = {url: _problems(page, url, min_tap=44) for url in urls}

    bad = {url: p for url, p in problems.items() if p}
    assert bad == {}, "\n".join(f"{u}: {p}" for u, p in bad.items())


def test_the_village_head_and_the_agency_work_on_a_phone(live_server, browser, demo, settings):
    seed = meetings_demo.seed_plan()
    base = live_server.url
    village = _phone(browser, live_server, "quangoi", settings.DEMO_PASSWORD)
    agency = _phone(browser, live_server, "diachinh", settings.DEMO_PASSWORD)
    assignment = Assignment.objects.filter(unit__name="Bộ phận Địa chính - Xây dựng").first()
    petition = Petition.objects.filter(unit__name="Bộ phận Địa chính - Xây dựng").first()

    problems = {
        "niêm yết": _problems(village, f"{base}/ke-hoach/{seed.public_id}/niem-yet/"),
        "việc cần làm (thôn)": _problems(village, base + "/"),
        "việc cần làm": _problems(agency, base + "/"),
        "việc được giao": _problems(agency, base + "/viec-duoc-giao/"),
        "kiến nghị cần trả lời": _problems(agency, base + "/tra-loi/"),
        "việc": _problems(agency, f"{base}/giao-viec/{assignment.public_id}/"),
        "kiến nghị": _problems(agency, f"{base}/kien-nghi/{petition.public_id}/"),
    }

    assert {page: p for page, p in problems.items() if p} == {}
