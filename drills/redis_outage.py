"""Redis stopped while users work: no failed page load, and reminders catch up after.

10 users load the dashboard and one officer keeps uploading Excel imports (the page that
queues a Celery task) while a redis-server of the drill's own is stopped for
REDIS_DOWN_SECONDS (default 300). During the outage a step falls due tomorrow; the beat's
sweeps cannot reach the worker, so its reminder must go out once Redis is back.
Run: ``python -m drills.redis_outage``."""

import io
import json
import os
import re
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.cookies import SimpleCookie

from openpyxl import Workbook

from drills.common import (
    Users,
    base_env,
    celery,
    django_run,
    free_port,
    gunicorn,
    login_session,
    manage,
    report,
    stop,
    wait_until_up,
    workspace,
)
from drills.servers import OwnRedis

SETUP = """
import json
from django.urls import reverse
from meetings.models import DialoguePlan, PlanStatus
plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)
DialoguePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
from opinions.excel import COLUMNS
print(json.dumps({"path": reverse("opinions:import", args=[plan.public_id]),
                  "village": plan.villages.first().name, "columns": COLUMNS}))
"""

# A step of the running plan falls due tomorrow (set while Redis is down).
STEP_DUE_TOMORROW = """
import datetime as dt
from django.utils import timezone
from meetings.models import DialoguePlan, Milestone
from kesat_dialogue.models import CalendarDay
# Reminders go out on working days only: the drill makes today one, whatever day it runs.
CalendarDay.objects.update_or_create(
    day=timezone.localdate(), defaults={"kind": "worked", "name": "Diễn tập"})
plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)
step = plan.milestones.order_by("due_date").last()
Milestone.objects.filter(pk=step.pk).update(
    done_at=None, done_by=None, due_date=timezone.localdate() + dt.timedelta(days=1))
print(step.pk)
"""

REMINDERS_OF = """
from followups.models import Reminder
rows = Reminder.objects.filter(milestone_id={step})
print(rows.filter(status="sent").count(), rows.exclude(status="sent").count())
"""

IMPORTED = """
from opinions.models import OpinionSlip
print(OpinionSlip.objects.filter(plan__commune__slug="ke-sat", serial__gte=900000).count())
"""


def _workbook(columns, serial: int, village: str) -> bytes:
    values = {
        "serial": serial,
        "village": village,
        "anonymous": "có",
        "respondent": "Nhân dân",
        "collector": "Thôn",
        "collected_on": "05/06/2026",
        "text": f"Đề nghị sửa đường (phiếu {serial} nhập khi Redis dừng)",
        "kind": "Kiến nghị",
        "field": "Giao thông",
    }
    book = Workbook()
    sheet = book.active
    sheet.title = "Phieu"
    sheet.append([title for _, title in columns])
    sheet.append([values.get(key, "") for key, _ in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _multipart(fields: dict, filename: str, content: bytes) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return boundary, b"".join(parts)


class Importer(threading.Thread):
    """One officer uploading a one-slip workbook every few seconds, following each redirect."""

    def __init__(self, base, setup, cookie):
        super().__init__(daemon=True)
        self.base, self.cookie = base, cookie
        self.path, self.village, self.columns = setup["path"], setup["village"], setup["columns"]
        self.results: list[int] = []
        self.stopping = threading.Event()
        self.serial = 900000

    def _open(self, request):
        try:
            return urllib.request.urlopen(request, timeout=30)
        except urllib.error.HTTPError as exc:
            return exc

    def _upload_once(self) -> int:
        page = self._open(
            urllib.request.Request(self.base + self.path, headers={"Cookie": self.cookie})
        )
        html = page.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        jar = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        if page.status != 200 or not token or "csrftoken" not in jar:
            return page.status if page.status != 200 else 0
        self.serial += 1
        boundary, body = _multipart(
            {"csrfmiddlewaretoken": token.group(1)},
            f"phieu-{self.serial}.xlsx",
            _workbook(self.columns, self.serial, self.village),
        )
        cookie = f"{self.cookie}; csrftoken={jar['csrftoken'].value}"
        answer = self._open(
            urllib.request.Request(
                self.base + self.path,
                data=body,
                headers={
                    "Cookie": cookie,
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Referer": self.base + self.path,
                },
            )
        )
        answer.read()
        return answer.status

    def run(self):
        while not self.stopping.is_set():
            try:
                self.results.append(self._upload_once())
            except OSError:
                self.results.append(0)
            self.stopping.wait(2)


def run(down_seconds: int = 300, users: int = 10) -> dict:
    with workspace() as folder, OwnRedis() as redis:
        env = base_env(VAR_DIR=folder, REDIS_URL=redis.url, REMINDER_SWEEP_SECONDS=5)
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        setup = json.loads(django_run(env, SETUP))
        cookie = login_session(env)
        port = free_port()
        processes = [
            gunicorn(env, port),
            celery(env, "worker", "--pool=solo"),
            celery(env, "beat", "--schedule", os.path.join(folder, "beat-schedule")),
        ]
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/")
            importer = Importer(base, setup, f"sessionid={cookie}")
            with Users(base + "/", cookie, count=users) as loads:
                importer.start()
                time.sleep(3)
                redis.stop()
                began = time.monotonic()
                # A sweep the worker had already taken may still run: let it finish first.
                time.sleep(3)
                step = django_run(env, STEP_DUE_TOMORROW)
                time.sleep(down_seconds)
                sent_during, waiting_during = map(
                    int, django_run(env, REMINDERS_OF.format(step=step)).split()
                )
                redis.start()
                came_back = time.monotonic()
                time.sleep(3)
                importer.stopping.set()
                importer.join(timeout=60)
            caught_up = None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                sent, waiting = map(int, django_run(env, REMINDERS_OF.format(step=step)).split())
                if sent and not waiting:
                    caught_up = time.monotonic() - came_back
                    break
                time.sleep(1)
            imported = int(django_run(env, IMPORTED))
        finally:
            stop(*processes)
    failed_loads = [s for _, s in loads.results if s != 200]
    return {
        "outage_seconds": round(came_back - began, 1),
        "page_loads": len(loads.results),
        "failed_page_loads": len(failed_loads),
        "imports": len(importer.results),
        "failed_imports": sum(1 for s in importer.results if s != 200),
        "slips_imported": imported,
        "step_reminders_during_outage": sent_during + waiting_during,
        "step_reminders_sent_after": sent,
        "step_reminders_waiting_after": waiting,
        "caught_up_seconds_after_redis": None if caught_up is None else round(caught_up, 1),
    }


def main():
    down = int(os.environ.get("REDIS_DOWN_SECONDS", 300))
    report(
        f"Redis stopped for {down} s under 10 users and one officer importing",
        run(down_seconds=down),
    )


if __name__ == "__main__":
    main()
