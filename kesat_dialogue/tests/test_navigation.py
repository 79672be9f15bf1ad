"""The main menu: each role sees a link to every menu page it may open, and to no other."""

import re

import pytest
from django.urls import reverse, set_script_prefix

from kesat_dialogue import access, navigation
from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MENU_PAGES = [
    "meetings:dashboard",
    "meetings:plan-list",
    "opinions:answer-queue",
    "followups:my-assignments",
    "followups:overview",
    "register",
    "opinions:data-requests",
    "followups:periodic-report",
]


def _menu(html: str) -> set[str]:
    return set(re.findall(r'<a class="nav-link" href="([^"]+)">', html))


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_a_link_to_exactly_the_menu_pages_it_may_open(client, role):
    client.force_login(UserFactory(role=role))

    shown = _menu(client.get(reverse("notifications")).content.decode())

    opened = {reverse(name) for name in MENU_PAGES if client.get(reverse(name)).status_code == 200}
    assert shown == opened
    assert reverse("meetings:dashboard") in shown


def test_the_menu_follows_the_address_the_site_is_served_under():
    office = UserFactory(role=Role.OFFICE)
    at_root = navigation.main_menu(office)
    set_script_prefix("/ke-sat/")
    try:
        under_prefix = navigation.main_menu(office)
    finally:
        set_script_prefix("/")

    assert under_prefix == tuple(("/ke-sat" + url, label) for url, label in at_root)


def test_a_menu_is_built_only_from_rules_that_name_roles():
    assert access.role_may(Role.OFFICE, "register.view")
    assert not access.role_may(Role.VILLAGE, "register.view")
    with pytest.raises(ValueError, match="depends on the user"):
        access.role_may(Role.OFFICE, "milestone.complete")
