"""The project as a whole: migrations, production settings, the broker, the admin."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from followups.models import Dossier, DossierAddendum, PeriodicReport, Reminder
from kesat_dialogue.celery import app as celery_app
from kesat_dialogue.models import (
    AuditEntry,
    IdentityView,
    Paper,
    PaperCopy,
    PaperSignature,
    PrivacyNotice,
)
from kesat_dialogue.tests.factories import UserFactory
from opinions.models import DataRequest, SlipPrintJob

ROOT = Path(__file__).resolve().parents[2]
# The browser tests' relaxation (see conftest.py) is no part of a production process.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


@pytest.mark.django_db
def test_models_have_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()}")


def test_deploy_check_passes_with_production_settings(tmp_path):
    env = {
        **CLEAN_ENV,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64 + "-production-like-secret-for-the-check",
        "RECEIPT_CODE_KEY": "y" * 64,
        "PERSONAL_DATA_KEYS": "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDA=",
        "PERSONAL_DATA_HASH_KEY": "z" * 64,
        "ALLOWED_HOSTS": "doithoai.example.vn",
        "VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "RECEIPT_CODE_KEY", "PERSONAL_DATA_KEYS", "PERSONAL_DATA_HASH_KEY"]
)
def test_production_settings_refuse_to_start_without_their_keys(tmp_path, missing):
    env = {
        **CLEAN_ENV,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64,
        "RECEIPT_CODE_KEY": "y" * 64,
        "PERSONAL_DATA_KEYS": "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDA=",
        "PERSONAL_DATA_HASH_KEY": "z" * 64,
        "VAR_DIR": str(tmp_path),
        missing: "",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_the_configured_broker_is_reachable(settings):
    """In CI REDIS_URL points at the real Redis: an unreachable one fails here, loudly."""
    expected_scheme = "redis" if settings.REDIS_URL else "filesystem"

    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        assert connection.connected
        assert connection.transport_cls == expected_scheme


# Issued papers are numbered and frozen, printings hold serials: nobody adds, edits or
# deletes them by hand.
READ_ONLY_IN_ADMIN = {
    DataRequest,
    PeriodicReport,
    Paper,
    PaperSignature,
    PaperCopy,
    Dossier,
    DossierAddendum,
    Reminder,
    AuditEntry,
    SlipPrintJob,
    PrivacyNotice,
    IdentityView,
}


@pytest.fixture
def superuser(db):
    return UserFactory(commune=None, role="", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"kesat_dialogue", "meetings", "opinions", "followups"}
    ],
    ids=lambda m: m._meta.label,
)
def test_admin_pages_of_every_model_speak_vietnamese(client, superuser, model):
    client.force_login(superuser)
    opts = model._meta

    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    assert changelist.status_code == 200
    if model in READ_ONLY_IN_ADMIN:
        assert f"Chọn {opts.verbose_name} để xem" in changelist.content.decode()
        assert add.status_code == 403
    else:
        assert f"Chọn {opts.verbose_name} để thay đổi" in changelist.content.decode()
        assert f"Thêm {opts.verbose_name}" in add.content.decode()


# Each app may import only the apps below it: followups → opinions → meetings → kesat_dialogue.
LAYERS = ["kesat_dialogue", "meetings", "opinions", "followups"]


@pytest.mark.parametrize("app", LAYERS[:-1])
def test_apps_never_import_the_apps_above_them(app):
    above = LAYERS[LAYERS.index(app) + 1 :]
    pattern = re.compile(rf"^\s*(from|import)\s+({'|'.join(above)})\b", re.MULTILINE)

    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []
