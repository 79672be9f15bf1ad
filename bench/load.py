"""Load: 32 concurrent logged-in users on the dashboard, the opinion list and the public
page of a plan with 10,000 opinions, the province overview, and a bare Django view, all on
loopback.

    .venv/bin/python bench/load.py                  # 5 minutes a page (LOAD_SECONDS=300)
    LOAD_SECONDS=20 .venv/bin/python bench/load.py  # a quick look

The time of each page is split into LOAD_ROUNDS rounds (3 unless told); each round measures
the bare view, every page, and the bare view again, so a page is compared with the bare view
of its own round: on a shared machine the throughput drifts by a third from one minute to
the next.

Needs wrk (Debian package wrk). Starts its own gunicorn on a free loopback port with a
throw-away SQLite database (or DATABASE_URL, which it empties), and stops it at the end.
Prints requests per second, p50/p95/p99 in ms and the error count for each page.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("LOAD_SECONDS", 300))
ROUNDS = int(os.environ.get("LOAD_ROUNDS", 3))
BARE = "bare Django view"
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
            BARE: "/bare/",
        }
        sessions = {"province overview (114 communes)": values["province_session"]}
        print(
            f"{USERS} concurrent users, {SECONDS} s a page in {ROUNDS} rounds, 10,000 opinions, "
            "gunicorn 4x2"
        )
        rounds = []
        for number in range(1, ROUNDS + 1):

            def run(name):
                return measure(wrk, base + pages[name], sessions.get(name, values["session"]), env)

            before = run(BARE)
            figures = {name: run(name) for name in pages if name != BARE}
            after = run(BARE)
            # The bare view before and after the pages: the round's own yardstick.
            figures[BARE] = {
                "line": f"{before['line']} / then {after['line']}",
                "rps": (before["rps"] + after["rps"]) / 2,
                "errors": before["errors"] + after["errors"],
            }
            rounds.append(figures)
            bare = figures[BARE]["rps"]
            print(f"round {number}:")
            for name, figure in figures.items():
                print(f"  {name}: {figure['line']} ratio={figure['rps'] / bare:.2f}")
        print("median of the rounds (ratio: the page's requests per second over the bare view's):")
        for name in pages:
            rps = statistics.median(r[name]["rps"] for r in rounds)
            ratio = statistics.median(r[name]["rps"] / r[BARE]["rps"] for r in rounds)
            errors = sum(r[name]["errors"] for r in rounds)
            print(f"  {name}: rps={rps:.1f} ratio={ratio:.2f} errors={errors}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


def measure(wrk, url, session, env) -> dict:
    run = subprocess.run(
        [
            wrk,
            "-t",
            "4",
            "-c",
            str(USERS),
            "-d",
            f"{max(1, SECONDS // ROUNDS)}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench/load/report.lua"),
            url,
        ],
        env={**env, "WRK_COOKIE": f"sessionid={session}"},
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
    )
    line = re.search(r"RESULT (.*)", run.stdout)
    if not line:
        sys.exit(f"wrk gave no figures for {url}: {run.stdout}{run.stderr}")
    figures = dict(pair.split("=") for pair in line.group(1).split())
    return {"line": line.group(1), "rps": float(figures["rps"]), "errors": int(figures["errors"])}


SETUP = """
import django
django.setup()
from kesat_dialogue import tenancy
escape = tenancy.all_communes("a benchmark sets up its own commune")
escape.__enter__()
from django.core.management import call_command
call_command("migrate", verbosity=0)
import os
if os.environ.get("DATABASE_URL"):
    call_command("flush", interactive=False, verbosity=0)
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
from django.db import connection
if connection.vendor == "postgresql":
    # As autovacuum leaves a running site after a load: planner statistics (without them
    # the fresh tables look empty and every page is planned for none of its rows) and the
    # visibility map (without it a count over an index still reads every row's page).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

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
