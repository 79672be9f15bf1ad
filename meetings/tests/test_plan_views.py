import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import CommuneFactory, UserFactory
from meetings import plan_texts
from meetings.forms import PlanForm
from meetings.models import DialoguePlan, PlanStatus
from meetings.schedule import MilestoneKind
from meetings.tests.factories import VillageFactory, make_plan

pytestmark = pytest.mark.django_db


def _form_data(plan, **changes):
    """What the edit form posts back when nothing is touched."""
    data = {
        "year": plan.year,
        "plan_date": plan.plan_date.strftime("%d/%m/%Y"),
        "villages": [v.pk for v in plan.villages.all()],
        "chairman": "",
        "vice_chairman": "",
        "meeting_date": plan.meeting_date.strftime("%d/%m/%Y"),
        **{
            f"due_{kind}": day.strftime("%d/%m/%Y")
            for kind, day in plan.due_dates().items()
            if kind != MilestoneKind.MEETING
        },
    }
    for field in PlanForm._meta.fields:
        if field in data:
            continue
        value = getattr(plan, field)
        data[field] = "" if value is None else value
    data.update(changes)
    return data


@pytest.fixture
def office(db):
    return UserFactory(role=Role.OFFICE)


@pytest.fixture
def plan(office):
    return make_plan(office.commune)


def test_office_moves_a_due_date_and_the_plan_shows_it(client, office, plan):
    client.force_login(office)

    response = client.post(
        reverse("meetings:plan-edit", args=[plan.public_id]),
        _form_data(plan, due_synthesis="09/06/2026"),
    )

    assert response.status_code == 302
    assert plan.milestones.get(kind=MilestoneKind.SYNTHESIS).due_date == dt.date(2026, 6, 9)
    assert "09/06/2026" in client.get(plan.get_absolute_url()).content.decode()


def test_a_step_due_after_the_next_one_is_refused_and_the_input_kept(client, office, plan):
    client.force_login(office)

    response = client.post(
        reverse("meetings:plan-edit", args=[plan.public_id]),
        _form_data(plan, due_synthesis="16/06/2026", title="Tiêu đề mới đã gõ"),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "muộn hơn hạn của bước tiếp theo" in html
    assert 'value="16/06/2026"' in html
    assert "Tiêu đề mới đã gõ" in html
    assert plan.milestones.get(kind=MilestoneKind.SYNTHESIS).due_date == dt.date(2026, 6, 10)


def test_a_meeting_date_outside_the_plan_year_is_refused(client, office, plan):
    client.force_login(office)

    response = client.post(
        reverse("meetings:plan-edit", args=[plan.public_id]),
        _form_data(plan, meeting_date="18/06/2027"),
    )

    assert "không thuộc năm 2026 của kế hoạch" in response.content.decode()
    plan.refresh_from_db()
    assert plan.meeting_date == dt.date(2026, 6, 18)


def test_an_empty_required_text_is_refused_next_to_its_field(client, office, plan):
    client.force_login(office)

    response = client.post(
        reverse("meetings:plan-edit", args=[plan.public_id]), _form_data(plan, purpose="  ")
    )

    html = response.content.decode()
    assert "Trường này là bắt buộc" in html
    assert "id_purpose" in html and "is-invalid" in html
    plan.refresh_from_db()
    assert plan.purpose == plan_texts.PURPOSE


def test_a_new_plan_takes_its_step_dates_from_the_meeting_date(client, office):
    villages = [VillageFactory(commune=office.commune) for _ in range(3)]
    client.force_login(office)
    blank = make_plan(CommuneFactory(), year=2026)  # only to build the posted texts
    data = _form_data(blank, villages=[v.pk for v in villages[:2]], meeting_date="18/06/2026")
    for key in list(data):
        if key.startswith("due_"):
            data[key] = ""

    response = client.post(reverse("meetings:plan-create"), data)

    plan = DialoguePlan.objects.get(commune=office.commune)
    assert response.url == plan.get_absolute_url()
    assert plan.due_dates()[MilestoneKind.FORM_READY] == dt.date(2026, 6, 1)
    assert plan.due_dates()[MilestoneKind.AGENCY_REPLIES] == dt.date(2026, 6, 30)
    assert set(plan.villages.all()) == set(villages[:2])


def test_the_plan_form_offers_only_the_communes_own_villages(client, office, plan):
    foreign = VillageFactory(name="Thôn Của Xã Khác")
    client.force_login(office)

    html = client.get(reverse("meetings:plan-edit", args=[plan.public_id])).content.decode()

    assert foreign.name not in html
    assert plan.villages.first().name in html


def test_copy_moves_every_date_with_the_meeting_and_keeps_villages(client, office, plan):
    client.force_login(office)
    url = reverse("meetings:plan-copy", args=[plan.public_id])

    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC), tick=False):
        form = client.get(url).content.decode()
        response = client.post(url, {"year": "2027", "meeting_date": "17/06/2027"})

    copy = DialoguePlan.objects.get(commune=office.commune, year=2027)
    assert 'name="year" value="2027"' in form and 'value="18/06/2027"' in form
    assert response.url == reverse("meetings:plan-edit", args=[copy.public_id])
    assert copy.due_dates()[MilestoneKind.SYNTHESIS] == dt.date(2027, 6, 9)
    assert copy.meeting_date == dt.date(2027, 6, 17)
    assert set(copy.villages.all()) == set(plan.villages.all())
    assert copy.title.endswith("năm 2027")
    assert copy.status == "draft" and not any(m.is_done for m in copy.milestones.all())
    assert (copy.number, plan.number) == (1, 1)


