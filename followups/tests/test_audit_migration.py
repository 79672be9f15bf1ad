"""The histories the earlier issues kept in tables of their own (slip corrections, the
follow-up's events) move into the one audit log when the database is migrated."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from followups.tests.conftest import Year
from kesat_dialogue.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("followups", "0003_reply_public_id"), ("opinions", "0002_meeting_speeches")]
AFTER = [
    ("followups", "0004_followup_steps_in_audit_log"),
    ("opinions", "0003_slip_history_in_audit_log"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_to_latest():
    """Later tests need the schema of today's code, whatever migrations came after AFTER."""
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_old_slip_revisions_and_followup_events_become_audit_entries():
    year = Year()
    slip = year.petitions[0].opinions.get().slip
    notice_plan = year.plan
    AuditEntry.objects.all().delete()
    old = _migrate(BEFORE)
    try:
        when = timezone.make_aware(dt.datetime(2026, 6, 8, 9, 30))
        revision = old.get_model("opinions", "SlipRevision").objects.create(
            slip_id=slip.pk,
            changed_by_id=year.front.pk,
            changes={"name": ["Lê Thị Hoa", "Lê Thị Hồng"]},
        )
        old.get_model("opinions", "SlipRevision").objects.filter(pk=revision.pk).update(
            changed_at=when
        )
        events = old.get_model("followups", "FollowupEvent").objects
        events.create(
            plan_id=notice_plan.pk,
            petition_id=year.petitions[1].pk,
            kind="sent_back",
            text="Chưa nêu kết quả cụ thể.",
            by_id=year.chair.pk,
        )
        events.create(plan_id=notice_plan.pk, kind="notice_approved", by_id=year.chair.pk)
    finally:
        _migrate(AFTER)
        _migrate_to_latest()

    corrected = AuditEntry.objects.get(content_type__model="opinionslip")
    assert (corrected.object_id, corrected.user, corrected.action) == (
        str(slip.pk),
        year.front,
        AuditAction.CHANGED,
    )
    assert corrected.changes == {"name": ["Lê Thị Hoa", "Lê Thị Hồng"]}
    assert corrected.at == when and corrected.commune == year.plan.commune
    sent_back = AuditEntry.objects.get(step="sent_back")
    assert (sent_back.content_type.model, sent_back.object_id) == (
        "petition",
        str(year.petitions[1].pk),
    )
    assert (sent_back.user, sent_back.note) == (year.chair, "Chưa nêu kết quả cụ thể.")
    assert sent_back.step_label == "Chủ tịch trả lại"
    approved = AuditEntry.objects.get(step="notice_approved")
    assert approved.content_type.model == "dialogueplan"  # this year had no notice row yet
    assert approved.object_id == str(notice_plan.pk)
