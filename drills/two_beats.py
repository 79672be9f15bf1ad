"""Two beat processes and two workers at once for DRILL_SECONDS (default 20), sweeping every
second: each reminder is recorded and delivered once. Uses a redis-server of its own and a
throw-away SQLite database with the demo data; Kè Sắt's steps are made due tomorrow and
office staff with e-mail are added, so there is much to send. Prints the figures.
Run: ``python -m drills.two_beats``."""

import json
import os
import re
import time
from collections import Counter

from drills.common import base_env, celery, django_run, manage, report, stop, workspace
from drills.servers import OwnRedis

DUE_TOMORROW = """
import datetime as dt
from django.utils import timezone
from kesat_dialogue.models import Role, User
from meetings.models import DialoguePlan, Milestone, PlanStatus
from kesat_dialogue.models import CalendarDay
# Reminders go out on working days only: the drill makes today one, whatever day it runs.
CalendarDay.objects.update_or_create(
    day=timezone.localdate(), defaults={{"kind": "worked", "name": "Diễn tập"}})
plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)
DialoguePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
Milestone.objects.filter(plan=plan).update(
    done_at=None, done_by=None, due_date=timezone.localdate() + dt.timedelta(days=1))
for n in range({owners}):
    User.objects.create_user(f"vp-drill-{{n}}", email=f"vp{{n}}@ke-sat.example.vn",
                             commune=plan.commune, role=Role.OFFICE)
import json
from followups.models import Reminder
from kesat_dialogue.models import Notification
# What the demo itself sent (its hand-offs) is left out of the counts.
print(json.dumps({{
    "notification": Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
    "reminder": Reminder.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
}}))
"""

COUNTS = """
import json
from followups.models import Reminder
from kesat_dialogue.models import Notification
rows = Reminder.objects.filter(pk__gt={before[reminder]})
new = Notification.objects.filter(pk__gt={before[notification]})
requests = new.filter(url__startswith="/yeu-cau-du-lieu/")
print(json.dumps({{
    "reminders": rows.count(),
    "email_rows": rows.filter(channel="email").count(),
    "in_app_rows": rows.filter(channel="in_app").count(),
    "not_sent": rows.exclude(status="sent").count(),
    "notifications": new.exclude(url__startswith="/yeu-cau-du-lieu/").count(),
    # A citizen's request is reminded by notices of its own, each kept once in the request.
    "data_request_notices": requests.count(),
    "data_request_notices_twice": (
        requests.count() - requests.values("user", "text").distinct().count()
    ),
}}))
"""


def run(seconds: float = 20, owners: int = 12) -> dict:
    with workspace() as folder, OwnRedis() as redis:
        env = base_env(
            VAR_DIR=folder,
            REDIS_URL=redis.url,
            REMINDER_SWEEP_SECONDS=1,
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=folder / "mail",
        )
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        before = json.loads(django_run(env, DUE_TOMORROW.format(owners=owners)))
        logs = [folder / f"worker-{n}.log" for n in (1, 2)]
        processes = [
            celery(
                env, "worker", "--pool=solo", "-n", f"w{n}@%h", f"--logfile={log}", loglevel="INFO"
            )
            for n, log in zip((1, 2), logs, strict=True)
        ] + [celery(env, "beat", "--schedule", str(folder / f"beat-{n}")) for n in (1, 2)]
        try:
            time.sleep(seconds)
        finally:
            stop(*processes)
        figures = json.loads(django_run(env, COUNTS.format(before=before)))
        emails = Counter()
        for path in (folder / "mail").glob("*"):
            found = re.findall(r"X-Kesat-Reminder: (\d+)", path.read_text(errors="replace"))
            emails.update(pk for pk in found if int(pk) > before["reminder"])
        received = re.compile(r"sweep_reminders\[[^\]]+\] received")
        sweeps = sum(
            len(received.findall(log.read_text(errors="replace"))) for log in logs if log.exists()
        )
    figures.update(
        {
            "sweeps_run": sweeps,
            "emails_delivered": sum(emails.values()),
            "emails_delivered_twice": sum(1 for n in emails.values() if n > 1),
        }
    )
    return figures


def main():
    seconds = float(os.environ.get("DRILL_SECONDS", 20))
    report(
        f"two beats and two workers for {seconds:.0f} s, a sweep every second from each beat",
        run(seconds=seconds),
    )


if __name__ == "__main__":
    main()
