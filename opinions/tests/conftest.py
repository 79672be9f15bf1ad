import pytest

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.tests.factories import VillageFactory, make_plan


@pytest.fixture
def plan(db):
    plan = make_plan()
    plan.villages.add(VillageFactory(commune=plan.commune, name="Đông Khê"))
    return plan


@pytest.fixture
def front(plan):
    return UserFactory(commune=plan.commune, role=Role.FRONT, full_name="Trần Văn Bình")


@pytest.fixture
def office(plan):
    return UserFactory(commune=plan.commune, role=Role.OFFICE)


@pytest.fixture
def chair(plan):
    return UserFactory(commune=plan.commune, role=Role.CHAIR)
