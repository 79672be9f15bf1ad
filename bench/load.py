"""Load: 32 concurrent logged-in users on the dashboard, the opinion list and the public
page of a plan with 10,000 opinions, then a bare Django view, all on loopback.

    .venv/bin/python bench/load.py                  # 5 minutes a page (LOAD_SECONDS=300)
    LOAD_SECONDS=20 .venv/bin/python bench/load.py  # a quick look

Needs wrk (Debian package wrk). Starts its own gunicorn on a free loopback port with a
throw-away SQLite database (or DATABASE_URL, which it empties), and stops it at the end.
Prints requests per second, p50/p95/p99 in ms and the error count for each page.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("LOAD_SECONDS", 300))
USERS = 32


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is needed: bin/system-packages bench (or apt-get install wrk)")
    var = tempfile.mkdtemp(prefix="kesat-load-")
    env = {
        **os.environ,
        "VAR_DIR": var,
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "RECEIPT_CODE_KEY": "load-test-only-" + "y" * 40,
        "PERSONAL_DATA_KEYS": "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDA=",
        "PERSONAL_DATA_HASH_KEY": "load-test-only-" + "z" * 40,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    python = sys.executable
    setup = subprocess.run(
        [python, "-c", SETUP],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    values = dict(line.split("=", 1) for line in setup.stdout.split() if "=" in line)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "kesat_dialogue.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--threads",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bare/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        pages = {
            "dashboard": "/",
            "opinion list": f"/ke-hoach/{values['plan']}/y-kien/",
            "public page": f"/cong-khai/{values['commune']}/{values['year']}/",
            "province overview (114 communes)": "/tinh/?ky=nam&nam=2026",
            "bare Django view": "/bare/",
        }
        sessions = {"province overview (114 communes)": values["province_session"]}
        print(f"{USERS} concurrent users, {SECONDS} s a page, 10,000 opinions, gunicorn 4x2")
        for name, path in pages.items():
            run = subprocess.run(
                [
                    wrk,
                    "-t",
                    "4",
                    "-c",
                    str(USERS),
                    "-d",
                    f"{SECONDS}s",
                    "--timeout",
                    "10s",
                    "-s",
                    str(ROOT / "bench/load/report.lua"),
                    base + path,
                ],
                env={**env, "WRK_COOKIE": f"sessionid={sessions.get(name, values['session'])}"},
                capture_output=True,
                text=True,
                timeout=SECONDS + 120,
            )
            line = re.search(r"RESULT .*", run.stdout)
            print(f"{name}: {line.group(0)[7:] if line else run.stdout + run.stderr}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


SETUP = """
import django
django.setup()
from kesat_dialogue import tenancy
escape = tenancy.all_communes("a benchmark sets up its own commune")
escape.__enter__()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from kesat_dialogue.models import Commune, Role, User
from meetings.tests.factories import VillageFactory, make_plan
from opinions import excel, services
from opinions.demo_topics import TOPICS
from opinions.models import DEFAULT_FIELDS, Field, Opinion
commune = Commune.objects.create(name="Đo Tải", slug="do-tai")
villages = [VillageFactory(commune=commune, name=n) for n in ("Quán Gỏi", "Phương Độ", "Ngọc Mai", "Thượng Khuông")]
plan = make_plan(commune, villages=villages)
plan.status = "issued"; plan.save()
services.ensure_fields(commune)
user = User.objects.create_user("load", password="x", commune=commune, role=Role.OFFICE)
rows = [[n // 2 + 1, villages[(n // 2) % 4].name, "", "", "", "có", "không", "Nhân dân", "Thôn", "05/06/2026",
         TOPICS[n % len(TOPICS)]["opinions"][0] + f" ({n})", "Kiến nghị", DEFAULT_FIELDS[n % 14]]
        for n in range(10000)]
slips, errors = excel.parse(plan, excel.read_rows(excel.workbook_from_rows(rows)))
excel.save(plan, slips, by=user)
fields = {f.name: f for f in Field.objects.filter(commune=commune)}
for topic in TOPICS:
    chosen = list(Opinion.objects.filter(plan=plan).matching(topic["opinions"][0][:20]).mergeable()[:400])
    if chosen:
        services.merge(plan=plan, opinions=chosen, text=topic["petition"], field=fields[topic["field"]], unit=None, by=user)
import datetime as dt
from followups import province_demo
province_demo.populate(114, year=2026, today=dt.date(2026, 12, 1), slug_prefix="hp")
reader = User.objects.create_user("tinh", password="x", reads_province=True)

def session_of(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(24 * 3600)
    session.create()
    return session.session_key

print(f"plan={plan.public_id} commune={commune.slug} year={plan.year} session={session_of(user)} "
      f"province_session={session_of(reader)}")
"""

if __name__ == "__main__":
    main()
