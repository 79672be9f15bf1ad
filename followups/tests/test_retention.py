"""Names and contacts are erased when their retention period after the archive is over;
the opinions, petitions and papers stay (Luật 91/2025/QH15)."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from followups import archive, retention
from followups.models import FollowupStep
from followups.tests.test_dossier import finished  # noqa: F401  (the fixture)
from kesat_dialogue.models import AuditEntry, IdentityView, Paper
from opinions.models import Opinion, OpinionSlip

pytestmark = pytest.mark.django_db
CLOSED = dt.datetime(2026, 7, 2, 3, 0, tzinfo=dt.UTC)  # 10:00 on 2/7/2026 in Hà Nội


def _close(year):
    with time_machine.travel(CLOSED, tick=False):
        archive.close(plan=year.plan, by=year.office, confirmed=True)


def test_identities_are_erased_five_years_after_the_archive_and_the_rest_is_kept(
    finished,  # noqa: F811
    settings,
):
    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    _close(finished)
    opinions_before = list(Opinion.objects.values_list("text", "petition_id"))
    papers_before = Paper.objects.count()

    early = retention.erase_expired(dt.date(2031, 7, 1))
    named_on_the_eve = OpinionSlip.objects.exclude(name="").count()
    on_time = retention.erase_expired(dt.date(2031, 7, 2))
    again = retention.erase_expired(dt.date(2031, 7, 3))

    assert (early, named_on_the_eve, on_time, again) == (0, 4, 4, 0)
    assert not OpinionSlip.objects.exclude(name="", address="", phone="").exists()
    assert list(Opinion.objects.values_list("text", "petition_id")) == opinions_before
    assert Paper.objects.count() == papers_before
    entry = AuditEntry.objects.get(step=FollowupStep.IDENTITIES_ERASED)
    assert "của 4 phiếu: hết 5 năm lưu giữ" in entry.note and entry.user is None


def test_a_reopened_dialogue_keeps_its_identities(finished, settings):  # noqa: F811
    settings.PERSONAL_DATA_RETENTION_YEARS = 1
    _close(finished)
    archive.reopen(plan=finished.plan, by=finished.chair, reason="Bổ sung hồ sơ")

    assert retention.erase_expired(dt.date(2030, 1, 1)) == 0
    assert OpinionSlip.objects.exclude(name="").count() == 4


def test_the_erasure_reaches_the_copies_in_the_logs(finished, client, settings):  # noqa: F811
    settings.PERSONAL_DATA_RETENTION_YEARS = 1
    client.force_login(finished.office)
    client.get(reverse("opinions:opinion-list", args=[finished.plan.public_id]))
    names = set(OpinionSlip.objects.exclude(name="").values_list("name", flat=True))
    phones = set(OpinionSlip.objects.exclude(phone="").values_list("phone", flat=True))
    held = OpinionSlip.objects.holding_identity().count()
    assert names and phones and held
    _close(finished)

    retention.erase_expired(dt.date(2027, 7, 2))

    logged = json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    logged += "".join(IdentityView.objects.values_list("subjects", flat=True))
    assert IdentityView.objects.exists()
    assert not [n for n in names | phones if n in logged or json.dumps(n)[1:-1] in logged]
    assert OpinionSlip.objects.filter(identity_erased_at__isnull=False).count() == held
