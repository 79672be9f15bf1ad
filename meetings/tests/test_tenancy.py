"""Tenancy the ORM enforces: a query that forgot its commune is scoped in a staff request and
refused everywhere else, unless the code names its escape."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from kesat_dialogue import tenancy
from kesat_dialogue.models import Notification, Role
from kesat_dialogue.tests.factories import CommuneFactory, UserFactory
from meetings.models import DialoguePlan, Milestone
from meetings.tests.factories import make_plan


@pytest.fixture
def two_communes(db):
    return make_plan(CommuneFactory(slug="xa-mot")), make_plan(CommuneFactory(slug="xa-hai"))


@override_settings(ROOT_URLCONF="meetings.tests.careless_urls")
def test_a_view_that_forgets_the_scope_still_reads_only_its_commune(client, two_communes):
    own, _ = two_communes
    client.force_login(UserFactory(commune=own.commune, role=Role.OFFICE))

    assert client.get("/moi-ke-hoach/").json() == {"years": ["xa-mot"]}


@override_settings(ROOT_URLCONF="meetings.tests.careless_urls")
def test_a_view_without_a_commune_that_forgets_the_scope_fails_loudly(client, two_communes):
    with pytest.raises(tenancy.ScopeError):
        client.get("/moi-ke-hoach/")


def test_code_outside_any_commune_is_refused_however_it_queries(two_communes):
    own, _ = two_communes
    with scope(commune=None):
        attempts = {
            "iterate": lambda: list(DialoguePlan.objects.all()),
            "count": lambda: DialoguePlan.objects.count(),
            "exists": lambda: Milestone.objects.filter(plan=own).exists(),
            "get": lambda: DialoguePlan.objects.get(pk=own.pk),
            "iterator": lambda: list(DialoguePlan.objects.iterator()),
            "aggregate": lambda: Milestone.objects.aggregate(n=Count("pk")),
            "values": lambda: list(DialoguePlan.objects.values_list("year", flat=True)),
            "update": lambda: Milestone.objects.update(done_at=None),
            "delete": lambda: Milestone.objects.all().delete(),
            "related": lambda: list(own.milestones.all()),
        }
        for name, attempt in attempts.items():
            with pytest.raises(tenancy.ScopeError):
                print(name)
                attempt()


def test_each_way_of_querying_is_limited_to_the_scope_commune(two_communes):
    own, other = two_communes
    with tenancy.commune_scope(own.commune):
        assert [p.pk for p in DialoguePlan.objects.all()] == [own.pk]
        assert DialoguePlan.objects.count() == 1
        assert not DialoguePlan.objects.filter(pk=other.pk).exists()
        assert [p.pk for p in DialoguePlan.objects.iterator()] == [own.pk]
        assert set(Milestone.objects.values_list("plan_id", flat=True)) == {own.pk}
        assert Milestone.objects.update(done_at=None) == own.milestones.count()
        with pytest.raises(DialoguePlan.DoesNotExist):
            DialoguePlan.objects.get(pk=other.pk)
        # Prefetching and related managers are scoped too.
        plans = list(DialoguePlan.objects.prefetch_related("milestones"))
        assert {m.plan_id for p in plans for m in p.milestones.all()} == {own.pk}
    assert Milestone.objects.filter(plan=other).count() == other.milestones.count() > 0


def test_rows_under_a_parent_of_the_commune_are_read_without_a_join_and_others_not_at_all(
    two_communes,
):
    own, other = two_communes
    with tenancy.commune_scope(own.commune):
        with CaptureQueriesContext(connection) as queries:
            steps = Milestone.objects.under(plan=own).count()
        foreign = list(Milestone.objects.under(plan=other))
        mixed = (
            Milestone.objects.under(plan=own)
            .order_by()
            .union(Milestone.objects.filter(plan=other).order_by())
        )

        assert steps == own.milestones.count() > 0
        assert "meetings_dialogueplan" not in queries[0]["sql"]
        assert foreign == []
        assert {step.plan_id for step in mixed} == {own.pk}
    with pytest.raises(ValueError, match="does not take its commune from plan"):
        DialoguePlan.objects.under(plan=own)


def test_the_named_escape_reads_every_commune(two_communes):
    with scope(commune=None), tenancy.all_communes("a sweep over every commune"):
        assert DialoguePlan.objects.count() == 2
        assert DialoguePlan.objects.for_commune(two_communes[1].commune).count() == 1


def test_a_task_starts_outside_any_commune_even_when_run_in_process(two_communes):
    from kesat_dialogue.celery import app  # noqa: PLC0415

    @app.task(name="tests.count_plans")
    def count_plans():
        return DialoguePlan.objects.count()

    with tenancy.commune_scope(two_communes[0].commune), pytest.raises(tenancy.ScopeError):
        count_plans.apply().get()


def test_users_and_their_notices_are_found_before_any_scope(two_communes):
    """Signing in reads users outside any commune; a user's notices need their commune."""
    user = UserFactory(commune=two_communes[0].commune)
    Notification.objects.create(user=user, text="Nhắc hạn")
    with scope(commune=None):
        assert type(user).objects.get(pk=user.pk) == user
        with pytest.raises(tenancy.ScopeError):
            Notification.objects.filter(user=user).count()
