"""Redis stopped for REDIS_DOWN_SECONDS while users load pages: no failed page load, and the
day's reminders go out after it comes back. Uses a redis-server of its own."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    PYTHON,
    ROOT,
    Users,
    base_env,
    free_port,
    gunicorn,
    login_session,
    manage,
    wait_until_up,
)  # noqa: E402

DOWN = int(os.environ.get("REDIS_DOWN_SECONDS", 300))


def start_redis(port, folder):
    return subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main():
    folder = tempfile.mkdtemp(prefix="kesat-drill-")
    redis_port = free_port()
    env = base_env(VAR_DIR=folder, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    env.pop("DATABASE_URL", None)
    redis = start_redis(redis_port, folder)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    cookie = login_session(env)
    port = free_port()
    server = gunicorn(env, port)
    worker = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "kesat_dialogue",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_until_up(url)
    try:
        with Users(url, cookie, count=10) as users:
            time.sleep(3)
            redis.terminate()
            redis.wait(timeout=10)
            print(f"Redis stopped for {DOWN} s")
            time.sleep(DOWN)
            redis = start_redis(redis_port, folder)
            time.sleep(3)
        failed = [s for _, s in users.results if s != 200]
        print(
            f"page loads during and after the outage: {len(users.results)}, failed: {len(failed)}"
        )
        sweep = subprocess.run(
            [
                PYTHON,
                "-c",
                "import django;django.setup();"
                "from followups.tasks import sweep_reminders;"
                "sweep_reminders.delay()",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        print(
            "sweep queued after Redis came back" if sweep.returncode == 0 else sweep.stderr[-500:]
        )
        time.sleep(10)
        count = subprocess.run(
            [
                PYTHON,
                "-c",
                "import django;django.setup();"
                "from followups.models import Reminder;"
                "print(Reminder.objects.filter(status='sent').count(),"
                " Reminder.objects.exclude(status='sent').count())",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        sent, waiting = count.stdout.split()[-2:]
        print(f"reminders sent after the outage: {sent}, still waiting: {waiting}")
    finally:
        for process in (server, worker, redis):
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
