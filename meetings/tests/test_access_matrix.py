"""Role × page: who may open what, with a second commune's data present so a leak shows."""

import pytest
from django.urls import reverse

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings import services
from meetings.tests.factories import make_plan

ROLES = list(Role)
EVERYONE = set(ROLES)
OFFICE = {Role.OFFICE}

# page name → (method, how to build the URL, roles that may use it, status when allowed)
PAGES = {
    "dashboard": ("get", lambda own, other: reverse("meetings:dashboard"), EVERYONE, 200),
    "plan-list": ("get", lambda own, other: reverse("meetings:plan-list"), EVERYONE, 200),
    "plan-detail": (
        "get",
        lambda own, other: reverse("meetings:plan-detail", args=[own.public_id]),
        EVERYONE,
        200,
    ),
    "plan-create": ("get", lambda own, other: reverse("meetings:plan-create"), OFFICE, 200),
    "plan-edit": (
        "get",
        lambda own, other: reverse("meetings:plan-edit", args=[own.public_id]),
        OFFICE,
        200,
    ),
    "plan-copy": (
        "get",
        lambda own, other: reverse("meetings:plan-copy", args=[own.public_id]),
        OFFICE,
        200,
    ),
    "synthesis-done": (
        "post",
        lambda own, other: reverse(
            "meetings:milestone-complete", args=[own.public_id, "synthesis"]
        ),
        {Role.FRONT},
        302,
    ),
    "meeting-done": (
        "post",
        lambda own, other: reverse("meetings:milestone-complete", args=[own.public_id, "meeting"]),
        {Role.CHAIR},
        302,
    ),
    "plan-paper": (
        "get",
        lambda own, other: reverse("meetings:plan-paper", args=[own.public_id]),
        EVERYONE,
        200,
    ),
    "plan-paper-pdf": (
        "get",
        lambda own, other: reverse("meetings:plan-paper-pdf", args=[own.public_id]),
        EVERYONE,
        200,
    ),
    "plan-issue": (
        "post",
        lambda own, other: reverse("meetings:plan-issue", args=[own.public_id]),
        OFFICE,
        302,
    ),
    "register": ("get", lambda own, other: reverse("register"), {Role.OFFICE, Role.CHAIR}, 200),
    "delegates": (
        "get",
        lambda own, other: reverse("meetings:delegates", args=[own.public_id]),
        {Role.OFFICE, Role.VILLAGE, Role.CHAIR},
        200,
    ),
    "delegates-compose": (
        "post",
        lambda own, other: reverse("meetings:delegates-compose", args=[own.public_id]),
        OFFICE,
        302,
    ),
    "invitations": (
        "get",
        lambda own, other: reverse("meetings:invitations-pdf", args=[own.public_id]),
        {Role.OFFICE, Role.VILLAGE, Role.CHAIR},
        200,
    ),
    "attendance": (
        "get",
        lambda own, other: reverse("meetings:attendance", args=[own.public_id]),
        EVERYONE,
        200,
    ),
    "meeting-settings": (
        "post",
        lambda own, other: reverse("meetings:meeting-settings", args=[own.public_id]),
        {Role.OFFICE, Role.CHAIR},
        302,
    ),
    "agenda": (
        "get",
        lambda own, other: reverse("meetings:agenda", args=[own.public_id]),
        EVERYONE,
        200,
    ),
    "agenda-add": (
        "post",
        lambda own, other: reverse("meetings:agenda-add", args=[own.public_id]),
        {Role.OFFICE, Role.CHAIR},
        302,
    ),
    "replies-done": (
        "post",
        lambda own, other: reverse(
            "meetings:milestone-complete", args=[own.public_id, "agency_replies"]
        ),
        {Role.AGENCY},
        302,
    ),
}
# Pages that name an object: opening another commune's object must be a 404 for everyone.
FOREIGN = {
    "plan-detail": ("get", "meetings:plan-detail", []),
    "plan-edit": ("get", "meetings:plan-edit", []),
    "plan-copy": ("post", "meetings:plan-copy", []),
    "synthesis-done": ("post", "meetings:milestone-complete", ["synthesis"]),
    "plan-paper": ("get", "meetings:plan-paper", []),
    "plan-paper-pdf": ("get", "meetings:plan-paper-pdf", []),
    "plan-issue": ("post", "meetings:plan-issue", []),
    "delegates": ("get", "meetings:delegates", []),
    "attendance": ("get", "meetings:attendance", []),
    "agenda": ("get", "meetings:agenda", []),
}


@pytest.fixture
def plans(db):
    own = make_plan()
    other = make_plan(year=2026)
    return own, other


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_role_page_matrix(client, plans, role, page):
    own, other = plans
    method, url_for, allowed, ok_status = PAGES[page]
    client.force_login(UserFactory(commune=own.commune, role=role))

    response = getattr(client, method)(url_for(own, other))

    expected = ok_status if role in allowed else 403
    assert response.status_code == expected, (role, page)
    if expected == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert other.commune.name not in html
        assert str(other.public_id) not in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(FOREIGN))
def test_another_communes_objects_are_not_found(client, plans, role, page):
    own, other = plans
    method, name, extra = FOREIGN[page]
    client.force_login(UserFactory(commune=own.commune, role=role))

    response = getattr(client, method)(reverse(name, args=[other.public_id, *extra]))

    assert response.status_code == 404
    assert not other.milestones.filter(done_at__isnull=False).exists()


@pytest.mark.parametrize("page", list(PAGES))
def test_anonymous_visitors_are_sent_to_login(client, plans, page):
    own, other = plans
    method, url_for, _, _ = PAGES[page]

    response = getattr(client, method)(url_for(own, other))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_another_communes_issued_paper_is_not_found(client, plans, role):
    own, other = plans
    other_office = UserFactory(commune=other.commune, role=Role.OFFICE)
    paper = services.issue_plan(plan=other, by=other_office)
    client.force_login(UserFactory(commune=own.commune, role=role))

    response = client.get(reverse("paper-download", args=[paper.public_id]))

    assert response.status_code == 404


def test_a_user_without_commune_gets_a_clear_refusal(client, db):
    client.force_login(UserFactory(commune=None, role=""))

    response = client.get(reverse("meetings:dashboard"))

    assert response.status_code == 403
    assert "chưa được gắn với xã" in response.content.decode()


def test_the_installations_administrator_is_sent_to_the_admin(client, db):
    client.force_login(UserFactory(commune=None, role="", is_superuser=True, is_staff=True))

    response = client.get(reverse("meetings:dashboard"))

    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
