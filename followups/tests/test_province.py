"""The province: every commune's figures, read-only and without personal data; the periodic
reports upward; the same figures on the province's screen, its files and the commune's."""

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from followups import province_demo
from followups.figures import Period, figures
from followups.models import PeriodicReport
from followups.tests.test_dossier import finished  # noqa: F401  (the fixture)
from kesat_dialogue import tenancy
from kesat_dialogue.models import Commune, Paper, PaperCode, Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory, issue_paper
from meetings.schedule import MilestoneKind

pytestmark = pytest.mark.django_db
AFTER_THE_REPLIES = dt.datetime(2026, 7, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
YEAR = "?ky=nam&nam=2026"


@pytest.fixture
def reader(db):
    return UserFactory(commune=None, role="", reads_province=True, username="haiphong")


@pytest.fixture
def held(finished):  # noqa: F811
    """The Year's meeting held on its day; its four petitions assigned, due 30/6, unanswered."""
    meeting = finished.plan.milestones.get(kind=MilestoneKind.MEETING)
    meeting.done_at = dt.datetime(2026, 6, 18, 9, tzinfo=dt.UTC)
    meeting.save()
    return finished


def _province_pages(plan):
    paper = Paper.objects.filter(commune=plan.commune).exclude(code=PaperCode.MINUTES).first()
    return {
        "overview": reverse("followups:province") + YEAR,
        "xlsx": reverse("followups:province-xlsx") + YEAR,
        "pdf": reverse("followups:province-pdf") + YEAR,
        "commune": reverse("followups:province-commune", args=[plan.commune.slug]) + YEAR,
        "paper": reverse("followups:province-paper", args=[paper.public_id]),
    }


@pytest.mark.parametrize("role", list(Role))
def test_commune_roles_cannot_open_the_province_pages(client, held, role):
    client.force_login(UserFactory(commune=held.plan.commune, role=role))

    for name, url in _province_pages(held.plan).items():
        assert client.get(url).status_code == 403, name


def test_the_province_reads_its_pages_and_no_commune_page(client, held, reader):
    client.force_login(reader)
    plan, slip = held.plan, held.petitions[0].opinions.get().slip

    for name, url in _province_pages(plan).items():
        assert client.get(url).status_code == 200, name
    table = client.get(_province_pages(plan)["pdf"]).content
    assert [round(page.width) for page in pdf.layout(table)] == [297]  # one landscape A4
    assert client.get("/")["Location"] == reverse("followups:province")
    for url in (
        plan.get_absolute_url(),
        reverse("opinions:opinion-list", args=[plan.public_id]),
        reverse("opinions:slip-edit", args=[slip.public_id]),
        held.petitions[0].get_absolute_url(),
        reverse("opinions:export", args=[plan.public_id]),
        reverse("followups:periodic-report"),
        reverse("notifications"),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("followups:province")).status_code == 405  # read-only


def test_no_name_or_phone_reaches_the_province(client, held, reader):
    client.force_login(reader)
    plan = held.plan
    with time_machine.travel(AFTER_THE_REPLIES, tick=False):
        minutes = issue_paper(plan.commune, held.office, code=PaperCode.MINUTES)
        pages = _province_pages(plan)
        seen = []
        for name, url in pages.items():
            content = client.get(url).content
            if name in ("pdf", "paper"):
                seen.append(pdf.text(content))
            elif name == "xlsx":
                book = load_workbook(io.BytesIO(content))
                seen += [str(row) for sheet in book for row in sheet.values]
            else:
                seen.append(content.decode())
        refused = client.get(reverse("followups:province-paper", args=[minutes.public_id]))

    text = "\n".join(seen)
    assert plan.commune.name in text
    assert "Nguyễn Văn Bí Mật" not in text and "0912 345 678" not in text and "Xóm 9" not in text
    assert refused.status_code == 404  # the minutes name the speakers


def test_the_figures_are_those_counted_by_hand(held):
    with tenancy.all_communes("the test reads its world"):
        (row,) = figures(
            Commune.objects.filter(pk=held.plan.commune.pk),
            Period("nam", 2026),
            dt.date(2026, 7, 10),
        )

    (dialogue,) = row.dialogues
    assert (row.held, row.planned) == (1, 0)
    assert (dialogue.opinions, dialogue.petitions, dialogue.assigned) == (4, 4, 4)
    assert (dialogue.escalated, dialogue.resolved) == (0, 0)
    assert dict(dialogue.late_by_kind) == {"agency": 4}  # all four due 30/6, unanswered
    # The conclusion notice was issued on the day the fixture ran, long after its 25/6 due.
    assert dialogue.clocks["notice"] == "missed"
    assert dialogue.clocks["announced"] == "missed"  # never marked done, its day is past


def test_a_period_holds_the_dialogues_whose_meeting_falls_in_it(held):
    with tenancy.all_communes("the test reads its world"):
        communes = Commune.objects.filter(pk=held.plan.commune.pk)
        first_quarter = figures(communes, Period("quy-1", 2026), dt.date(2026, 7, 10))
        six_months = figures(communes, Period("6-thang", 2026), dt.date(2026, 7, 10))
        june = figures(communes, Period("thang", 2026, 6), dt.date(2026, 7, 10))

    assert [len(r.dialogues) for r in (*first_quarter, *six_months, *june)] == [0, 1, 1]
    assert Period("9-thang", 2026).end == dt.date(2026, 9, 30)
    assert Period("thang", 2026, 2).end == dt.date(2026, 2, 28)
    assert Period.from_query(
        {"ky": "thang", "nam": "2026", "thang": "13"}, dt.date(2026, 12, 4)
    ) == Period("nam", 2026)


def test_the_screen_the_workbook_and_the_commune_agree(client, held, reader):
    office = held.office
    with time_machine.travel(AFTER_THE_REPLIES, tick=False):
        client.force_login(reader)
        screen = client.get(reverse("followups:province") + YEAR).content.decode()
        book = load_workbook(
            io.BytesIO(client.get(reverse("followups:province-xlsx") + YEAR).content)
        )
        client.force_login(office)
        own = client.get(reverse("followups:periodic-report") + YEAR).content.decode()

    name = held.plan.commune.name
    (workbook_row,) = [r for r in book["Tong hop"].values if r[0] == name]
    # held, planned, invited, present, opinions, petitions, answered, assigned, escalated,
    # resolved, late, clocks missed
    assert list(workbook_row[1:]) == [1, 0, 0, 0, 4, 4, 0, 4, 0, 0, 4, workbook_row[-1]]
    assert workbook_row[-1] >= 2
    row = screen[screen.index(name) :]
    cells = [c.split("<")[0] for c in row.split('<td class="text-end">')[1:13]]
    assert cells == [str(v) for v in workbook_row[1:]]
    assert "4 ý kiến" in own and "giao 4" in own and "4 việc quá hạn" in own


def test_the_office_issues_its_report_upward_once(client, held, reader):
    client.force_login(held.front)
    assert (
        client.post(
            reverse("followups:periodic-report-issue"), {"ky": "6-thang", "nam": "2026"}
        ).status_code
        == 403
    )
    client.force_login(held.office)
    with time_machine.travel(AFTER_THE_REPLIES, tick=False):
        first = client.post(
            reverse("followups:periodic-report-issue"),
            {"ky": "6-thang", "nam": "2026"},
            follow=True,
        )
        again = client.post(
            reverse("followups:periodic-report-issue"),
            {"ky": "6-thang", "nam": "2026"},
            follow=True,
        )
    report = PeriodicReport.objects.get()
    assert "Đã ban hành Báo cáo số 01/BC-UBND 6 tháng đầu năm 2026" in first.content.decode()
    assert "đã được ban hành" in again.content.decode()
    paper = bytes(report.paper.pdf)
    text = pdf.text(paper)
    assert all(font["embedded"] for font in pdf.fonts(paper))
    assert {round(page.width) for page in pdf.layout(paper)} == {210}
    assert (
        "6 tháng đầu năm 2026" in text and "Sở Nội vụ" in text and "Nguyễn Văn Bí Mật" not in text
    )
    client.force_login(reader)
    overview = client.get(reverse("followups:province") + "?ky=6-thang&nam=2026").content.decode()
    assert reverse("followups:province-paper", args=[report.paper.public_id]) in overview


def _overview_queries(client, count: int) -> int:
    with tenancy.all_communes("the test builds its province"):
        province_demo.populate(
            count, year=2026, today=dt.date(2026, 12, 1), villages=4, slug_prefix=f"q{count}"
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("followups:province") + YEAR)
    assert response.status_code == 200
    return len(queries)


def test_the_overview_costs_the_same_queries_for_2_and_12_communes(client, reader):
    client.force_login(reader)
    two = _overview_queries(client, 2)
    twelve = _overview_queries(client, 10)  # 2 + 10 = 12 communes

    assert two == twelve <= 15


def test_the_overview_is_kept_for_minutes_and_says_when_it_was_computed(
    client, held, reader, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PROVINCE_FIGURES_SECONDS = 300
    client.force_login(reader)
    url = reverse("followups:province") + YEAR
    hcm = dt.timezone(dt.timedelta(hours=7))

    with time_machine.travel(dt.datetime(2026, 7, 10, 9, 0, tzinfo=hcm), tick=False):
        first = client.get(url).content.decode()
    Commune.objects.create(name="Xã Mới Lập", slug="moi-lap")
    with (
        time_machine.travel(dt.datetime(2026, 7, 10, 9, 4, tzinfo=hcm), tick=False),
        CaptureQueriesContext(connection) as kept_queries,
    ):
        kept = client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2026, 7, 10, 9, 6, tzinfo=hcm), tick=False):
        later = client.get(url).content.decode()

    assert "Số liệu tính lúc 09:00 ngày 10/07/2026; bảng tính lại sau mỗi 5 phút." in first
    assert "Xã Mới Lập" not in kept and "Số liệu tính lúc 09:00" in kept
    assert not [q for q in kept_queries.captured_queries if "meetings_dialogueplan" in q["sql"]]
    assert "Xã Mới Lập" in later and "Số liệu tính lúc 09:06" in later
