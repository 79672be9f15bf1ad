"""Slip corrections move into the one audit log; their own table goes."""

from django.db import migrations


def copy_revisions(apps, schema_editor):
    SlipRevision = apps.get_model("opinions", "SlipRevision")
    AuditEntry = apps.get_model("kesat_dialogue", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    slip_type, _ = ContentType.objects.get_or_create(app_label="opinions", model="opinionslip")
    for revision in SlipRevision.objects.select_related("slip__plan").order_by("pk"):
        entry = AuditEntry.objects.create(
            commune_id=revision.slip.plan.commune_id,
            user_id=revision.changed_by_id,
            action="changed",
            content_type=slip_type,
            object_id=str(revision.slip_id),
            object_label=f"Phiếu số {revision.slip.serial:04d}",
            changes=revision.changes,
        )
        # "at" is stamped on creation: give the entry the revision's own time.
        AuditEntry.objects.filter(pk=entry.pk).update(at=revision.changed_at)


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0002_meeting_speeches"),
        ("kesat_dialogue", "0006_audit_steps"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_revisions, migrations.RunPython.noop),
        migrations.DeleteModel(name="SlipRevision"),
    ]
