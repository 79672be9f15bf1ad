"""One audit log: every state change, with who, which commune, before and after."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from followups import services
from followups.models import Assignment
from kesat_dialogue import audit
from kesat_dialogue.models import AuditAction, AuditEntry, Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.tests.test_plan_views import _form_data
from opinions.models import Opinion

pytestmark = pytest.mark.django_db


def test_a_plan_edit_is_logged_with_who_before_and_after(client, year):
    client.force_login(year.office)

    client.post(
        reverse("meetings:plan-edit", args=[year.plan.public_id]),
        _form_data(year.plan, venue="Hội trường thôn Quán Gỏi"),
    )

    entry = AuditEntry.objects.filter(
        content_type__model="dialogueplan", object_id=str(year.plan.pk), action=AuditAction.CHANGED
    ).get()
    assert entry.user == year.office and entry.commune == year.plan.commune
    assert entry.changes["venue"][1] == "Hội trường thôn Quán Gỏi"
    assert entry.changes["venue"][0] != entry.changes["venue"][1]


def test_a_rolled_back_change_leaves_no_entry(year):
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        year.plan.venue = "Không lưu"
        year.plan.save()
        raise RuntimeError("the request failed after saving")

    assert AuditEntry.objects.count() == before


def test_decisions_replies_merges_and_roles_are_logged(client, year):
    token = audit.current_user.set(year.chair)
    try:
        services.decide(petition=year.petitions[0], outcome="resolved", by=year.chair, note="Xong.")
    finally:
        audit.current_user.reset(token)
    opinion = Opinion.objects.filter(petition=year.petitions[1]).first()
    year.front.role = Role.PARTY
    year.front.save()

    decision = AuditEntry.objects.filter(content_type__model="decision").get()
    assert decision.user == year.chair and decision.changes["outcome"] == [None, "resolved"]
    merged = AuditEntry.objects.filter(
        content_type__model="opinion", object_id=str(opinion.pk), action=AuditAction.CHANGED
    ).get()
    assert merged.changes["petition_id"] == [None, year.petitions[1].pk]
    role = AuditEntry.objects.filter(
        content_type__model="user", object_id=str(year.front.pk)
    ).latest("at")
    assert role.changes["role"] == ["front", "party"]


@pytest.mark.parametrize(
    ("role", "sees"),
    [(Role.OFFICE, True), (Role.CHAIR, True), (Role.FRONT, False), (Role.AGENCY, False)],
)
def test_the_history_shows_to_office_and_chair_only(client, year, role, sees):
    year.plan.venue = "Nhà văn hóa"
    year.plan.save()
    client.force_login(UserFactory(commune=year.plan.commune, role=role))

    html = client.get(year.plan.get_absolute_url()).content.decode()

    assert ("Lịch sử thay đổi" in html) == sees
    if sees:
        assert "địa điểm" in html


def test_a_step_without_a_name_or_a_change_with_one_is_refused_by_the_database(year):
    with pytest.raises(IntegrityError), transaction.atomic():
        audit.record(year.plan, AuditAction.STEP, {}, user=year.chair)
    with pytest.raises(IntegrityError), transaction.atomic():
        audit.record(year.plan, AuditAction.CHANGED, {}, user=year.chair, step="decided")


def test_a_sent_back_reply_shows_in_the_history_with_its_reason(client, year):
    services.decide(petition=year.petitions[1], outcome="assigned", by=year.chair, unit=year.unit)
    assignment = Assignment.objects.get()
    services.send_back(assignment=assignment, reason="Chưa nêu kết quả cụ thể.", by=year.chair)
    client.force_login(year.office)

    html = client.get(
        reverse("followups:assignment-detail", args=[assignment.public_id])
    ).content.decode()

    assert "Chủ tịch trả lại: Chưa nêu kết quả cụ thể." in html
