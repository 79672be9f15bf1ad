import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from followups import services
from followups.models import Assignment, Decision, FollowupStep
from kesat_dialogue.models import AuditEntry
from meetings.schedule import MilestoneKind

pytestmark = pytest.mark.django_db


def _decide(client, petition, **data):
    prefix = str(petition.public_id)
    return client.post(
        reverse("followups:decide", args=[petition.public_id]),
        {f"{prefix}-{key}": value for key, value in data.items()},
        HTTP_HX_REQUEST="true",
    )


def test_four_petitions_four_ways_then_the_step_completes(client, year):
    client.force_login(year.chair)
    first, second, third, fourth = year.petitions

    _decide(client, first, outcome="resolved", note="Đã sửa xong.")
    _decide(
        client,
        second,
        outcome="assigned",
        unit=year.unit.pk,
        due_date="30/06/2026",
        instruction="Nạo vét trước mùa mưa.",
    )
    _decide(client, third, outcome="escalated", escalated_to="UBND tỉnh")
    response = _decide(client, fourth, outcome="rejected", note="Đã công khai đầy đủ.")

    outcomes = dict(Decision.objects.values_list("petition__text", "outcome"))
    assert outcomes == {
        "Sửa đường trục thôn": "resolved",
        "Nạo vét kênh mương": "assigned",
        "Lắp đèn đường": "escalated",
        "Công khai khoản thu": "rejected",
    }
    assignment = Assignment.objects.get()
    assert (assignment.unit, assignment.due_date) == (year.unit, dt.date(2026, 6, 30))
    assert Decision.objects.get(petition=fourth).decided_by == year.chair
    assert year.plan.milestones.get(kind=MilestoneKind.EVALUATION).is_done
    assert "Không chấp nhận" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "assigned"}, "Hãy chọn cơ quan được giao giải quyết."),
        ({"outcome": "escalated"}, "Hãy ghi cấp có thẩm quyền"),
        ({"outcome": "rejected"}, "Hãy ghi lý do không chấp nhận"),
    ],
)
def test_a_decision_missing_its_detail_is_refused(client, year, data, message):
    client.force_login(year.chair)

    response = _decide(client, year.petitions[0], **data)

    assert message in response.content.decode()
    assert not Decision.objects.exists()


def test_changing_a_decision_leaves_a_visible_trace(client, year):
    petition = year.petitions[0]
    services.decide(petition=petition, outcome="resolved", by=year.chair, note="Xong.")
    client.force_login(year.chair)

    _decide(client, petition, outcome="assigned", unit=year.unit.pk, due_date="30/06/2026")

    change = AuditEntry.objects.get(step=FollowupStep.DECISION_CHANGED)
    assert (change.user, change.object_id) == (year.chair, str(petition.pk))
    assert "Trước: Đã giải quyết xong: Xong." in change.note
    assert "Sau: Giao cơ quan giải quyết" in change.note
    page = client.get(reverse("followups:evaluation", args=[year.plan.public_id])).content.decode()
    assert "Sửa quyết định" in page and "Trước: Đã giải quyết xong" in page


def test_only_the_chair_decides(client, year):
    client.force_login(year.office)

    response = _decide(client, year.petitions[0], outcome="resolved", note="x")

    assert response.status_code == 403


@pytest.mark.parametrize("petitions", [4, 24])
def test_evaluation_queries_stay_constant(client, year, petitions, django_assert_max_num_queries):
    from opinions import services as opinion_services
    from opinions.tests.factories import make_slip

    for serial in range(100, 100 + petitions - 4):
        slip = make_slip(year.plan, serial, [f"Ý kiến {serial}"])
        opinion_services.merge(
            plan=year.plan,
            opinions=list(slip.opinions.all()),
            text=f"Kiến nghị {serial}",
            field=slip.opinions.get().field,
            unit=None,
            by=year.front,
        )
    client.force_login(year.chair)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("followups:evaluation", args=[year.plan.public_id]))

    assert response.content.decode().count("Lưu quyết định") == petitions


def test_an_assignment_is_due_ten_working_days_after_the_evaluation(client, year):
    client.force_login(year.chair)
    evaluated = dt.datetime(2026, 6, 25, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

    with time_machine.travel(evaluated, tick=False):
        page = client.get(reverse("followups:evaluation", args=[year.plan.public_id]))
        services.decide(
            petition=year.petitions[0], outcome="assigned", by=year.chair, unit=year.unit
        )

    # Thursday 25/6: Friday 26/6, then two weeks of Monday to Friday less one day.
    assert Assignment.objects.get().due_date == dt.date(2026, 7, 9)
    assert "Để trống: 10 ngày làm việc, đến 09/07/2026 (Thứ năm)." in page.content.decode()
