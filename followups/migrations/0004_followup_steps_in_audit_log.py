"""The follow-up's own history moves into the one audit log, as named steps; its table goes.

Steps about a petition attach to the petition; the notice's steps to the notice (or the
plan, where a notice row is missing)."""

from django.db import migrations


def copy_events(apps, schema_editor):
    FollowupEvent = apps.get_model("followups", "FollowupEvent")
    ConclusionNotice = apps.get_model("followups", "ConclusionNotice")
    AuditEntry = apps.get_model("kesat_dialogue", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def content_type(app_label, model):
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    notices = {n.plan_id: n.pk for n in ConclusionNotice.objects.all()}
    for event in FollowupEvent.objects.select_related("plan", "petition").order_by("pk"):
        if event.petition_id:
            target = content_type("opinions", "petition"), event.petition_id
            label = event.petition.text[:80]
        elif event.plan_id in notices:
            target = content_type("followups", "conclusionnotice"), notices[event.plan_id]
            label = f"Thông báo kết luận năm {event.plan.year}"
        else:
            target = content_type("meetings", "dialogueplan"), event.plan_id
            label = f"Kế hoạch năm {event.plan.year}"
        entry = AuditEntry.objects.create(
            commune_id=event.plan.commune_id,
            user_id=event.by_id,
            action="step",
            content_type=target[0],
            object_id=str(target[1]),
            object_label=label,
            changes={},
            step=event.kind,
            note=event.text,
        )
        # "at" is stamped on creation: give the entry the event's own time.
        AuditEntry.objects.filter(pk=entry.pk).update(at=event.at)


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0003_reply_public_id"),
        ("kesat_dialogue", "0006_audit_steps"),
        ("opinions", "0003_slip_history_in_audit_log"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="FollowupEvent"),
    ]
