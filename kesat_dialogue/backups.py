"""Backup and restore: the database (with every issued paper in it) and the uploaded files.

One .tar.gz holds `database.sqlite3` (SQLite's own online backup: consistent while the app
runs) or `database.dump` (pg_dump's custom format, one consistent snapshot), the `media/`
folder, and `manifest.json` with a SHA-256 of every file.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone


class BackupError(Exception):
    pass


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def _dump_database(folder: Path) -> Path:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        subprocess.run(
            [
                "pg_dump",
                *_pg_args(db),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                db["NAME"],
            ],
            check=True,
            env=_pg_env(db),
            capture_output=True,
            timeout=3600,
        )
        return target
    raise BackupError(f"no backup for {connection.vendor}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(target: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = _dump_database(folder)
        media = Path(settings.MEDIA_ROOT)
        files = {database.name: _sha256(database)}
        if media.exists():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                files[f"media/{path.relative_to(media)}"] = _sha256(path)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "files": files,
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(database, arcname=database.name)
            if media.exists():
                archive.add(media, arcname="media")
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


def _database_is_empty() -> bool:
    return "kesat_dialogue_commune" not in connection.introspection.table_names()


def restore(archive_path: Path) -> dict:
    """Bring an archive back into an empty database and the media folder."""
    if not _database_is_empty():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có dữ liệu; chỉ khôi phục vào cơ sở dữ liệu trống."
        )
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(tmp, filter="data")
        folder = Path(tmp)
        manifest = json.loads((folder / "manifest.json").read_text())
        for name, digest in manifest["files"].items():
            if _sha256(folder / name) != digest:
                raise BackupError(f"tệp {name} trong bản sao lưu bị hỏng (sai mã SHA-256)")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"bản sao lưu của {manifest['vendor']}, không khôi phục vào {connection.vendor}"
            )
        db = connection.settings_dict
        connections.close_all()
        if connection.vendor == "sqlite":
            shutil.copyfile(folder / "database.sqlite3", db["NAME"])
        else:
            subprocess.run(
                [
                    "pg_restore",
                    *_pg_args(db),
                    "--no-owner",
                    "--no-privileges",
                    "--dbname",
                    db["NAME"],
                    str(folder / "database.dump"),
                ],
                check=True,
                env=_pg_env(db),
                capture_output=True,
                timeout=3600,
            )
        media = Path(settings.MEDIA_ROOT)
        if (folder / "media").exists():
            shutil.copytree(folder / "media", media, dirs_exist_ok=True)
    return manifest
