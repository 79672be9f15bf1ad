"""A database whose phones and addresses were written in clear is encrypted in place when it
is migrated, the audit log's copies turned into markers, and the phones made findable."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kesat_dialogue.models import AuditEntry
from opinions.models import OpinionSlip
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("opinions", "0008_slip_consent")]
PHONE, ADDRESS = "0912 000 111", "Xóm 4 thôn Đông"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_clear_phones_and_addresses_are_encrypted_by_the_migration(plan):
    slip = make_slip(plan, 1, anonymous=True)
    old = _migrate(BEFORE)
    try:
        old.get_model("opinions", "OpinionSlip").objects.filter(pk=slip.pk).update(
            name="Phạm Thị Nguyệt", phone=PHONE, address=ADDRESS, anonymous=False
        )
        logged = AuditEntry.objects.create(
            commune=plan.commune,
            action="changed",
            content_type=ContentType.objects.get_for_model(OpinionSlip),
            object_id=str(slip.pk),
            object_label="Phiếu số 0001",
            changes={"phone": ["", PHONE], "name": ["", "Phạm Thị Nguyệt"]},
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, address FROM opinions_opinionslip WHERE id = %s", [slip.pk])
        stored = cursor.fetchone()
    assert stored[0].startswith("gAAAA") and stored[1].startswith("gAAAA")
    migrated = OpinionSlip.objects.get(pk=slip.pk)
    assert (migrated.phone, migrated.address) == (PHONE, ADDRESS)
    assert list(OpinionSlip.objects.of_person(phone="0912000111")) == [migrated]
    entry = AuditEntry.objects.get(pk=logged.pk)
    assert entry.changes["phone"][0] == "" and entry.changes["phone"][1].startswith("mã hóa:")
    assert entry.changes["name"] == ["", "Phạm Thị Nguyệt"]
