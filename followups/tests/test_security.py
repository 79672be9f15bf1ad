"""Security headers on every page, login throttling, sessions, and the health check."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from followups.tests.conftest import Year
from kesat_dialogue.celery import app as celery_app
from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from opinions.models import ImportJob, OpinionSlip, SpeakerRequest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if "quan-tri" in str(entry.pattern):
                continue  # Django's own admin, tested elsewhere
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _fill(route: str, year: Year) -> str:
    slip = OpinionSlip.objects.filter(plan=year.plan).first()
    values = {
        "plan_id": year.plan.public_id,
        "slip_id": slip.public_id,
        "petition_id": year.petitions[0].public_id,
        "opinion_id": year.petitions[0].opinions.first().public_id,
        "job_id": ImportJob.objects.create(
            plan=year.plan, filename="x.xlsx", created_by=year.office
        ).public_id,
        "speaker_id": SpeakerRequest.objects.create(plan=year.plan, position=1, name="A").public_id,
        "commune_slug": year.plan.commune.slug,
        "year": year.plan.year,
        "village_id": year.villages[0].pk,
        "kind": "synthesis",
        "action": "xem",
    }

    def replace(match):
        name = match.group(2)
        return str(values.get(name, "00000000-0000-0000-0000-000000000000"))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", replace, route)


@pytest.fixture
def hardened(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


def test_every_page_carries_the_security_headers(client, hardened):
    year = Year()
    client.force_login(year.office)
    checked = 0
    for route, _ in _patterns():
        response = client.get(_fill(route, year), secure=True)
        assert response.status_code != 500, route
        assert response["X-Content-Type-Options"] == "nosniff", route
        assert response["Referrer-Policy"] == "same-origin", route
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), route
        if response.get("Content-Type", "").startswith("text/html"):
            policy = response["Content-Security-Policy"]
            for directive in (
                "default-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
            ):
                assert directive in policy, (route, policy)
            checked += 1
    assert checked > 40


def test_no_template_carries_inline_script_or_style():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|<style", text) or re.search(
            r"\son\w+=\"", text
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_session_and_csrf_cookies_are_secure_httponly_and_lax(client, hardened):
    year = Year()
    UserFactory(commune=year.plan.commune, role=Role.OFFICE, username="vp")

    response = client.post(
        reverse("login"), {"username": "vp", "password": "matkhau-thu-2026"}, secure=True
    )

    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_five_failures_lock_that_username_from_that_address_only(client):
    year = Year()
    UserFactory(commune=year.plan.commune, role=Role.OFFICE, username="vp")
    UserFactory(commune=year.plan.commune, role=Role.FRONT, username="mt")
    for _ in range(5):
        client.post(reverse("login"), {"username": "vp", "password": "sai"})

    locked = client.post(reverse("login"), {"username": "vp", "password": "matkhau-thu-2026"})
    other_user = client.post(reverse("login"), {"username": "mt", "password": "matkhau-thu-2026"})

    assert locked.status_code == 429
    assert "hãy thử lại sau 15 phút" in locked.content.decode()
    assert other_user.status_code == 302


def test_sessions_end_after_twelve_hours_and_when_the_user_is_deactivated(client):
    year = Year()
    start = dt.datetime(2026, 6, 18, 7, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(year.office)
        assert client.get(reverse("meetings:dashboard")).status_code == 200
    for hour in range(1, 13):  # active every 20 minutes all day
        with time_machine.travel(start + dt.timedelta(hours=hour - 0.5), tick=False):
            client.get(reverse("meetings:dashboard"))
    with time_machine.travel(start + dt.timedelta(hours=12, minutes=10), tick=False):
        late = client.get(reverse("meetings:dashboard"))
    assert late.status_code == 302 and late.url.startswith(reverse("login"))

    client.force_login(year.front)
    year.front.is_active = False
    year.front.save()
    from django.contrib.sessions.models import Session

    assert not [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(year.front.pk)
    ]
    assert client.get(reverse("meetings:dashboard")).status_code == 302


def test_inactivity_ends_a_session_after_thirty_minutes(client):
    year = Year()
    start = dt.datetime(2026, 6, 18, 7, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(year.office)
        client.get(reverse("meetings:dashboard"))
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        still_in = client.get(reverse("meetings:dashboard"))
    with time_machine.travel(start + dt.timedelta(minutes=29 + 31), tick=False):
        timed_out = client.get(reverse("meetings:dashboard"))

    assert still_in.status_code == 200
    assert timed_out.status_code == 302 and timed_out.url.startswith(reverse("login"))


def test_the_health_check_names_what_does_not_answer(client):
    ok = client.get(reverse("healthz"))
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app.pool.force_close_all()
    try:
        broken = client.get(reverse("healthz"))
    finally:
        celery_app.conf.broker_url = saved
        celery_app.pool.force_close_all()

    assert ok.status_code == 200 and ok.json() == {"database": "ok", "broker": "ok"}
    assert broken.status_code == 503 and broken.json() == {
        "database": "ok",
        "broker": "không trả lời",
    }
