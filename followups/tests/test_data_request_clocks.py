"""A request's clocks in working days (2 to acknowledge, 15 or 20 to finish, one extension),
its reminders in the daily sweep, and its place on the office's to-do list."""

import datetime as dt

import pytest
from django.urls import reverse

from followups import reminders
from kesat_dialogue.models import Notification, Role
from kesat_dialogue.tests.factories import UserFactory
from kesat_dialogue.workdays import WorkCalendar
from meetings.tests.factories import make_plan
from opinions import data_requests
from opinions.models import DataRequest

pytestmark = pytest.mark.django_db
BEFORE_TET = dt.date(2026, 2, 12)  # a Thursday; Tết 2026 is off from 14 to 22/2


@pytest.fixture
def office(db):
    return UserFactory(commune=make_plan().commune, role=Role.OFFICE)


def _register(office, received_on=BEFORE_TET, **fields) -> DataRequest:
    request = DataRequest(
        kind="erase", person_name="Trần Thị Lan", received_on=received_on, **fields
    )
    return data_requests.register(
        request, commune=office.commune, by=office, calendar=WorkCalendar()
    )


def test_the_clocks_count_working_days_across_tet(office):
    request = _register(office)
    with_agency = _register(office, needs_agency=True)

    assert (request.number, with_agency.number) == (1, 2)
    assert request.ack_due == dt.date(2026, 2, 23)  # Friday 13/2, then Monday after Tết
    assert request.due_on == dt.date(2026, 3, 12)
    assert with_agency.due_on == dt.date(2026, 3, 19)


def test_the_clocks_skip_2_9_and_its_adjacent_day(office):
    request = _register(office, received_on=dt.date(2026, 8, 28))  # Friday before 1-2/9

    # 31/8 off in exchange for Saturday 22/8, then 1/9 and 2/9: Thursday 3/9 is the first.
    assert request.ack_due == dt.date(2026, 9, 4)


def test_a_request_is_extended_once_and_only_with_a_reason(client, office):
    request = _register(office)
    client.force_login(office)
    url = reverse("opinions:data-request-extend", args=[request.public_id])

    without_reason = client.post(url, {"reason": ""})
    client.post(url, {"reason": "Chờ Công an xã xác minh"})
    again = client.post(url, {"reason": "Chờ thêm"}, follow=True)

    request.refresh_from_db()
    assert without_reason.status_code == 400
    assert "Gia hạn phải nêu lý do" in without_reason.content.decode()
    assert request.extension_reason == "Chờ Công an xã xác minh"
    assert request.due_on == dt.date(2026, 4, 2)  # 15 working days after 12/3
    assert "chỉ được gia hạn một lần" in again.content.decode()


def test_the_sweep_reminds_the_office_once_before_each_clock(office):
    request = _register(office)
    UserFactory(commune=office.commune, role=Role.FRONT)
    calendar = WorkCalendar()

    # Friday 13/2 is the last working day before the acknowledgement due on Monday 23/2.
    on_friday = reminders.data_request_notices(dt.date(2026, 2, 13), calendar)
    again = reminders.data_request_notices(dt.date(2026, 2, 13), calendar)
    on_tet = reminders.data_request_notices(dt.date(2026, 2, 17), calendar)

    assert (on_friday, again, on_tet) == (1, 0, 0)
    notice = Notification.objects.get()
    assert notice.user == office
    assert "số 1 (xóa dữ liệu): báo cho người yêu cầu là đã nhận trước 23/02/2026" in notice.text
    request.acknowledge(dt.date(2026, 2, 23))
    assert reminders.data_request_notices(dt.date(2026, 3, 11), calendar) == 1
    assert "giải quyết xong trước 12/03/2026 (còn 1 ngày)" in Notification.objects.first().text


def test_the_request_is_on_the_office_start_page(client, office):
    request = _register(office, received_on=dt.date(2026, 12, 3))
    client.force_login(office)

    page = client.get(reverse("meetings:dashboard")).content.decode()

    assert f"Yêu cầu về dữ liệu cá nhân số {request.number}" in page
    assert request.get_absolute_url() in page
