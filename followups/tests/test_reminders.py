"""Reminders over real 2026 dates with a frozen clock: who hears what, on which day, once."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from followups import reminders
from followups.models import Assignment, Channel, Offset, Reminder, ReminderStatus
from kesat_dialogue.models import Notification, Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import DialoguePlan, Membership
from meetings.schedule import MilestoneKind as K
from meetings.tests.factories import UnitFactory, make_plan
from opinions.tests.factories import field_named

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HCM)


@pytest.fixture
def seed_year(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    plan = make_plan()
    commune = plan.commune
    people = {
        role: UserFactory(commune=commune, role=role, email=f"{role}@ke-sat.example.vn")
        for role in (Role.OFFICE, Role.FRONT, Role.CHAIR, Role.AGENCY)
    }
    plan.chairman = people[Role.CHAIR]
    plan.save()
    unit = UnitFactory(commune=commune, name="Bộ phận Địa chính - Xây dựng")
    Membership.objects.create(user=people[Role.AGENCY], unit=unit)
    return plan, people, unit


# The seed's steps done on their due day at noon, except synthesis (two days late) and
# the written answers (never). Owner reminders expected, by day: (step, role, offset).
# Nothing goes out on a day off: a reminder that falls on a weekend is sent on the Friday
# before, and of several for one step that Friday, only the most urgent.
D3, D1, D0, LATE = Offset.DAYS_3, Offset.DAYS_1, Offset.DUE_TODAY, Offset.OVERDUE
EXPECTED = {
    dt.date(2026, 5, 29): {(K.FORM_READY, D1)},  # Fri: d3 today, d1 on Sunday 31/5
    dt.date(2026, 6, 1): {(K.FORM_READY, D0)},
    dt.date(2026, 6, 5): {(K.SYNTHESIS, D3)},  # Fri: d3 of 10/6 falls on Sunday 7/6
    dt.date(2026, 6, 8): {(K.ANNOUNCEMENT, D3)},
    dt.date(2026, 6, 9): {(K.SYNTHESIS, D1)},
    dt.date(2026, 6, 10): {(K.SYNTHESIS, D0), (K.ANNOUNCEMENT, D1)},
    dt.date(2026, 6, 11): {(K.SYNTHESIS, LATE), (K.ANNOUNCEMENT, D0)},
    dt.date(2026, 6, 12): {(K.WRITTEN_ANSWERS, D1)},
    dt.date(2026, 6, 15): {(K.WRITTEN_ANSWERS, D0), (K.MEETING, D3)},
    dt.date(2026, 6, 16): {(K.WRITTEN_ANSWERS, LATE)},
    dt.date(2026, 6, 17): {(K.MEETING, D1)},
    dt.date(2026, 6, 18): {(K.MEETING, D0)},
    dt.date(2026, 6, 22): {(K.EVALUATION, D3)},
    dt.date(2026, 6, 24): {(K.EVALUATION, D1), (K.CONCLUSION_NOTICE, D3)},
    dt.date(2026, 6, 25): {(K.EVALUATION, D0), (K.RESULTS_PUBLISHED, D3)},
    # Fri 26/6: the notice is due Saturday, the results Sunday: both told today.
    dt.date(2026, 6, 26): {
        (K.CONCLUSION_NOTICE, D0),
        (K.RESULTS_PUBLISHED, D0),
        (K.AGENCY_REPLIES, D3),
    },
    dt.date(2026, 6, 29): {(K.AGENCY_REPLIES, D1), ("assignment", D3)},
    dt.date(2026, 6, 30): {(K.AGENCY_REPLIES, D0)},
    dt.date(2026, 7, 1): {("assignment", D1)},
    dt.date(2026, 7, 2): {("assignment", D0)},
    dt.date(2026, 7, 3): {("assignment", LATE)},
}
ESCALATION_DAYS = {dt.date(2026, 6, 11), dt.date(2026, 6, 12)} | {
    day
    for day in (dt.date(2026, 6, 16) + dt.timedelta(days=n) for n in range(20))
    if day.weekday() < 5
}
DONE_LATE = {K.SYNTHESIS: dt.date(2026, 6, 12)}
NEVER = {K.WRITTEN_ANSWERS, K.ARCHIVE}


def test_walking_every_day_from_25_may_to_5_july(seed_year):
    plan, people, unit = seed_year
    petition_plan = plan
    from opinions import services as opinion_services
    from opinions.tests.factories import make_slip

    slip = make_slip(plan, 1, ["Sửa đường"], by=people[Role.FRONT])
    petition = opinion_services.merge(
        plan=plan,
        opinions=list(slip.opinions.all()),
        text="Sửa đường",
        field=slip.opinions.get().field,
        unit=unit,
        by=people[Role.FRONT],
    )
    # Given directly: deciding through the service would also complete the 25/6 step.
    Assignment.objects.create(
        petition=petition, unit=unit, due_date=dt.date(2026, 7, 2), assigned_by=people[Role.CHAIR]
    )
    assert petition_plan == plan
    day = dt.date(2026, 5, 25)
    while day <= dt.date(2026, 7, 5):
        before = set(Reminder.objects.values_list("pk", flat=True))
        with time_machine.travel(at(day, 7), tick=False):
            reminders.sweep()
        with time_machine.travel(at(day, 15), tick=False):
            reminders.sweep()  # a second run the same day changes nothing
        today = Reminder.objects.exclude(pk__in=before).select_related("milestone", "recipient")
        owner = {
            (r.milestone.kind if r.milestone else "assignment", r.offset)
            for r in today
            if r.offset != Offset.ESCALATION
        }
        assert owner == EXPECTED.get(day, set()), day
        escalations = [r for r in today if r.offset == Offset.ESCALATION]
        assert {r.recipient for r in escalations} == (
            {people[Role.CHAIR]} if day in ESCALATION_DAYS else set()
        ), day
        assert all(r.recipient.role == r.milestone.owner_role for r in today if r.milestone), day
        assert {r.channel for r in today} <= {Channel.IN_APP, Channel.EMAIL}
        with time_machine.travel(at(day, 12), tick=False):
            for milestone in plan.milestones.filter(due_date=day).exclude(
                kind__in=NEVER | set(DONE_LATE)
            ):
                milestone.mark_done(by=people[Role.OFFICE])
            for kind, late_day in DONE_LATE.items():
                if late_day == day:
                    plan.milestones.get(kind=kind).mark_done(by=people[Role.FRONT])
        day += dt.timedelta(days=1)

    owner_count = sum(len(v) for v in EXPECTED.values())
    escalation_count = len(ESCALATION_DAYS)
    assert Reminder.objects.count() == 2 * (owner_count + escalation_count)  # in-app and e-mail
    assert not Reminder.objects.exclude(status=ReminderStatus.SENT).exists()
    assert len(mail.outbox) == owner_count + escalation_count
    assert Notification.objects.count() == owner_count + escalation_count


def test_the_text_says_which_plan_step_date_and_how_late(seed_year):
    plan, people, _ = seed_year

    with time_machine.travel(at(dt.date(2026, 6, 2), 7), tick=False):
        reminders.sweep()
    message = next(m for m in mail.outbox if "Hoàn thành kế hoạch" in m.subject)
    with time_machine.travel(at(dt.date(2026, 6, 12), 7), tick=False):
        reminders.sweep()

    assert "hạn 01/06/2026 (quá hạn 1 ngày)" in message.subject
    assert f"Cuộc tiếp xúc, đối thoại {plan.label} của {plan.commune}" in message.body
    assert (
        "http://" in message.body and f"/ke-hoach/{plan.public_id}/#buoc-form_ready" in message.body
    )
    escalation = next(
        m
        for m in reversed(mail.outbox)
        if m.to == [people[Role.CHAIR].email] and "quá hạn ngày" in m.subject
    )
    assert (
        "- Hoàn thành kế hoạch và mẫu phiếu lấy ý kiến Nhân dân (hạn 01/06/2026, quá 11 ngày"
        in escalation.body
    )


def test_moving_a_due_date_changes_what_the_next_sweep_sends(seed_year):
    plan, _, _ = seed_year
    synthesis = plan.milestones.get(kind=K.SYNTHESIS)
    # Friday: the d3 reminder of 10/6 falls on Sunday 7/6 and goes out today.
    with time_machine.travel(at(dt.date(2026, 6, 5), 7), tick=False):
        reminders.sweep()
    synthesis.due_date = dt.date(2026, 6, 12)
    synthesis.save()

    with time_machine.travel(at(dt.date(2026, 6, 9), 7), tick=False):
        reminders.sweep()

    offsets = list(
        Reminder.objects.filter(milestone=synthesis, channel=Channel.IN_APP)
        .order_by("pk")
        .values_list("offset", "due_date")
    )
    assert offsets == [(D3, dt.date(2026, 6, 10)), (D3, dt.date(2026, 6, 12))]


def test_a_reminder_due_on_a_sunday_goes_out_on_friday_and_none_on_the_weekend(seed_year):
    plan, people, _ = seed_year
    results = plan.milestones.get(kind=K.RESULTS_PUBLISHED)  # due Sunday 28/6/2026
    sent = {}
    for day in (26, 27, 28):
        with time_machine.travel(at(dt.date(2026, 6, day), 7), tick=False):
            reminders.sweep()
        sent[day] = set(
            Reminder.objects.filter(milestone=results, channel=Channel.IN_APP).values_list(
                "offset", flat=True
            )
        )

    assert sent == {26: {D0}, 27: {D0}, 28: {D0}}
    notice = Notification.objects.get(user=people[Role.OFFICE], text__contains="Công khai kết quả")
    assert "(còn 2 ngày)" in notice.text


def test_a_done_step_sends_nothing_more(seed_year):
    plan, people, _ = seed_year
    plan.milestones.get(kind=K.SYNTHESIS).mark_done(by=people[Role.FRONT])

    with time_machine.travel(at(dt.date(2026, 6, 9), 7), tick=False):
        reminders.sweep()

    assert not Reminder.objects.filter(milestone__kind=K.SYNTHESIS).exists()


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP 127.0.0.1:25 refused the connection")


def test_a_failing_mail_server_is_recorded_and_retried_with_backoff(seed_year, settings):
    plan, _, _ = seed_year
    settings.EMAIL_BACKEND = "followups.tests.test_reminders.RefusingBackend"
    june_9 = at(dt.date(2026, 6, 9), 7)

    with time_machine.travel(june_9, tick=False):
        reminders.sweep()
    failed = Reminder.objects.get(channel=Channel.EMAIL, milestone__kind=K.SYNTHESIS)
    with time_machine.travel(june_9 + dt.timedelta(minutes=1), tick=False):
        reminders.deliver()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(june_9 + dt.timedelta(minutes=3), tick=False):
        reminders.deliver()

    failed.refresh_from_db()
    assert failed.status == ReminderStatus.SENT and failed.attempts == 2
    assert "refused the connection" in failed.last_error
    assert Notification.objects.filter(user=failed.recipient).count() == 1


def test_the_command_runs_the_same_sweep(seed_year, capsys):
    with time_machine.travel(at(dt.date(2026, 6, 9), 7), tick=False):
        call_command("send_reminders")
        call_command("send_reminders")

    out = capsys.readouterr().out
    assert "Đã lập 4 lần nhắc mới, đã gửi 4." in out
    assert "Đã lập 0 lần nhắc mới, đã gửi 0." in out


def test_archived_plans_are_not_reminded(seed_year):
    plan, _, _ = seed_year
    plan.status = "archived"
    plan.save()

    with time_machine.travel(at(dt.date(2026, 6, 9), 7), tick=False):
        reminders.sweep()

    assert not Reminder.objects.exists()


def test_a_sweep_split_by_commune_sends_each_reminder_once(settings):
    """Parts of one sweep run by different workers, and a whole sweep run over them: the
    same reminders, each delivered once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for _ in range(3):
        plan = make_plan()
        for role in (Role.OFFICE, Role.FRONT, Role.CHAIR):
            UserFactory(commune=plan.commune, role=role, email=f"{role}@{plan.commune.slug}.vn")
    june_9 = dt.date(2026, 6, 9)

    with time_machine.travel(at(june_9, 7), tick=False):
        parts = reminders.commune_parts(2)
        first = reminders.sweep(june_9, communes=parts[0])
        whole = reminders.sweep(june_9)
        second = reminders.sweep(june_9, communes=parts[1])

    assert [len(part) for part in parts] == [2, 1]
    assert first[0] > 0 and whole[0] > 0 and second == (0, 0)  # the whole took part two
    rows = Reminder.objects.all()
    assert rows.count() == first[0] + whole[0] == first[1] + whole[1]
    assert not rows.exclude(status=ReminderStatus.SENT).exists()
    assert Notification.objects.count() == rows.filter(channel=Channel.IN_APP).count()
    sent = [m.extra_headers["X-Kesat-Reminder"] for m in mail.outbox]
    assert len(sent) == len(set(sent)) == rows.filter(channel=Channel.EMAIL).count()


