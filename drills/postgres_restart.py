"""10 users on the dashboard while PostgreSQL restarts: errors only in the restart window,
full service within 5 s after it. The drill restarts a cluster of its own (initdb on a
spare port), never the machine's. Run: ``python -m drills.postgres_restart``."""

import time

from drills.common import (
    Users,
    base_env,
    free_port,
    gunicorn,
    login_session,
    manage,
    report,
    stop,
    wait_until_up,
    workspace,
)
from drills.servers import OwnPostgres

GRACE_SECONDS = 5


def run(users: int = 10, before: float = 5, after: float = 10) -> dict:
    with workspace() as folder, OwnPostgres() as postgres:
        env = base_env(DATABASE_URL=postgres.url, VAR_DIR=folder)
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        cookie = login_session(env)
        port = free_port()
        server = gunicorn(env, port)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(url)
            with Users(url, cookie, count=users) as loads:
                time.sleep(before)
                began = time.monotonic()
                postgres.restart()
                ended = time.monotonic()
                time.sleep(after)
        finally:
            stop(server)
    results = loads.results
    failures = [t for t, status in results if status != 200]
    after_restart = [(t, status) for t, status in results if t > ended]
    first_success = next((t for t, status in after_restart if status == 200), None)
    outside = [t for t in failures if t < began or t > ended + GRACE_SECONDS]
    return {
        "page_loads": len(results),
        "failed": len(failures),
        "restart_seconds": round(ended - began, 2),
        "failed_outside_window": len(outside),
        "loads_after_window": sum(1 for t, _ in results if t > ended + GRACE_SECONDS),
        "first_success_after_restart_seconds": (
            None if first_success is None else round(first_success - ended, 2)
        ),
        "last_failure_after_restart_seconds": round(
            max((t - ended for t in failures if t > ended), default=0.0), 2
        ),
    }


def main():
    report("PostgreSQL (own cluster) restarted under 10 users on the dashboard", run())


if __name__ == "__main__":
    main()
