"""One reminder sweep over every commune of Vietnam.

Creates 3,321 communes, each with a plan and 20 open assignments due tomorrow, then prints
the seconds one sweep takes (recording and delivering) and the reminders per second, with
one worker and with the sweep split by commune over two (WORKERS=1,2,4 to choose).

    .venv/bin/python bench/reminders.py                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kesat_bench .venv/bin/python bench/reminders.py
    COMMUNES=300 .venv/bin/python bench/reminders.py    # a quicker look

With DATABASE_URL it empties that database first: never point it at real data.
"""

import datetime as dt
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="kesat-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesat_dialogue.settings")
os.environ.pop("REDIS_URL", None)
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from followups import reminders  # noqa: E402
from followups.models import Assignment, Reminder  # noqa: E402
from kesat_dialogue import tenancy  # noqa: E402
from kesat_dialogue.models import (  # noqa: E402
    CalendarDay,
    Commune,
    DayKind,
    Notification,
    Role,
    User,
)
from meetings import plan_texts  # noqa: E402
from meetings.models import DialoguePlan, Membership, Milestone, Unit, UnitKind  # noqa: E402
from meetings.schedule import STEPS, default_due_dates  # noqa: E402
from opinions.models import Field, Petition  # noqa: E402

COMMUNES = int(os.environ.get("COMMUNES", 3321))
WORKERS = [int(n) for n in os.environ.get("WORKERS", "1,2").split(",")]
ASSIGNMENTS = 20


def build(today):
    meeting = today + dt.timedelta(days=20)  # the plan's steps: none due in the window
    dates = default_due_dates(meeting)
    communes = Commune.objects.bulk_create(
        Commune(name=f"Xã {n}", slug=f"xa-{n}") for n in range(COMMUNES)
    )
    users = User.objects.bulk_create(
        User(username=f"u{c.pk}-{role}", commune=c, role=role, email=f"{role}{c.pk}@example.vn")
        for c in communes
        for role in (Role.OFFICE, Role.CHAIR, Role.AGENCY)
    )
    by_commune = {(u.commune_id, u.role): u for u in users}
    units = Unit.objects.bulk_create(
        Unit(commune=c, name="Bộ phận Địa chính - Xây dựng", kind=UnitKind.AGENCY) for c in communes
    )
    Membership.objects.bulk_create(
        Membership(user=by_commune[(u.commune_id, Role.AGENCY)], unit=u) for u in units
    )
    fields = Field.objects.bulk_create(Field(commune=c, name="Giao thông") for c in communes)
    plans = DialoguePlan.objects.bulk_create(
        DialoguePlan(
            commune=c,
            year=today.year,
            number=1,
            plan_date=today,
            basis="Căn cứ.",
            signer_name="Chủ tịch",
            chairman=by_commune[(c.pk, Role.CHAIR)],
            **plan_texts.defaults(today.year),
        )
        for c in communes
    )
    Milestone.objects.bulk_create(
        Milestone(plan=p, kind=s.kind, owner_role=s.owner_role, due_date=dates[s.kind])
        for p in plans
        for s in STEPS
    )
    petitions = Petition.objects.bulk_create(
        Petition(
            plan=p,
            text=f"Kiến nghị {n}",
            field=f,
            created_by=by_commune[(p.commune_id, Role.OFFICE)],
        )
        for p, f in zip(plans, fields, strict=True)
        for n in range(ASSIGNMENTS)
    )
    unit_of = {u.commune_id: u for u in units}
    plan_commune = {p.pk: p.commune_id for p in plans}
    Assignment.objects.bulk_create(
        Assignment(
            petition=pe,
            unit=unit_of[plan_commune[pe.plan_id]],
            due_date=today + dt.timedelta(days=1),
            assigned_by=by_commune[(plan_commune[pe.plan_id], Role.CHAIR)],
        )
        for pe in petitions
    )


def _part(args):
    today, communes = args
    connections.close_all()  # a fresh connection in each worker process
    with tenancy.all_communes("a benchmark worker sweeps its part"):
        return reminders.sweep(today, communes=communes)


def timed_sweep(today, workers: int) -> tuple[float, int, int]:
    """One sweep split by commune into ``workers`` parts run side by side, as that many
    Celery workers would run followups.sweep_reminders_part."""
    parts = reminders.commune_parts(workers)
    connections.close_all()
    start = time.perf_counter()
    if workers == 1:
        recorded, delivered = reminders.sweep(today)
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_part, [(today, part) for part in parts])
        recorded, delivered = (sum(r[i] for r in results) for i in (0, 1))
    return time.perf_counter() - start, recorded, delivered


def main():
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    # Reminders go out on working days only: the benchmark makes today one.
    CalendarDay.objects.update_or_create(
        day=today, defaults={"kind": DayKind.WORKED, "name": "Đo hiệu năng"}
    )
    start = time.perf_counter()
    build(today)
    built = time.perf_counter() - start
    total = COMMUNES * ASSIGNMENTS
    print(f"database: {connection.vendor}; communes: {COMMUNES}; assignments: {total}")
    print(f"data built in {built:.1f} s")
    for workers in WORKERS:
        Reminder.objects.all().delete()
        Notification.objects.all().delete()
        seconds, recorded, delivered = timed_sweep(today, workers)
        print(
            f"one sweep, {workers} worker(s): {seconds:.1f} s for {recorded} reminders recorded "
            f"and {delivered} delivered ({delivered / seconds:.0f} reminders per second)"
        )
        assert Reminder.objects.count() == recorded == delivered
        assert Notification.objects.count() == Reminder.objects.filter(channel="in_app").count()
    start = time.perf_counter()
    again = reminders.sweep(today)
    print(
        f"second sweep the same day: {time.perf_counter() - start:.1f} s, {again[0]} new, "
        f"{again[1]} delivered"
    )


if __name__ == "__main__":
    # A benchmark is a script over the installation, like a command: it names its escape.
    with tenancy.all_communes("a benchmark sets up and reads its own communes"):
        main()
