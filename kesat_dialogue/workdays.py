"""Vietnam's working days: the public holidays of the `holidays` package (Tết, Giỗ Tổ,
30/4, 1/5, 2/9 and its adjacent day, with the days it moves), weekends, and the province's
table of swapped days (CalendarDay: extra days off, Saturdays worked in exchange).

The law's own clocks (announce 7 days before, publish within 10 days after) stay calendar
days; deadlines stated in working days and reminders use this calendar.
"""

import datetime as dt
from dataclasses import dataclass, field

import holidays

WEEKDAY_NAMES = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


@dataclass
class WorkCalendar:
    """Days off and days worked, read once; ask it as many questions as needed."""

    worked: set[dt.date] = field(default_factory=set)
    extra_off: dict[dt.date, str] = field(default_factory=dict)
    _holidays: holidays.HolidayBase = field(
        default_factory=lambda: holidays.country_holidays("VN", language="vi")
    )

    @classmethod
    def load(cls) -> "WorkCalendar":
        from .models import CalendarDay, DayKind  # noqa: PLC0415

        calendar = cls()
        for day, kind, name in CalendarDay.objects.values_list("day", "kind", "name"):
            if kind == DayKind.WORKED:
                calendar.worked.add(day)
            else:
                calendar.extra_off[day] = name
        return calendar

    def day_off_name(self, day: dt.date) -> str | None:
        """Why a day is off ("Chủ nhật", "Tết Nguyên Đán"…), or None on a working day."""
        if day in self.worked:
            return None
        if day in self.extra_off:
            return self.extra_off[day]
        holiday = self._holidays.get(day)
        if holiday:
            return holiday
        if day.weekday() >= 5:
            return WEEKDAY_NAMES[day.weekday()]
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_off_name(day) is None

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The day itself if it is worked, else the last working day before it."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """``count`` working days after ``start`` ("trong 10 ngày làm việc")."""
        day = start
        for _ in range(count):
            day = self.next_working_day(day)
        return day


def calendar() -> WorkCalendar:
    return WorkCalendar.load()


def describe(day: dt.date) -> str:
    """ "18/12/2026 (Thứ sáu)", for a date that a reader checks against a wall calendar."""
    return f"{day:%d/%m/%Y} ({WEEKDAY_NAMES[day.weekday()]})"