def test_the_daily_task_hands_each_part_to_a_worker(settings, monkeypatch):
    from followups import tasks  # noqa: PLC0415

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMINDER_SWEEP_PARTS = 2
    for _ in range(3):
        plan = make_plan()
        UserFactory(commune=plan.commune, role=Role.FRONT)  # the synthesis is due 10/6
    queued = []
    monkeypatch.setattr(tasks.sweep_reminders_part, "delay", lambda *args: queued.append(args))

    with time_machine.travel(at(dt.date(2026, 6, 9), 7), tick=False):
        tasks.sweep_reminders()
        assert not Reminder.objects.exists()  # the parts do the work, in the workers
        for communes, day in queued:
            tasks.sweep_reminders_part(communes, day)

    assert len(queued) == 2 and sorted(c for part, _ in queued for c in part) == sorted(
        plan.commune_id for plan in DialoguePlan.objects.all()
    )
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 3


def test_recorded_rows_keep_their_text_byte_for_byte_and_take_the_defaults(seed_year):
    """The sweep writes its rows in bulk (COPY on PostgreSQL): tabs, backslashes and line
    breaks in a petition survive, and the columns it leaves out take their defaults."""
    plan, people, unit = seed_year
    text = 'Đường "thôn 3"\tngập\\úng\nsau mưa; 100% hộ đề nghị'
    petition = plan.petitions.create(
        text=text, field=field_named(plan.commune), created_by=people[Role.OFFICE]
    )
    Assignment.objects.create(
        petition=petition, unit=unit, due_date=dt.date(2026, 7, 15), assigned_by=people[Role.CHAIR]
    )

    with time_machine.travel(at(dt.date(2026, 7, 14), 7), tick=False):
        first = reminders.record(dt.date(2026, 7, 14))
        assert reminders.record(dt.date(2026, 7, 14)) == 0
    assert first == Reminder.objects.count()

    rows = list(Reminder.objects.filter(assignment__petition=petition).order_by("channel"))
    assert [r.channel for r in rows] == [Channel.EMAIL, Channel.IN_APP]
    for row in rows:
        assert row.subject.endswith(f"Giải quyết kiến nghị: {text} – hạn 15/07/2026 (còn 1 ngày)")
        assert f"Việc: Giải quyết kiến nghị: {text}.\nPhụ trách: " in row.body
        assert (row.recipient, row.offset, row.due_date) == (
            people[Role.AGENCY],
            Offset.DAYS_1,
            dt.date(2026, 7, 15),
        )
        assert (row.status, row.attempts, row.claim, row.key, row.sent_at) == (
            ReminderStatus.PENDING,
            0,
            "",
            "",
            None,
        )
        assert row.created_at == at(dt.date(2026, 7, 14), 7)
