import datetime as dt
import zoneinfo

import pytest
import time_machine

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.schedule import (
    MilestoneKind,
    MilestoneState,
    default_due_dates,
    law_warnings,
    sequence_errors,
    state_of,
)
from meetings.tests.factories import make_plan

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SEED_MEETING = dt.date(2026, 6, 18)


def test_default_due_dates_from_the_meeting_are_the_seed_dates():
    dates = default_due_dates(SEED_MEETING)

    assert dates[MilestoneKind.FORM_READY] == dt.date(2026, 6, 1)
    assert dates[MilestoneKind.SYNTHESIS] == dt.date(2026, 6, 10)
    assert dates[MilestoneKind.WRITTEN_ANSWERS] == dt.date(2026, 6, 15)
    assert dates[MilestoneKind.EVALUATION] == dt.date(2026, 6, 25)
    assert dates[MilestoneKind.CONCLUSION_NOTICE] == dt.date(2026, 6, 27)
    assert dates[MilestoneKind.AGENCY_REPLIES] == dt.date(2026, 6, 30)
    assert dates[MilestoneKind.ANNOUNCEMENT] == dt.date(2026, 6, 11)
    assert dates[MilestoneKind.RESULTS_PUBLISHED] == dt.date(2026, 6, 28)


@pytest.mark.parametrize(
    ("today", "done", "expected"),
    [
        (dt.date(2026, 6, 5), False, MilestoneState.UPCOMING),
        (dt.date(2026, 6, 6), False, MilestoneState.UPCOMING),
        (dt.date(2026, 6, 7), False, MilestoneState.DUE_SOON),
        (dt.date(2026, 6, 10), False, MilestoneState.DUE_SOON),
        (dt.date(2026, 6, 11), False, MilestoneState.OVERDUE),
        (dt.date(2026, 7, 1), False, MilestoneState.OVERDUE),
        (dt.date(2026, 7, 1), True, MilestoneState.DONE),
    ],
)
def test_state_of_a_step_due_10_june(today, done, expected):
    assert state_of(dt.date(2026, 6, 10), done, today) == expected


def test_sequence_errors_name_the_step_due_after_the_next_one():
    dates = default_due_dates(SEED_MEETING) | {MilestoneKind.SYNTHESIS: dt.date(2026, 6, 16)}

    errors = sequence_errors(dates)

    assert list(errors) == [MilestoneKind.SYNTHESIS]
    assert "16/06/2026" in errors[MilestoneKind.SYNTHESIS]
    assert "15/06/2026" in errors[MilestoneKind.SYNTHESIS]


def test_law_warnings_for_late_announcement_and_late_publication():
    dates = default_due_dates(SEED_MEETING) | {
        MilestoneKind.ANNOUNCEMENT: dt.date(2026, 6, 14),
        MilestoneKind.RESULTS_PUBLISHED: dt.date(2026, 7, 2),
    }

    warnings = law_warnings(dates)

    assert len(warnings) == 2
    assert "Điều 43" in warnings[0] and "11/06/2026" in warnings[0]
    assert "10 ngày" in warnings[1] and "28/06/2026" in warnings[1]
    assert law_warnings(default_due_dates(SEED_MEETING)) == []


def _timeline_text(client, plan):
    user = UserFactory(commune=plan.commune, role=Role.FRONT)
    client.force_login(user)
    response = client.get(plan.get_absolute_url())
    return response.content.decode()


def _row(html, kind):
    start = html.index(f'id="buoc-{kind}"')
    return html[start : html.index("</li>", start)]


@pytest.mark.django_db
def test_timeline_states_on_8_june_2026(client):
    plan = make_plan()
    plan.milestones.get(kind=MilestoneKind.FORM_READY).mark_done(by=None)

    with time_machine.travel(dt.datetime(2026, 6, 8, 9, 0, tzinfo=HCM), tick=False):
        html = _timeline_text(client, plan)

    assert "Đã xong" in _row(html, MilestoneKind.FORM_READY)
    assert "Sắp đến hạn (còn 2 ngày)" in _row(html, MilestoneKind.SYNTHESIS)
    assert "Chưa đến hạn" in _row(html, MilestoneKind.WRITTEN_ANSWERS)
    assert "Chưa đến hạn" in _row(html, MilestoneKind.MEETING)


@pytest.mark.django_db
def test_timeline_counts_days_in_ho_chi_minh_time(client):
    plan = make_plan()

    # 18:00 UTC on 10 June is already 01:00 on 11 June in Hà Nội: the 10/6 step is late.
    with time_machine.travel(dt.datetime(2026, 6, 10, 18, 0, tzinfo=dt.UTC), tick=False):
        html = _timeline_text(client, plan)

    assert "Quá hạn 1 ngày" in _row(html, MilestoneKind.SYNTHESIS)
    assert "Quá hạn 10 ngày" in _row(html, MilestoneKind.FORM_READY)
    assert "Đến hạn hôm nay" in _row(html, MilestoneKind.ANNOUNCEMENT)


@pytest.mark.django_db
def test_a_step_due_on_a_day_off_is_warned_with_the_day(client):
    plan = make_plan()  # the seed's dates: the notice on Saturday 27/6, the results Sunday 28/6

    with time_machine.travel(dt.datetime(2026, 6, 8, 9, 0, tzinfo=HCM), tick=False):
        html = _timeline_text(client, plan)

    assert (
        "Hạn «Công khai kết quả hội nghị» 28/06/2026 rơi vào ngày nghỉ (Chủ nhật); nhắc việc "
        "gửi vào ngày làm việc trước đó, 26/06/2026." in html
    )
    assert "Hạn «Hội nghị tiếp xúc, đối thoại»" not in html  # Thursday 18/6
