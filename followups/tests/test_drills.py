"""The fault drills of ``drills/`` run here against servers of their own (a PostgreSQL
cluster made by initdb, a redis-server on a spare port), so CI breaks nothing shared.
The Redis outage is shortened to 30 s to fit CI; its 5-minute run is the same code
(``python -m drills.redis_outage``)."""

from drills import postgres_restart, redis_outage, two_beats


def test_postgresql_restart_fails_pages_only_inside_the_restart_window():
    figures = postgres_restart.run(users=10, before=3, after=8)
    print(figures)

    assert figures["failed_outside_window"] == 0
    assert figures["loads_after_window"] > 50
    assert figures["first_success_after_restart_seconds"] <= postgres_restart.GRACE_SECONDS


def test_redis_outage_fails_no_page_and_reminders_catch_up_after():
    figures = redis_outage.run(down_seconds=30)
    print(figures)

    assert figures["failed_page_loads"] == 0
    assert figures["page_loads"] > 100
    assert figures["imports"] >= 5, "the officer's uploads did not go on during the outage"
    assert figures["failed_imports"] == 0
    assert figures["slips_imported"] == figures["imports"]
    assert figures["step_reminders_during_outage"] == 0
    assert figures["step_reminders_sent_after"] >= 1
    assert figures["step_reminders_waiting_after"] == 0


def test_two_beats_at_once_never_send_a_reminder_twice():
    figures = two_beats.run(seconds=12)
    print(figures)

    assert figures["sweeps_run"] >= 6, "the beats did not run several sweeps side by side"
    assert figures["reminders"] > 0 and figures["not_sent"] == 0
    assert figures["emails_delivered"] == figures["email_rows"]
    assert figures["emails_delivered_twice"] == 0
    assert figures["notifications"] == figures["in_app_rows"]
    assert figures["data_request_notices_twice"] == 0
