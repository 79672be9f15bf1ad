import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from kesat_dialogue.models import PaperCode, Role
from kesat_dialogue.tests.factories import CommuneFactory, UserFactory, issue_paper

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _issue(commune, user, code, subject, when):
    with time_machine.travel(when, tick=False):
        return issue_paper(commune, user, code, subject)


@pytest.fixture
def office():
    return UserFactory(commune=CommuneFactory(), role=Role.OFFICE, full_name="Nguyễn Thị Lan")


@pytest.fixture
def register(office):
    may = dt.datetime(2026, 5, 20, 9, tzinfo=HCM)
    return [
        _issue(office.commune, office, PaperCode.PLAN, "Kế hoạch đối thoại năm 2026", may),
        _issue(office.commune, office, PaperCode.NOTICE, "Thông báo kết luận hội nghị", may),
        _issue(
            office.commune,
            office,
            PaperCode.PLAN,
            "Kế hoạch năm 2025",
            dt.datetime(2025, 5, 20, 9, tzinfo=HCM),
        ),
    ]


def test_the_office_sees_the_years_register_with_who_issued_what(client, office, register):
    stranger = UserFactory(role=Role.OFFICE)
    _issue(
        stranger.commune,
        stranger,
        PaperCode.PLAN,
        "Kế hoạch của xã khác",
        dt.datetime(2026, 5, 21, 9, tzinfo=HCM),
    )
    client.force_login(office)

    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=HCM), tick=False):
        html = client.get(reverse("register")).content.decode()

    assert "01/KH-UBND" in html and "01/TB-UBND" in html
    assert "Kế hoạch đối thoại năm 2026" in html and "20/05/2026" in html
    assert "Nguyễn Thị Lan" in html
    assert "Kế hoạch năm 2025" not in html
    assert "Kế hoạch của xã khác" not in html


def test_the_register_filters_by_year_code_and_subject(client, office, register):
    client.force_login(office)

    by_year = client.get(reverse("register"), {"year": 2025}).content.decode()
    by_code = client.get(reverse("register"), {"year": 2026, "code": "TB"}).content.decode()
    by_text = client.get(reverse("register"), {"year": 2026, "q": "đối thoại"}).content.decode()

    assert "Kế hoạch năm 2025" in by_year and "Thông báo kết luận" not in by_year
    assert "Thông báo kết luận" in by_code and "Kế hoạch đối thoại" not in by_code
    assert "Kế hoạch đối thoại năm 2026" in by_text and "Thông báo kết luận" not in by_text


def test_a_bad_filter_gets_a_message_not_an_error(client, office, register):
    client.force_login(office)

    response = client.get(reverse("register"), {"year": "hai nghìn", "code": "XX"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Năm phải là một số, ví dụ 2026." in html
    assert "Loại văn bản không có trong danh sách" in html
    assert 'value="hai nghìn"' in html


def test_downloading_from_the_register_returns_the_stored_bytes(client, office, register):
    client.force_login(office)

    response = client.get(reverse("paper-download", args=[register[0].public_id]))

    assert response.content == bytes(register[0].pdf)
    assert 'filename="KH-UBND-01-2026.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("size", [2, 12])
def test_register_queries_do_not_grow_with_papers(
    client, office, size, django_assert_max_num_queries
):
    for n in range(size):
        _issue(
            office.commune,
            office,
            PaperCode.REPORT,
            f"Báo cáo {n}",
            dt.datetime(2026, 7, 1, 9, tzinfo=HCM),
        )
    client.force_login(office)

    august = dt.datetime(2026, 8, 1, 9, tzinfo=HCM)
    with time_machine.travel(august, tick=False), django_assert_max_num_queries(8):
        html = client.get(reverse("register")).content.decode()

    assert html.count("Tải PDF") == size
