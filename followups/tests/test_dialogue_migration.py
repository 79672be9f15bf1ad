"""Several dialogues a year: the migrations keep every plan, paper, slip and receipt code of
an installation that had one dialogue a year, shown on a copy of the demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from followups.models import Dossier, Reminder
from kesat_dialogue.models import Paper
from meetings import demo
from meetings.models import DialoguePlan
from opinions.models import OpinionSlip

pytestmark = pytest.mark.django_db(transaction=True)

# The schema as it was when a commune held one dialogue a year.
ONE_A_YEAR = [
    ("meetings", "0004_every_plan_has_its_meeting_record_and_programme"),
    ("opinions", "0004_every_commune_has_the_standard_fields"),
    ("followups", "0004_followup_steps_in_audit_log"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _snapshot():
    return {
        "plans": sorted(
            DialoguePlan.objects.values_list("pk", "commune_id", "year", "title", "status", "paper")
        ),
        "papers": sorted(Paper.objects.values_list("pk", "year", "code", "number", "sha256")),
        "slips": sorted(OpinionSlip.objects.values_list("pk", "plan", "serial", "receipt_code")),
        "dossiers": sorted(Dossier.objects.values_list("plan", "sha256")),
    }


def test_an_installation_of_one_dialogue_a_year_keeps_everything(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    # The installation as it was: one dialogue a year per commune, no hand-off notices yet.
    DialoguePlan.objects.filter(number__gt=1).delete()  # Kè Sắt's second, the province's
    Reminder.objects.filter(offset="handoff").delete()
    before = _snapshot()
    assert before["slips"] and before["papers"] and before["dossiers"]

    try:
        old = _migrate(ONE_A_YEAR)
        old_plan = old.get_model("meetings", "DialoguePlan")
        assert "number" not in {f.name for f in old_plan._meta.get_fields()}
        assert old_plan.objects.count() == len(before["plans"])
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert _snapshot() == before
    assert set(DialoguePlan.objects.values_list("number", "kind")) == {(1, "regular")}
    assert set(Dossier.objects.values_list("version", flat=True)) == {1}
    seed = demo.seed_plan()
    assert seed.get_public_url() == "/cong-khai/ke-sat/2026/1/"
