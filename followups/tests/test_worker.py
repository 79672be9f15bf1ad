"""Reminders through a real Celery worker and a Redis of the test's own, with faults.

Each test starts its own redis-server on a spare port and stops only that one; the
machine's shared Redis is never touched.
"""

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from drills.servers import OwnRedis
from followups.models import Channel, Reminder, ReminderStatus
from kesat_dialogue.celery import app as celery_app
from kesat_dialogue.models import CalendarDay, Notification, Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.tests.factories import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_redis():
    with OwnRedis() as redis:
        yield redis.url, redis.process


def _wait(condition, message, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(message)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = db["PASSWORD"] or ""
    return f"postgres://{db['USER']}:{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _environment(redis_url, tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DATABASE_URL": _database_url(),
            "REDIS_URL": redis_url,
            "VAR_DIR": str(tmp_path / "var"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp_path / "mail"),
            "REDIS_VISIBILITY_TIMEOUT": "3",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _start(args, env, log: Path):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "kesat_dialogue", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)


WORKER = ["worker", "--pool=solo", "--loglevel=INFO", "--without-mingle", "--without-gossip"]


def _year_with_many_owners(owners=12):
    """A plan whose steps fall today and in three days, and many office staff to remind."""
    today = timezone.localdate()
    # Reminders go out on working days only: make today one, whatever day the tests run.
    CalendarDay.objects.update_or_create(day=today, defaults={"kind": "worked", "name": "Thử"})
    plan = make_plan(
        year=today.year,
        meeting_date=today + dt.timedelta(days=3),
        due_dates={"written_answers": today},
    )
    for n in range(owners):
        UserFactory(commune=plan.commune, role=Role.OFFICE, email=f"vp{n}@ke-sat.example.vn")
    UserFactory(commune=plan.commune, role=Role.CHAIR, email="chutich@ke-sat.example.vn")
    return plan


def _emails_by_reminder(mail_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    if not mail_dir.exists():
        return counts
    for path in mail_dir.iterdir():
        for reminder_id in re.findall(r"X-Kesat-Reminder: (\d+)", path.read_text(errors="replace")):
            counts[reminder_id] = counts.get(reminder_id, 0) + 1
    return counts


def _all_sent() -> bool:
    return (
        Reminder.objects.exists()
        and not Reminder.objects.exclude(status=ReminderStatus.SENT).exists()
    )


def _delivered_exactly_once(mail_dir: Path) -> None:
    emails = _emails_by_reminder(mail_dir)
    by_channel = {
        c: set(Reminder.objects.filter(channel=c).values_list("pk", flat=True)) for c in Channel
    }
    assert {int(k) for k in emails} == by_channel[Channel.EMAIL]
    assert set(emails.values()) == {1}
    assert Notification.objects.count() == len(by_channel[Channel.IN_APP])


def test_beat_schedules_the_sweep_and_the_worker_delivers(own_redis, tmp_path):
    url, _ = own_redis
    _year_with_many_owners(owners=3)
    env = _environment(url, tmp_path, REMINDER_SWEEP_SECONDS=1)
    worker = _start(WORKER, env, tmp_path / "worker.log")
    beat = _start(
        ["beat", "--loglevel=INFO", "--schedule", str(tmp_path / "beat-schedule")],
        env,
        tmp_path / "beat.log",
    )
    try:
        _wait(
            _all_sent,
            "the beat-scheduled sweep delivered nothing:\n"
            + (tmp_path / "worker.log").read_text(errors="replace")[-3000:],
        )
        time.sleep(2.5)  # more beats go by: they must add nothing
    finally:
        _stop(beat)
        _stop(worker)

    _delivered_exactly_once(tmp_path / "mail")
    assert (
        Reminder.objects.count()
        == Reminder.objects.values("recipient", "offset", "channel", "milestone").distinct().count()
    )


def test_a_worker_killed_mid_sweep_delivers_everything_once_after_restart(own_redis, tmp_path):
    url, _ = own_redis
    _year_with_many_owners(owners=12)
    env = _environment(url, tmp_path, REMINDER_EMAIL_PAUSE_SECONDS=0.4)
    first = _start(WORKER, env, tmp_path / "worker-1.log")
    Celery("drill", broker=url).send_task("followups.sweep_reminders")
    try:
        # Killed while pausing between two e-mails, some sent and some not.
        _wait(
            lambda: (
                Reminder.objects.filter(channel=Channel.EMAIL, status=ReminderStatus.SENT).count()
                >= 3
            ),
            "the sweep did not start:\n"
            + (tmp_path / "worker-1.log").read_text(errors="replace")[-3000:],
        )
        _stop(first, signal.SIGKILL)
        waiting = Reminder.objects.exclude(status=ReminderStatus.SENT).count()
        assert waiting > 0, "the sweep finished before the kill: nothing was left to prove"
        second = _start(WORKER, env, tmp_path / "worker-2.log")
        _wait(
            _all_sent,
            "the unsent reminders never went out after the restart:\n"
            + (tmp_path / "worker-2.log").read_text(errors="replace")[-3000:],
            timeout=90,
        )
    finally:
        _stop(first, signal.SIGKILL)
        if "second" in locals():
            _stop(second)

    _delivered_exactly_once(tmp_path / "mail")


def test_the_web_app_answers_while_redis_is_down(own_redis, client, tmp_path):
    url, process = own_redis
    process.terminate()
    process.wait(timeout=10)
    plan = _year_with_many_owners(owners=1)
    office = UserFactory(commune=plan.commune, role=Role.OFFICE)
    client.force_login(office)
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = url, False
    celery_app.pool.force_close_all()
    try:
        dashboard = client.get(reverse("meetings:dashboard"))
        from opinions import excel
        from opinions import services as opinion_services

        opinion_services.ensure_fields(plan.commune)
        workbook = excel.workbook_from_rows(
            [
                [
                    1,
                    plan.villages.first().name,
                    "",
                    "",
                    "",
                    "có",
                    "không",
                    "Nhân dân",
                    "Thôn",
                    "05/06/2026",
                    "Đề nghị sửa đường",
                    "Kiến nghị",
                    "Giao thông",
                ]
            ]
        )
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = client.post(
            reverse("opinions:import", args=[plan.public_id]),
            {"file": SimpleUploadedFile("phieu.xlsx", workbook)},
        )
        status_page = client.get(upload.url)
        printing = client.post(
            reverse("opinions:form-print", args=[plan.public_id]),
            {"villages": [plan.villages.first().pk], "copies": 2},
        )
        printed = client.get(printing.url)
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        celery_app.pool.force_close_all()

    assert dashboard.status_code == 200 and "Đối thoại năm 2026" in dashboard.content.decode()
    assert "Đã nhập 1 phiếu" in status_page.content.decode()
    assert "Đã tạo xong 2 phiếu" in printed.content.decode()
