"""Role × page for the opinions pages, with another commune's data present."""

import pytest
from django.urls import reverse

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.tests.factories import make_plan
from opinions import data_requests, services
from opinions.models import DataRequest
from opinions.tests.factories import agency_of, make_slip

ALL = set(Role)
OFFICE_FRONT = {Role.OFFICE, Role.FRONT}
READERS = {Role.OFFICE, Role.FRONT, Role.CHAIR, Role.PARTY}
# Citizens' names: the office, the Front and the chair.
CORE = {Role.OFFICE, Role.FRONT, Role.CHAIR}


class World:
    def __init__(self):
        self.plan = make_plan()
        self.front = UserFactory(commune=self.plan.commune, role=Role.FRONT)
        self.slip = make_slip(self.plan, 1, ["Đề nghị sửa đường làng"], by=self.front)
        opinion = self.slip.opinions.get()
        self.agency, unit = agency_of(self.plan.commune)
        self.petition = services.merge(
            plan=self.plan,
            opinions=[opinion],
            text="Sửa đường",
            field=opinion.field,
            unit=unit,
            by=self.front,
        )
        self.opinion = opinion
        office = UserFactory(commune=self.plan.commune, role=Role.OFFICE)
        self.data_request = data_requests.register(
            DataRequest(
                kind="access", person_name="Phạm Thị Nguyệt", received_on=self.plan.plan_date
            ),
            commune=self.plan.commune,
            by=office,
        )


# name → (method, url builder, roles allowed, status when allowed)
PAGES = {
    "data-requests": ("get", lambda w: reverse("opinions:data-requests"), {Role.OFFICE}, 200),
    "data-request-create": (
        "get",
        lambda w: reverse("opinions:data-request-create"),
        {Role.OFFICE},
        200,
    ),
    "data-request": ("get", lambda w: w.data_request.get_absolute_url(), {Role.OFFICE}, 200),
    "data-request-ack": (
        "post",
        lambda w: reverse("opinions:data-request-ack", args=[w.data_request.public_id]),
        {Role.OFFICE},
        302,
    ),
    "data-request-pdf": (
        "get",
        lambda w: reverse("opinions:data-request-pdf", args=[w.data_request.public_id]),
        {Role.OFFICE},
        200,
    ),
    "form": (
        "get",
        lambda w: reverse("opinions:form", args=[w.plan.public_id]),
        {Role.OFFICE},
        200,
    ),
    "form-ready": (
        "post",
        lambda w: reverse("opinions:form-ready", args=[w.plan.public_id]),
        {Role.OFFICE},
        302,
    ),
    "slip-create": (
        "get",
        lambda w: reverse("opinions:slip-create", args=[w.plan.public_id]),
        OFFICE_FRONT,
        200,
    ),
    "slip-edit": (
        "get",
        lambda w: reverse("opinions:slip-edit", args=[w.slip.public_id]),
        CORE,
        200,
    ),
    "opinion-list": (
        "get",
        lambda w: reverse("opinions:opinion-list", args=[w.plan.public_id]),
        READERS,
        200,
    ),
    "import": (
        "get",
        lambda w: reverse("opinions:import", args=[w.plan.public_id]),
        OFFICE_FRONT,
        200,
    ),
    "import-template": (
        "get",
        lambda w: reverse("opinions:import-template", args=[w.plan.public_id]),
        OFFICE_FRONT,
        200,
    ),
    "export": (
        "get",
        lambda w: reverse("opinions:export", args=[w.plan.public_id]),
        {Role.OFFICE, Role.FRONT, Role.CHAIR},
        200,
    ),
    "petition-list": (
        "get",
        lambda w: reverse("opinions:petition-list", args=[w.plan.public_id]),
        ALL,
        200,
    ),
    "petition-create": (
        "get",
        lambda w: reverse("opinions:petition-create", args=[w.plan.public_id]),
        {Role.FRONT},
        200,
    ),
    "petition-detail": ("get", lambda w: w.petition.get_absolute_url(), ALL, 200),
    "petition-assign": (
        "get",
        lambda w: reverse("opinions:petition-assign", args=[w.plan.public_id]),
        {Role.CHAIR, Role.OFFICE},
        200,
    ),
    "unmerge": (
        "post",
        lambda w: reverse("opinions:opinion-unmerge", args=[w.opinion.public_id]),
        {Role.FRONT},
        302,
    ),
    "answer-queue": ("get", lambda w: reverse("opinions:answer-queue"), {Role.AGENCY}, 200),
    "answer-coverage": (
        "get",
        lambda w: reverse("opinions:answer-coverage", args=[w.plan.public_id]),
        READERS,
        200,
    ),
    "booklet": (
        "get",
        lambda w: reverse("opinions:answer-booklet", args=[w.plan.public_id]),
        ALL,
        200,
    ),
    "synthesis": (
        "get",
        lambda w: reverse("opinions:synthesis", args=[w.plan.public_id]),
        READERS,
        200,
    ),
    "synthesis-send": (
        "post",
        lambda w: reverse("opinions:synthesis-send", args=[w.plan.public_id]),
        {Role.FRONT},
        302,
    ),
    "console": ("get", lambda w: reverse("opinions:console", args=[w.plan.public_id]), CORE, 200),
    "console-next": (
        "post",
        lambda w: reverse("opinions:speaker-next", args=[w.plan.public_id]),
        {Role.OFFICE, Role.CHAIR},
        302,
    ),
    "projector": (
        "get",
        lambda w: reverse("opinions:projector", args=[w.plan.public_id]),
        CORE,
        200,
    ),
    "minutes": ("get", lambda w: reverse("opinions:minutes", args=[w.plan.public_id]), CORE, 200),
    "minutes-preview": (
        "get",
        lambda w: reverse("opinions:minutes-preview", args=[w.plan.public_id]),
        CORE,
        200,
    ),
    "minutes-issue": (
        "post",
        lambda w: reverse("opinions:minutes-issue", args=[w.plan.public_id]),
        {Role.OFFICE, Role.CHAIR},
        302,
    ),
    "statistics": (
        "get",
        lambda w: reverse("opinions:statistics", args=[w.plan.public_id]),
        ALL,
        200,
    ),
}


@pytest.fixture
def worlds(db):
    return World(), World()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", list(PAGES))
def test_role_page_matrix(client, worlds, role, page):
    own, other = worlds
    method, url_for, allowed, ok = PAGES[page]
    client.force_login(UserFactory(commune=own.plan.commune, role=role))

    response = getattr(client, method)(url_for(own))

    assert response.status_code == (ok if role in allowed else 403), (role, page)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert other.plan.commune.name not in response.content.decode()


# Pages of no one object: the commune's own list or form.
WITHOUT_OBJECT = {"answer-queue", "data-requests", "data-request-create"}


@pytest.mark.parametrize("page", [p for p in PAGES if p not in WITHOUT_OBJECT])
def test_another_communes_objects_are_not_found(client, worlds, page):
    own, other = worlds
    method, url_for, allowed, _ = PAGES[page]
    role = sorted(allowed)[0]
    client.force_login(UserFactory(commune=own.plan.commune, role=role))

    response = getattr(client, method)(url_for(other))

    assert response.status_code == 404


def test_the_agency_answers_only_its_own_petitions(client, worlds):
    own, other = worlds
    client.force_login(own.agency)

    mine = client.get(reverse("opinions:answer-edit", args=[own.petition.public_id]))
    theirs = client.get(reverse("opinions:answer-edit", args=[other.petition.public_id]))

    assert mine.status_code == 200 and theirs.status_code == 404
