import datetime as dt

import factory

from kesat_dialogue.tests.factories import CommuneFactory
from meetings import plan_texts, services
from meetings.models import DialoguePlan, PlanStatus, Unit, UnitKind, Village


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Thôn {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Bộ phận {n}")
    kind = UnitKind.AGENCY


def make_plan(
    commune=None,
    *,
    year=2026,
    meeting_date=dt.date(2026, 6, 18),
    villages=None,
    due_dates=None,
    **fields,
):
    """A plan with the default texts and one milestone per step, as the office creates it."""
    commune = commune or CommuneFactory()
    if villages is None:
        villages = [VillageFactory(commune=commune) for _ in range(2)]
    plan = DialoguePlan(
        commune=commune,
        year=year,
        plan_date=dt.date(year, 5, 20),
        basis="Căn cứ thử.",
        signer_name="Phạm Thị Thu Hiền",
        **{**plan_texts.defaults(year), **fields},
    )
    return services.create_plan(
        plan=plan, villages=villages, meeting_date=meeting_date, due_dates=due_dates
    )


def reopen_demo_year(year=2026):
    """The demo archives Kè Sắt's 2026; tests that work in it open it again first."""
    plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=year, number=1)
    DialoguePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    return DialoguePlan.objects.with_timeline().get(pk=plan.pk)
