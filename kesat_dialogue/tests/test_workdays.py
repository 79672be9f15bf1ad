"""Vietnam's working days: the holidays package, weekends and the province's swapped days."""

import datetime as dt

import pytest
from django import forms

from kesat_dialogue.models import CalendarDay, DayKind
from kesat_dialogue.workdays import WorkCalendar

pytestmark = pytest.mark.django_db
D = dt.date


def test_tet_2026_is_off_from_14_to_22_february():
    calendar = WorkCalendar.load()

    off = [D(2026, 2, day) for day in range(14, 23)]

    assert all(not calendar.is_working_day(day) for day in off)
    assert calendar.is_working_day(D(2026, 2, 13)) and calendar.is_working_day(D(2026, 2, 23))
    assert calendar.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert "Tết Nguyên Đán" in calendar.day_off_name(D(2026, 2, 17))


def test_national_day_2026_and_the_saturday_worked_in_exchange():
    calendar = WorkCalendar.load()

    assert not calendar.is_working_day(D(2026, 8, 31))
    assert not calendar.is_working_day(D(2026, 9, 1))
    assert calendar.day_off_name(D(2026, 9, 2)) == "Quốc khánh"
    # Saturday 22/8/2026 is worked for the 31/8 day off (the province's table, seeded).
    assert calendar.is_working_day(D(2026, 8, 22))
    assert calendar.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)
    assert calendar.previous_working_day(D(2026, 9, 2)) == D(2026, 8, 28)


def test_the_provinces_table_adds_a_day_off_and_a_worked_saturday():
    CalendarDay.objects.create(day=D(2026, 12, 31), kind=DayKind.OFF, name="Nghỉ thêm cuối năm")
    CalendarDay.objects.create(day=D(2026, 12, 5), kind=DayKind.WORKED, name="Làm bù")
    calendar = WorkCalendar.load()

    assert calendar.day_off_name(D(2026, 12, 31)) == "Nghỉ thêm cuối năm"
    assert calendar.is_working_day(D(2026, 12, 5))
    assert calendar.day_off_name(D(2026, 12, 6)) == "Chủ nhật"
    assert calendar.add_working_days(D(2026, 12, 4), 1) == D(2026, 12, 5)


def test_ten_working_days_skip_weekends():
    assert WorkCalendar.load().add_working_days(D(2026, 6, 22), 10) == D(2026, 7, 6)


def test_a_day_cannot_be_both_off_and_worked():
    CalendarDay.objects.create(day=D(2026, 12, 31), kind=DayKind.OFF, name="Nghỉ thêm")
    form_class = forms.modelform_factory(CalendarDay, fields=["day", "kind", "name"])

    form = form_class({"day": "2026-12-31", "kind": DayKind.WORKED, "name": "Làm bù"})

    assert not form.is_valid()
    assert "không thể vừa là ngày nghỉ vừa là ngày làm bù" in form.errors["day"][0]
