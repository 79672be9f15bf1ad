"""Role × page for the follow-up pages, with another commune's year present."""

import datetime as dt

import pytest
from django.urls import reverse

from followups import services
from followups.models import Assignment
from followups.tests.conftest import Year
from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory

ALL = set(Role)
READERS = {Role.OFFICE, Role.FRONT, Role.CHAIR, Role.PARTY}
# The working file: the office, the Front, the chair (and the assigned unit, tested apart).
CORE = {Role.OFFICE, Role.FRONT, Role.CHAIR}


def _with_assignment(year):
    services.decide(
        petition=year.petitions[0],
        outcome="assigned",
        by=year.chair,
        unit=year.unit,
        due_date=dt.date(2026, 6, 30),
    )
    year.assignment = Assignment.objects.get(petition=year.petitions[0])
    return year


PAGES = {
    "evaluation": (
        "get",
        lambda y: reverse("followups:evaluation", args=[y.plan.public_id]),
        CORE,
        200,
    ),
    "notice": ("get", lambda y: reverse("followups:notice", args=[y.plan.public_id]), ALL, 200),
    "notice-approve": (
        "post",
        lambda y: reverse("followups:notice-approve", args=[y.plan.public_id]),
        {Role.CHAIR},
        302,
    ),
    "notice-issue": (
        "post",
        lambda y: reverse("followups:notice-issue", args=[y.plan.public_id]),
        {Role.OFFICE},
        302,
    ),
    "assignments": (
        "get",
        lambda y: reverse("followups:assignments", args=[y.plan.public_id]),
        CORE | {Role.AGENCY},
        200,
    ),
    "assignment": (
        "get",
        lambda y: reverse("followups:assignment-detail", args=[y.assignment.public_id]),
        CORE,
        200,
    ),
    "accept": (
        "post",
        lambda y: reverse("followups:review", args=[y.assignment.public_id, "chap-nhan"]),
        {Role.CHAIR},
        302,
    ),
    "supervise": (
        "post",
        lambda y: reverse("followups:supervise", args=[y.assignment.public_id]),
        {Role.FRONT},
        302,
    ),
    "postings": ("get", lambda y: reverse("followups:postings", args=[y.plan.public_id]), ALL, 200),
    "budget": ("get", lambda y: reverse("followups:budget", args=[y.plan.public_id]), ALL, 200),
    "dossier": ("get", lambda y: reverse("followups:dossier", args=[y.plan.public_id]), ALL, 200),
    "dossier-close": (
        "post",
        lambda y: reverse("followups:dossier-close", args=[y.plan.public_id]),
        {Role.OFFICE},
        302,
    ),
}


@pytest.fixture
def years(db):
    return _with_assignment(Year()), _with_assignment(Year())


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(PAGES))
def test_role_page_matrix(client, years, role, page):
    own, other = years
    method, url_for, allowed, ok = PAGES[page]
    client.force_login(UserFactory(commune=own.plan.commune, role=role))

    response = getattr(client, method)(url_for(own))

    assert response.status_code == (ok if role in allowed else 403), (role, page)
    if response.status_code == 200:
        assert other.plan.commune.name not in response.content.decode()


@pytest.mark.parametrize("page", list(PAGES))
def test_another_communes_year_is_not_found(client, years, page):
    own, other = years
    method, url_for, allowed, _ = PAGES[page]
    client.force_login(UserFactory(commune=own.plan.commune, role=sorted(allowed)[0]))

    assert getattr(client, method)(url_for(other)).status_code == 404


def test_the_overview_is_for_readers(client, years):
    own, _ = years
    for role in Role:
        client.force_login(UserFactory(commune=own.plan.commune, role=role))
        status = client.get(reverse("followups:overview")).status_code
        assert status == (200 if role in READERS else 403), role
