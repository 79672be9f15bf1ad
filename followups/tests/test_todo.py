"""The start page is each role's to-do list: the next steps across the commune's running
dialogues, most urgent first, each leading to the page where it is done."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from followups import services
from followups.tests.conftest import Year
from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import Membership
from meetings.tests.factories import UnitFactory, make_plan
from opinions.models import Field, Opinion, SlipBatch

pytestmark = pytest.mark.django_db
AFTER_THE_MEETING = dt.datetime(2026, 6, 24, 9, tzinfo=dt.UTC)


def _todo(client, user) -> str:
    client.force_login(user)
    with time_machine.travel(AFTER_THE_MEETING, tick=False):
        return client.get(reverse("meetings:dashboard")).content.decode()


def _links(html: str) -> list[str]:
    import re  # noqa: PLC0415

    return re.findall(r'<a class="fw-semibold" href="([^"]+)">', html)


@pytest.fixture
def year():
    year = Year()
    services.decide(
        petition=year.petitions[0],
        outcome="assigned",
        by=year.chair,
        unit=year.unit,
        due_date=dt.date(2026, 6, 20),
    )
    services.edit_notice(
        notice=services.notice_for_change(year.plan),
        assessment="Hội nghị diễn ra dân chủ.",
        closing="Giao các cơ quan thực hiện.",
        by=year.office,
    )
    return year


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.CHAIR,
            [
                "Quyết định cách giải quyết 3 kiến nghị",
                "Duyệt dự thảo thông báo kết luận",
                "1 việc được giao đã quá hạn",
            ],
        ),
        (Role.AGENCY, ["Giải quyết và trả lời: Sửa đường trục thôn"]),
        (Role.OFFICE, ["Ban hành văn bản kế hoạch"]),
    ],
)
def test_each_role_sees_its_own_next_steps_and_each_leads_where_it_is_done(
    client, year, role, expected
):
    user = {Role.CHAIR: year.chair, Role.AGENCY: year.agency, Role.OFFICE: year.office}[role]

    html = _todo(client, user)

    for title in expected:
        assert title in html, title
    with time_machine.travel(AFTER_THE_MEETING, tick=False):
        statuses = {url: client.get(url).status_code for url in _links(html)}
    assert statuses and set(statuses.values()) == {200}, statuses


def test_the_most_urgent_comes_first(client, year):
    html = _todo(client, year.chair)

    late = html.index("1 việc được giao đã quá hạn")
    decide = html.index("Quyết định cách giải quyết")
    assert late < decide  # due 20/6, before the evaluation's 25/6
    assert "Quá hạn 4 ngày" in html


def test_a_role_never_sees_work_it_may_not_do(client, year):
    other_agency = UserFactory(commune=year.plan.commune, role=Role.AGENCY)
    html = _todo(client, other_agency)
    party = _todo(client, UserFactory(commune=year.plan.commune, role=Role.PARTY))

    assert "Sửa đường trục thôn" not in html
    assert "Không có việc nào đang chờ bạn." in html and "Quyết định" not in party


def test_the_chair_approves_the_notice_from_the_start_page(client, year):
    client.force_login(year.chair)

    with time_machine.travel(AFTER_THE_MEETING, tick=False):
        response = client.post(
            reverse("followups:notice-approve", args=[year.plan.public_id]) + "?next=/",
            follow=True,
        )

    assert response.redirect_chain[-1][0] == "/"
    assert "Đã duyệt thông báo kết luận" in response.content.decode()
    assert "Duyệt dự thảo thông báo" not in response.content.decode()
    assert services.notice_of(year.plan).is_approved


def test_archived_dialogues_sit_below_under_their_heading(client, year):
    from followups import archive  # noqa: PLC0415

    archive.carry_over_open_assignments(plan=year.plan, by=year.chair)
    archive.close(plan=year.plan, by=year.office, confirmed=True)

    html = _todo(client, year.agency)

    assert html.index("Đã lưu trữ") > html.index("Các cuộc đối thoại đang thực hiện")
    # Carried over, the agency's assignment is still on its list.
    assert "Giải quyết và trả lời: Sửa đường trục thôn" in html


@pytest.mark.parametrize("dialogues", [1, 50])
def test_the_to_do_list_costs_the_same_queries_for_1_or_50_dialogues(
    client, dialogues, django_assert_max_num_queries
):
    first = make_plan()
    commune = first.commune
    plans = [first] + [make_plan(commune) for _ in range(dialogues - 1)]
    field = Field.objects.filter(commune=commune).first()
    front = UserFactory(commune=commune, role=Role.FRONT)
    for plan in plans:
        SlipBatch.objects.create(plan=plan, village=plan.villages.first(), first_serial=1, count=5)
    Opinion.objects.bulk_create(
        Opinion(
            plan=plans[n % dialogues],
            village=plans[n % dialogues].villages.first(),
            text=f"Ý kiến {n}",
            kind="request",
            field=field,
        )
        for n in range(10_000)
    )
    agency = UserFactory(commune=commune, role=Role.AGENCY)
    Membership.objects.create(user=agency, unit=UnitFactory(commune=commune))

    for user in (
        front,
        UserFactory(commune=commune, role=Role.OFFICE),
        UserFactory(commune=commune, role=Role.CHAIR),
        agency,
    ):
        client.force_login(user)
        with (
            time_machine.travel(dt.datetime(2026, 6, 5, 9, tzinfo=dt.UTC), tick=False),
            django_assert_max_num_queries(22),
        ):
            response = client.get(reverse("meetings:dashboard"))
        assert response.status_code == 200
    assert "Tổng hợp" in _todo(client, front)


def test_the_front_sees_how_many_slips_to_type_and_opinions_to_merge_per_dialogue(client):
    from opinions import services as opinion_services  # noqa: PLC0415
    from opinions.models import OpinionKind  # noqa: PLC0415
    from opinions.tests.factories import field_named, make_slip  # noqa: PLC0415

    typing = make_plan()
    untouched = make_plan(typing.commune)
    front = UserFactory(commune=typing.commune, role=Role.FRONT)
    SlipBatch.objects.create(plan=typing, village=typing.villages.first(), first_serial=1, count=5)
    SlipBatch.objects.create(
        plan=untouched, village=untouched.villages.first(), first_serial=1, count=4
    )
    merged = make_slip(typing, 1, ["Sửa đường", "Lắp đèn"]).opinions.get(text="Sửa đường")
    make_slip(typing, 2, ["Tố cáo cán bộ"], kind=OpinionKind.DENUNCIATION)
    opinion_services.merge(
        plan=typing,
        opinions=[merged],
        text="Sửa đường",
        field=field_named(typing.commune),
        unit=None,
        by=front,
    )

    html = _todo(client, front)

    assert html.count("Nhập phiếu: còn 3 phiếu đã in chưa nhập") == 1
    assert html.count("Nhập phiếu: còn 4 phiếu đã in chưa nhập") == 1
    # "Lắp đèn" only: the merged one is in a petition, the denunciation is referred.
    assert html.count("Tổng hợp 1 ý kiến chưa vào kiến nghị nào") == 1
    assert html.count("ý kiến chưa vào kiến nghị nào") == 1


def _todo_and_sql(client, user) -> tuple[str, str]:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as queries:
        html = _todo(client, user)
    return html, "\n".join(query["sql"] for query in queries)


def test_the_office_is_told_of_slips_to_type_and_its_page_never_counts_opinions_to_merge(client):
    from opinions.tests.factories import make_slip  # noqa: PLC0415

    plan = make_plan()
    office = UserFactory(commune=plan.commune, role=Role.OFFICE)
    SlipBatch.objects.create(plan=plan, village=plan.villages.first(), first_serial=1, count=5)
    make_slip(plan, 1, ["Sửa đường", "Lắp đèn"])

    html, sql = _todo_and_sql(client, office)

    assert "Nhập phiếu: còn 4 phiếu đã in chưa nhập" in html
    # Only the Front merges: the office's start page does not read the opinions at all.
    assert "ý kiến chưa vào kiến nghị nào" not in html
    assert '"opinions_opinion".' not in sql


def test_typed_slips_are_counted_only_for_dialogues_whose_slips_were_printed(client):
    from opinions.tests.factories import make_slip  # noqa: PLC0415

    imported = make_plan()
    front = UserFactory(commune=imported.commune, role=Role.FRONT)
    make_slip(imported, 1, ["Sửa đường"])

    html, sql = _todo_and_sql(client, front)

    assert "Nhập phiếu" not in html
    assert "Tổng hợp 1 ý kiến chưa vào kiến nghị nào" in html
    assert '"opinions_opinionslip".' not in sql
