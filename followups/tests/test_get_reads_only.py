"""A GET reads: opening any page of a new plan creates no row and marks nothing read."""

import pytest
from django.apps import apps
from django.urls import reverse

from followups.tests.conftest import Year
from kesat_dialogue.models import Notification, Role
from kesat_dialogue.tests.factories import UserFactory

PLAN_PAGES = [
    "meetings:plan-detail",
    "meetings:plan-paper",
    "meetings:delegates",
    "meetings:attendance",
    "meetings:agenda",
    "opinions:form",
    "opinions:slip-create",
    "opinions:import",
    "opinions:import-template",
    "opinions:opinion-list",
    "opinions:petition-list",
    "opinions:petition-assign",
    "opinions:synthesis",
    "opinions:statistics",
    "opinions:console",
    "opinions:projector",
    "opinions:minutes",
    "opinions:minutes-preview",
    "followups:evaluation",
    "followups:notice",
    "followups:notice-preview",
    "followups:assignments",
    "followups:postings",
    "followups:budget",
    "followups:dossier",
    "followups:reminders",
]


def _row_counts() -> dict:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICE, Role.CHAIR, Role.FRONT])
def test_opening_every_page_of_a_new_plan_writes_nothing(client, role):
    year = Year()
    user = UserFactory(commune=year.plan.commune, role=role)
    Notification.objects.create(user=user, text="Có việc mới", url="/")
    client.force_login(user)
    before = _row_counts()

    statuses = {
        name: client.get(reverse(name, args=[year.plan.public_id])).status_code
        for name in PLAN_PAGES
    }
    statuses["notifications"] = client.get(reverse("notifications")).status_code
    statuses["dashboard"] = client.get(reverse("meetings:dashboard")).status_code

    assert set(statuses.values()) <= {200, 403}, statuses
    changed = {
        label: (count, after)
        for (label, count), after in zip(before.items(), _row_counts().values(), strict=True)
        # The law's log of who looked at citizens' identities is written by reading.
        if count != after
        and label not in {"sessions.Session", "axes.AccessLog", "kesat_dialogue.IdentityView"}
    }
    assert changed == {}
    assert Notification.objects.get(user=user).read_at is None
