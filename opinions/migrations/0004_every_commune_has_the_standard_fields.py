"""Every commune gets the standard list of fields it used to get on its first slip page:
pages only read the list now, and a new commune is made with it."""

from django.db import migrations

# opinions.models.DEFAULT_FIELDS as it stood.
DEFAULT_FIELDS = [
    "Đất đai",
    "Xây dựng",
    "Môi trường",
    "Giao thông",
    "Thủy lợi",
    "Nông nghiệp",
    "An ninh trật tự",
    "Chính sách xã hội",
    "Y tế",
    "Giáo dục",
    "Văn hóa",
    "Cán bộ và đạo đức lối sống",
    "Chủ trương, chính sách",
    "Lĩnh vực khác",
]


def add_missing(apps, schema_editor):
    Commune = apps.get_model("kesat_dialogue", "Commune")
    Field = apps.get_model("opinions", "Field")
    for commune in Commune.objects.filter(fields__isnull=True):
        Field.objects.bulk_create(
            Field(commune=commune, name=name, position=i) for i, name in enumerate(DEFAULT_FIELDS)
        )


class Migration(migrations.Migration):
    dependencies = [("opinions", "0003_slip_history_in_audit_log")]

    operations = [migrations.RunPython(add_missing, migrations.RunPython.noop)]
