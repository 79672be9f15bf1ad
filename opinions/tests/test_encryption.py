"""Phones and addresses at rest: encrypted under keys of their own, found by a keyed digest,
rotated by a command, never in clear in the audit log."""

import json

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from kesat_dialogue import crypto
from kesat_dialogue.models import AuditEntry
from opinions.models import OpinionSlip
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db
PHONE, ADDRESS = "0912 000 111", "Xóm 4 thôn Đông"
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _stored(slip) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, address FROM opinions_opinionslip WHERE id = %s", [slip.pk])
        return cursor.fetchone()


def test_a_phone_and_an_address_are_stored_encrypted_and_read_back(plan):
    slip = make_slip(plan, 1, name="Phạm Thị Nguyệt", phone=PHONE, address=ADDRESS)

    phone, address = _stored(slip)

    assert PHONE not in phone and "0912" not in phone and "Đông" not in address
    assert phone.startswith("gAAAA") and address.startswith("gAAAA")
    again = OpinionSlip.objects.get(pk=slip.pk)
    assert (again.phone, again.address) == (PHONE, ADDRESS)


def test_an_empty_phone_stays_empty_so_the_constraints_still_hold(plan):
    slip = make_slip(plan, 1, anonymous=True)

    assert _stored(slip) == ("", "")
    assert OpinionSlip.objects.get(pk=slip.pk).phone_digest == ""


def test_a_person_is_found_by_phone_however_it_was_written(plan):
    slip = make_slip(plan, 1, name="Phạm Thị Nguyệt", phone=PHONE)
    make_slip(plan, 2, name="Lê Văn Tám", phone="0988 777 666")

    for typed in ("0912000111", "+84 912 000 111", "0912.000.111"):
        assert list(OpinionSlip.objects.of_person(phone=typed)) == [slip]
    assert list(OpinionSlip.objects.of_person(name="pham thi nguyet")) == [slip]


def test_the_audit_log_keeps_no_phone_or_address_in_clear(plan):
    slip = make_slip(plan, 1, name="Phạm Thị Nguyệt", phone=PHONE, address=ADDRESS)
    slip.phone = "0988 777 666"
    slip.save()

    logged = json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))

    assert "0912" not in logged and "0988" not in logged and "Xóm 4" not in logged
    changed = AuditEntry.objects.filter(object_id=str(slip.pk), action="changed").get()
    before, after = changed.changes["phone"]
    assert before.startswith("mã hóa:") and after.startswith("mã hóa:") and before != after


def test_keys_rotate_and_the_phone_is_still_found(plan, settings):
    settings.PERSONAL_DATA_KEYS = [OLD_KEY]
    slip = make_slip(plan, 1, name="Phạm Thị Nguyệt", phone=PHONE, address=ADDRESS)
    settings.PERSONAL_DATA_KEYS = [NEW_KEY, OLD_KEY]
    settings.PERSONAL_DATA_HASH_KEY = "a-new-hash-key"

    call_command("rotate_personal_data_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115

    phone, address = _stored(slip)
    assert Fernet(NEW_KEY.encode()).decrypt(phone.encode()).decode() == PHONE
    assert Fernet(NEW_KEY.encode()).decrypt(address.encode()).decode() == ADDRESS
    settings.PERSONAL_DATA_KEYS = [NEW_KEY]
    assert OpinionSlip.objects.get(pk=slip.pk).phone == PHONE
    assert list(OpinionSlip.objects.of_person(phone="0912000111")) == [slip]


def test_data_under_a_key_no_longer_listed_is_refused_with_a_clear_message(plan, settings):
    settings.PERSONAL_DATA_KEYS = [OLD_KEY]
    slip = make_slip(plan, 1, name="Phạm Thị Nguyệt", phone=PHONE)
    settings.PERSONAL_DATA_KEYS = [NEW_KEY]

    with pytest.raises(crypto.KeyMismatch, match="PERSONAL_DATA_KEYS"):
        OpinionSlip.objects.get(pk=slip.pk)
