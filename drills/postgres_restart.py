"""10 users on the dashboard while PostgreSQL restarts: errors only in the restart window,
full service within 5 s after it. Restarts this machine's cluster: not for CI."""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Users, base_env, free_port, gunicorn, login_session, manage, wait_until_up  # noqa: E402

DATABASE = "kesat_drill"


def psql(sql):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql],
        check=True,
        capture_output=True,
        timeout=60,
    )


def main():
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    psql(f"CREATE DATABASE {DATABASE}")
    env = base_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        VAR_DIR=tempfile.mkdtemp(prefix="kesat-drill-"),
    )
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    cookie = login_session(env)
    port = free_port()
    server = gunicorn(env, port)
    url = f"http://127.0.0.1:{port}/"
    wait_until_up(url)
    cluster = sorted(Path("/etc/postgresql").iterdir())[0].name
    try:
        with Users(url, cookie, count=10) as users:
            time.sleep(5)
            began = time.monotonic()
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],
                check=True,
                timeout=120,
            )
            ended = time.monotonic()
            time.sleep(10)
        failures = [(t, s) for t, s in users.results if s != 200]
        after = [(t, s) for t, s in users.results if t > ended]
        recovered = next((t for t, s in after if s == 200), None)
        last_failure_after = max((t for t, s in after if s != 200), default=None)
        print(f"page loads: {len(users.results)}, failed: {len(failures)}")
        print(f"restart took {ended - began:.1f} s")
        outside = [t for t, _ in failures if t < began or t > ended + 5]
        print(f"failures outside the restart window (+5 s): {len(outside)}")
        print(
            f"first success after restart: {((recovered or ended) - ended):.2f} s; "
            f"last failure after restart: {((last_failure_after or ended) - ended):.2f} s"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
