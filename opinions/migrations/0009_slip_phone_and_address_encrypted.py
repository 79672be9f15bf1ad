"""Phones and addresses encrypted at rest, with a keyed digest to find a phone: the columns
become plain text, the stored values are encrypted in place, then the field says so."""

from django.db import migrations, models

import kesat_dialogue.crypto
from kesat_dialogue import crypto


def _rewrite(apps, encode_phone, encode_address, digest):
    slip_model = apps.get_model("opinions", "OpinionSlip")
    rows = slip_model.objects.exclude(phone="", address="").values_list("pk", "phone", "address")
    for pk, phone, address in rows.iterator():
        slip_model.objects.filter(pk=pk).update(
            phone=encode_phone(phone),
            address=encode_address(address),
            phone_digest=digest(phone),
        )


def encrypt(apps, schema_editor):
    _rewrite(apps, crypto.encrypt, crypto.encrypt, crypto.phone_digest)
    # The log's earlier copies of phones and addresses: kept as markers, never in clear.
    content_type = apps.get_model("contenttypes", "ContentType")
    audit_entry = apps.get_model("kesat_dialogue", "AuditEntry")
    slip_type = content_type.objects.filter(app_label="opinions", model="opinionslip").first()
    if slip_type is None:
        return
    for entry in audit_entry.objects.filter(content_type=slip_type).iterator():
        touched = [c for c in ("phone", "address") if c in entry.changes]
        for column in touched:
            entry.changes[column] = [
                crypto.audit_marker(value) if value else value for value in entry.changes[column]
            ]
        if touched:
            entry.save(update_fields=["changes"])


def decrypt(apps, schema_editor):
    _rewrite(apps, crypto.decrypt, crypto.decrypt, lambda phone: "")


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0008_slip_consent"),
        ("kesat_dialogue", "0010_identity_views"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="opinionslip",
            name="phone_digest",
            field=models.CharField(blank=True, db_index=True, max_length=40, default=""),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="opinionslip",
            name="address",
            field=models.TextField(blank=True, verbose_name="địa chỉ"),
        ),
        migrations.AlterField(
            model_name="opinionslip",
            name="phone",
            field=models.TextField(blank=True, verbose_name="số điện thoại"),
        ),
        migrations.RunPython(encrypt, decrypt),
        migrations.AlterField(
            model_name="opinionslip",
            name="phone_digest",
            field=kesat_dialogue.crypto.PhoneDigestField(
                blank=True,
                db_index=True,
                editable=False,
                max_length=40,
                of="phone",
                verbose_name="mã tra cứu số điện thoại",
            ),
        ),
        migrations.AlterField(
            model_name="opinionslip",
            name="address",
            field=kesat_dialogue.crypto.EncryptedCharField(
                blank=True, max_length=300, verbose_name="địa chỉ"
            ),
        ),
        migrations.AlterField(
            model_name="opinionslip",
            name="phone",
            field=kesat_dialogue.crypto.EncryptedCharField(
                blank=True, max_length=20, verbose_name="số điện thoại"
            ),
        ),
    ]
