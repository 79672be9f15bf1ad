"""Shared pieces of the drills: a gunicorn on loopback, users that keep loading a page."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )


def django_run(env, code: str) -> str:
    """Run ``code`` in a fresh process of the app (settings from ``env``); its last line out."""
    # A drill step is a script over the installation, like a command: it names its escape.
    prologue = (
        "import django;django.setup()\n"
        "from kesat_dialogue import tenancy\n"
        "escape = tenancy.all_communes('a drill step sets up and counts across communes')\n"
        "escape.__enter__()\n"
    )
    out = subprocess.run(
        [PYTHON, "-c", prologue + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if out.returncode:
        raise RuntimeError(f"drill step failed:\n{code}\n{out.stderr[-3000:]}")
    return (out.stdout.strip().splitlines() or [""])[-1]


def login_session(env) -> str:
    return django_run(
        env,
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY\n"
        "from kesat_dialogue.models import User\n"
        "u=User.objects.get(username='vanphong')\n"
        "s=SessionStore();s[SESSION_KEY]=str(u.pk)\n"
        "s[BACKEND_SESSION_KEY]='django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY]=u.get_session_auth_hash();s.set_expiry(86400);s.create()\n"
        "print(s.session_key)\n",
    )


def stop(*processes):
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def celery(env, *args, loglevel="WARNING"):
    return subprocess.Popen(
        [PYTHON, "-m", "celery", "-A", "kesat_dialogue", *args, f"--loglevel={loglevel}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def gunicorn(env, port):
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "kesat_dialogue.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} never answered")


class Users:
    """N users loading a page in a loop; every answer is kept with its time."""

    def __init__(self, url, cookie, count=10):
        self.url, self.cookie, self.count = url, cookie, count
        self.results: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def _user(self):
        while not self._stop.is_set():
            request = urllib.request.Request(
                self.url, headers={"Cookie": f"sessionid={self.cookie}"}
            )
            try:
                status = urllib.request.urlopen(request, timeout=10).status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError:
                status = 0
            with self._lock:
                self.results.append((time.monotonic(), status))

    def __enter__(self):
        self._threads = [
            threading.Thread(target=self._user, daemon=True) for _ in range(self.count)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)


def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DEBUG": "1",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "kesat_dialogue.settings",
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def report(title: str, figures: dict) -> None:
    """What a drill prints: its title, then one figure a line."""
    print(title)
    for name, value in figures.items():
        print(f"{name}: {value}")


@contextlib.contextmanager
def workspace():
    """A folder for the drill's database, logs and mail; removed after, kept with DRILL_KEEP=1."""
    folder = Path(tempfile.mkdtemp(prefix="kesat-drill-"))
    try:
        yield folder
    finally:
        if os.environ.get("DRILL_KEEP"):
            print(f"drill files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
