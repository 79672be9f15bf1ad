"""Backup and restore round trip: every table and every file comes back the same."""

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from followups import services
from opinions.models import Answer

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def _url(db: dict, name: str) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    )


def _manage(*args, database_url, media_root, check=True):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        VAR_DIR=str(Path(media_root).parent / "var"),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _tables(url: str) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    if url.startswith("sqlite:///"):
        import sqlite3

        db = sqlite3.connect(url.removeprefix("sqlite:///"))
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        read = lambda t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))  # noqa: E731
    else:
        import psycopg2

        db = psycopg2.connect(url)
        cursor = db.cursor()
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        names = [r[0] for r in cursor.fetchall()]

        def read(table):
            cursor.execute(f'SELECT * FROM "{table}"')
            return sorted(
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                for row in cursor.fetchall()
            )

    contents = {name: read(name) for name in sorted(names) if name != "sqlite_sequence"}
    db.close()
    return contents


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def empty_database(tmp_path):
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield _url(db, str(tmp_path / "restored.sqlite3"))
        return
    import psycopg2

    name = f"restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(_url(db, "postgres"))
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield _url(db, name)
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def test_backup_then_restore_brings_back_every_table_and_file(year, empty_database, tmp_path):
    services.decide(petition=year.petitions[0], outcome="resolved", by=year.chair, note="Xong.")
    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    services.issue_notice(notice=notice, by=year.office)
    answer = Answer(
        petition=year.petitions[1],
        unit=year.unit,
        text="Đã trả lời",
        letter_number="1/TL",
        letter_date="2026-06-12",
        answered_by=year.agency,
    )
    answer.attachment.save("cong-van.pdf", ContentFile(b"%PDF-1.4 tep that"), save=True)
    source = _url(connection.settings_dict, connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    archive = tmp_path / "sao-luu.tar.gz"

    _manage("backup", str(archive), database_url=source, media_root=media)
    restored_media = tmp_path / "restored-media"
    result = _manage(
        "restore", str(archive), database_url=empty_database, media_root=restored_media
    )

    assert "Đã khôi phục" in result.stdout
    before, after = _tables(source), _tables(empty_database)
    assert set(before) == set(after)
    for table in before:
        assert before[table] == after[table], table
    assert any(before[t] for t in before if t == "kesat_dialogue_paper")
    assert _files(media) == _files(restored_media) and _files(media)


def test_restore_refuses_a_database_that_has_data(year, tmp_path):
    source = _url(connection.settings_dict, connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    archive = tmp_path / "sao-luu.tar.gz"
    _manage("backup", str(archive), database_url=source, media_root=media)

    result = _manage("restore", str(archive), database_url=source, media_root=media, check=False)

    assert result.returncode != 0
    assert "chỉ khôi phục vào cơ sở dữ liệu trống" in result.stderr