def test_a_copy_for_the_same_villages_in_a_year_that_has_them_asks_first(client, office, plan):
    client.force_login(office)
    url = reverse("meetings:plan-copy", args=[plan.public_id])
    client.post(url, {"year": "2027", "meeting_date": "18/06/2027"})

    asked = client.post(url, {"year": "2027", "meeting_date": "20/08/2027"})
    confirmed = client.post(
        url, {"year": "2027", "meeting_date": "20/08/2027", "confirm_same_villages": "on"}
    )

    assert asked.status_code == 400
    assert "Năm 2027 đã có cuộc đối thoại cho đúng các thôn này" in asked.content.decode()
    assert 'value="20/08/2027"' in asked.content.decode()
    assert confirmed.status_code == 302
    numbers = DialoguePlan.objects.filter(commune=office.commune, year=2027).values_list(
        "number", flat=True
    )
    assert sorted(numbers) == [1, 2]


def test_the_owner_marks_a_step_done_and_who_is_kept(client, office, plan):
    front = UserFactory(commune=office.commune, role=Role.FRONT)
    client.force_login(front)

    client.post(reverse("meetings:milestone-complete", args=[plan.public_id, "synthesis"]))

    milestone = plan.milestones.get(kind=MilestoneKind.SYNTHESIS)
    assert milestone.done_by == front and milestone.done_at is not None
    assert "Đã xong" in client.get(plan.get_absolute_url()).content.decode()


def test_marking_done_through_htmx_returns_the_timeline_fragment(client, office, plan):
    client.force_login(office)

    response = client.post(
        reverse("meetings:milestone-complete", args=[plan.public_id, "form_ready"]),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="timeline"')
    assert "<html" not in html
    assert plan.milestones.get(kind=MilestoneKind.FORM_READY).is_done


def test_another_role_cannot_mark_the_step_done(client, office, plan):
    client.force_login(office)

    response = client.post(
        reverse("meetings:milestone-complete", args=[plan.public_id, "synthesis"])
    )

    assert response.status_code == 403
    assert "Chỉ bộ phận phụ trách" in response.content.decode()
    assert not plan.milestones.get(kind=MilestoneKind.SYNTHESIS).is_done


def test_plan_with_law_breaking_dates_shows_a_warning_naming_the_rule(client, office):
    plan = make_plan(office.commune, due_dates={MilestoneKind.ANNOUNCEMENT: dt.date(2026, 6, 15)})
    client.force_login(office)

    html = client.get(plan.get_absolute_url()).content.decode()

    assert "Luật Tổ chức chính quyền địa phương 2025, Điều 43" in html
    assert "ít nhất 7 ngày trước hội nghị" in html


@pytest.mark.parametrize("size", [1, 6])
def test_plan_list_queries_do_not_grow_with_plans(
    client, office, django_assert_max_num_queries, size
):
    for year in range(2020, 2020 + size):
        make_plan(office.commune, year=year, meeting_date=dt.date(year, 6, 18))
    client.force_login(office)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("meetings:plan-list"))

    assert response.content.decode().count("/ke-hoach/") >= size


@pytest.mark.parametrize("villages", [1, 12])
def test_dashboard_queries_do_not_grow_with_villages(
    client, office, django_assert_max_num_queries, villages
):
    make_plan(
        office.commune, villages=[VillageFactory(commune=office.commune) for _ in range(villages)]
    )
    client.force_login(office)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("meetings:dashboard"))

    assert "Các cuộc đối thoại đang thực hiện" in response.content.decode()


@pytest.mark.parametrize("archived", [1, 6])
def test_dashboard_queries_do_not_grow_with_archived_dialogues(
    client, office, django_assert_max_num_queries, archived
):
    make_plan(office.commune, year=2026)
    for year in range(2026 - archived, 2026):
        old = make_plan(office.commune, year=year, meeting_date=dt.date(year, 6, 18))
        old.status = PlanStatus.ARCHIVED
        old.save()
    client.force_login(office)

    with django_assert_max_num_queries(16):
        response = client.get(reverse("meetings:dashboard"))

    page = response.content.decode()
    assert page.count("Hội nghị 18/06/") == archived
