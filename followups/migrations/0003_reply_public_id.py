import uuid

from django.db import migrations, models


def give_each_reply_its_own_id(apps, schema_editor):
    Reply = apps.get_model("followups", "Reply")
    for reply in Reply.objects.all():
        reply.public_id = uuid.uuid4()
        reply.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("followups", "0002_reminders")]

    operations = [
        migrations.AddField(
            model_name="reply", name="public_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_each_reply_its_own_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reply",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
