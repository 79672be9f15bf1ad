import datetime as dt
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from kesat_dialogue.models import Commune, Role, User
from meetings.models import DialoguePlan, Membership, Unit
from meetings.schedule import MilestoneKind, MilestoneState

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
LOAD_DAY = dt.datetime(2026, 11, 29, 9, 0, tzinfo=HCM)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    with time_machine.travel(LOAD_DAY, tick=False):
        call_command("load_demo", stdout=StringIO())


def test_demo_plan_carries_every_fact_of_the_seed(demo):
    plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)

    assert [v.name for v in plan.villages.all()] == [
        "Quán Gỏi",
        "Phương Độ",
        "Ngọc Mai",
        "Thượng Khuông",
    ]
    assert plan.expected_attendance == 100
    assert plan.venue == "Tại tầng 3- Nhà C- Trụ sở Đảng ủy - HĐND - UBND - UBMTTQ xã"
    assert plan.duration == "½ ngày"
    assert plan.meeting_date.month == 6
    assert plan.basis.startswith("Thực hiện Kế hoạch số 24-KH/ĐU ngày 19/01/2026")
    assert "Dân biết, dân bàn, dân kiểm tra" in plan.requirements
    assert "Từ nguồn kinh phí hoạt động của UBND xã năm 2026." in plan.budget
    assert "cử cấp phó đi dự thay" in plan.duties_units
    assert "giám sát việc thực hiện những kết luận" in plan.duties_front
    assert plan.recipients.splitlines()[0] == "BTV Đảng ủy,"
    assert (plan.signer_capacity, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "Q. CHỦ TỊCH",
        "Phạm Thị Thu Hiền",
    )
    due = {m.kind: m.due_date.strftime("%d/%m/%Y") for m in plan.milestones.all()}
    seed_dates = {
        MilestoneKind.FORM_READY: "01/06/2026",
        MilestoneKind.SYNTHESIS: "10/06/2026",
        MilestoneKind.WRITTEN_ANSWERS: "15/06/2026",
        MilestoneKind.EVALUATION: "25/06/2026",
        MilestoneKind.CONCLUSION_NOTICE: "27/06/2026",
        MilestoneKind.AGENCY_REPLIES: "30/06/2026",
    }
    assert {kind: due[kind] for kind in seed_dates} == seed_dates


def test_demo_steps_of_ke_sat_that_have_passed_are_done(demo):
    plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)

    assert all(m.is_done for m in plan.milestones.all())
    synthesis = plan.milestones.get(kind=MilestoneKind.SYNTHESIS)
    assert synthesis.done_by.role == Role.FRONT


def test_demo_plan_of_thu_nghiem_shows_every_state(demo):
    plan = DialoguePlan.objects.get(commune__slug="thu-nghiem")

    states = {m.kind: m.state(LOAD_DAY.date()) for m in plan.milestones.all()}

    assert set(states.values()) == set(MilestoneState)
    assert states[MilestoneKind.SYNTHESIS] == MilestoneState.OVERDUE
    assert states[MilestoneKind.MEETING] == MilestoneState.DUE_SOON


def test_demo_users_roles_and_places(demo, settings):
    roles = dict(User.objects.filter(commune__slug="ke-sat").values_list("username", "role"))

    assert roles == {
        "vanphong": Role.OFFICE,
        "mattran": Role.FRONT,
        "chutich": Role.CHAIR,
        "phochutich": Role.CHAIR,
        "diachinh": Role.AGENCY,
        "vanhoa": Role.AGENCY,
        "congan": Role.AGENCY,
        "danguy": Role.PARTY,
        "quangoi": Role.VILLAGE,
    }
    assert User.objects.get(username="thunghiem").commune.name == "Thử Nghiệm"
    assert User.objects.get(username="vanphong").check_password(settings.DEMO_PASSWORD)
    assert Membership.objects.get(user__username="quangoi").village.name == "Quán Gỏi"
    assert Membership.objects.get(user__username="diachinh").unit.name.startswith(
        "Bộ phận Địa chính"
    )
    assert Unit.objects.filter(commune__slug="ke-sat", kind="mass_org").count() == 4


def test_loading_the_demo_again_keeps_what_users_changed(demo):
    plan = DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1)
    plan.venue = "Hội trường thôn Ngọc Mai"
    plan.save(update_fields=["venue"])
    counts = (Commune.objects.count(), DialoguePlan.objects.count())

    with time_machine.travel(LOAD_DAY, tick=False):
        call_command("load_demo", stdout=StringIO())

    plan.refresh_from_db()
    assert plan.venue == "Hội trường thôn Ngọc Mai"
    assert (Commune.objects.count(), DialoguePlan.objects.count()) == counts  # nothing added
    assert DialoguePlan.objects.filter(commune__slug="ke-sat").count() == 2
    assert DialoguePlan.objects.filter(commune__slug="thu-nghiem").count() == 1


def test_demo_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")

    assert not Commune.objects.exists()


def test_kesat_holds_a_second_dialogue_for_another_cluster_two_weeks_after_load_day(demo):
    seed, second = DialoguePlan.objects.filter(commune__slug="ke-sat").order_by("number")

    assert (seed.year, seed.number, seed.is_closed) == (2026, 1, True)
    assert (second.year, second.number, second.is_closed) == (LOAD_DAY.year, 2, False)
    assert second.meeting_date == LOAD_DAY.date() + dt.timedelta(days=14)
    assert second.village_names() == ["Ngọc Mai", "An Lạc", "Đông Thịnh", "Hòa Bình"]
    assert set(seed.village_names()) & set(second.village_names()) == {"Ngọc Mai"}
