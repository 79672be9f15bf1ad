"""The sections above a dialogue's opinion pages: each role is shown the sections it may
open, and the page it is on stands out."""

import re

import pytest
from django.urls import reverse

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import PlanStatus

pytestmark = pytest.mark.django_db

SECTION_PAGES = [
    "opinions:form",
    "opinions:slip-create",
    "opinions:import",
    "opinions:opinion-list",
    "opinions:petition-list",
    "opinions:petition-assign",
    "opinions:answer-coverage",
    "opinions:synthesis",
    "opinions:statistics",
]


def _sections(html: str) -> dict[str, bool]:
    block = html.split('<ul class="nav nav-pills', 1)[1].split("</ul>", 1)[0]
    pills = re.findall(r'<a class="nav-link( active)?" href="([^"]+)">', block)
    return {url: bool(active) for active, url in pills}


@pytest.mark.parametrize("role", [Role.OFFICE, Role.FRONT, Role.CHAIR, Role.PARTY, Role.AGENCY])
def test_each_role_sees_the_sections_it_may_open_and_where_it_is(client, plan, role):
    client.force_login(UserFactory(commune=plan.commune, role=role))
    here = reverse("opinions:petition-list", args=[plan.public_id])

    shown = _sections(client.get(here).content.decode())

    urls = [reverse(name, args=[plan.public_id]) for name in SECTION_PAGES]
    assert set(shown) == {url for url in urls if client.get(url).status_code == 200}
    assert [url for url, active in shown.items() if active] == [here]


def test_an_archived_dialogue_shows_no_section_that_changes_it(client, plan):
    plan.status = PlanStatus.ARCHIVED
    plan.save()
    client.force_login(UserFactory(commune=plan.commune, role=Role.FRONT))

    shown = _sections(
        client.get(reverse("opinions:petition-list", args=[plan.public_id])).content.decode()
    )

    assert reverse("opinions:slip-create", args=[plan.public_id]) not in shown
    assert reverse("opinions:opinion-list", args=[plan.public_id]) in shown
