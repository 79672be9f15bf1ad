"""Whose personal data a table, a period or a backup held: the list a breach notification
needs within 72 hours (Luật 91/2025/QH15; README "Breach").

The same reading serves the live database and a backup archive (SQLite file, or pg_dump's
custom format read with `pg_restore --data-only`, no database needed): rows are read as
plain columns, encrypted phones and addresses decrypted with PERSONAL_DATA_KEYS.
"""

import csv
import dataclasses
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.db import connection

from kesat_dialogue import crypto


@dataclasses.dataclass(frozen=True)
class Source:
    """A table holding citizens' identities, and where its columns are."""

    table: str
    label: str
    name: str
    phone: str = ""
    address: str = ""
    plan: str = "plan_id"
    commune: str = ""
    since: str = ""  # the column saying when the row was written
    erased: str = ""  # the column saying when its identity was erased
    only: tuple[str, str] | None = None  # (column, value): the rows that are citizens


SOURCES = [
    Source(
        "opinions_opinionslip",
        "Phiếu lấy ý kiến",
        name="name",
        phone="phone",
        address="address",
        since="created_at",
        erased="identity_erased_at",
    ),
    Source("opinions_speakerrequest", "Đăng ký phát biểu", name="name", since="registered_at"),
    Source(
        "opinions_datarequest",
        "Yêu cầu về dữ liệu cá nhân",
        name="person_name",
        phone="person_phone",
        plan="",
        commune="commune_id",
        since="registered_at",
    ),
    Source(
        "meetings_participant",
        "Đại biểu Nhân dân",
        name="name",
        only=("category", "resident"),
    ),
]
TABLES = {source.table: source for source in SOURCES}
ENCRYPTED = {"phone", "address", "person_phone"}


@dataclasses.dataclass(frozen=True)
class Exposed:
    commune: str
    table: str
    record: str
    name: str
    phone: str
    address: str
    since: str


def _columns(source: Source) -> list[str]:
    wanted = ["id", source.name, source.phone, source.address, source.plan, source.commune]
    wanted += [source.since, source.erased, source.only[0] if source.only else ""]
    return [column for column in wanted if column]


# --- Readers: rows of a table as {column: text or None} -----------------------------------


def live_reader(table: str, columns: list[str]) -> Iterator[dict]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608 - names from SOURCES
        for row in cursor.fetchall():
            yield {c: None if v is None else str(v) for c, v in zip(columns, row, strict=True)}


def _sqlite_reader(path: Path):
    import sqlite3  # noqa: PLC0415 - only for SQLite backups

    def read(table: str, columns: list[str]) -> Iterator[dict]:
        with sqlite3.connect(path) as db:
            quoted = ", ".join(f'"{c}"' for c in columns)
            for row in db.execute(f'SELECT {quoted} FROM "{table}"'):  # noqa: S608
                yield {c: None if v is None else str(v) for c, v in zip(columns, row, strict=True)}

    return read


_COPY_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\", "b": "\b", "f": "\f", "v": "\v"}


def _copy_value(text: str) -> str | None:
    if text == "\\N":
        return None
    out, chars = [], iter(text)
    for ch in chars:
        out.append(_COPY_ESCAPES.get(next(chars, ""), "") if ch == "\\" else ch)
    return "".join(out)


def _pg_dump_reader(path: Path):
    def read(table: str, columns: list[str]) -> Iterator[dict]:
        script = subprocess.run(
            ["pg_restore", "--data-only", "--table", table, "--file", "-", str(path)],
            check=True,
            capture_output=True,
            text=True,
            timeout=3600,
        ).stdout
        header, rows = None, False
        for line in script.splitlines():
            if line.startswith("COPY "):
                header = line[line.index("(") + 1 : line.index(")")].replace('"', "").split(", ")
                rows = True
            elif rows and line == "\\.":
                rows = False
            elif rows:
                values = dict(zip(header, map(_copy_value, line.split("\t")), strict=True))
                yield {c: values.get(c) for c in columns}

    return read


def backup_reader(archive: Path, folder: Path):
    """A reader of the database inside a backup archive, extracted into ``folder``."""
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        database = "database.sqlite3" if "database.sqlite3" in names else "database.dump"
        tar.extract(database, folder, filter="data")
    if database.endswith("sqlite3"):
        return _sqlite_reader(folder / database)
    return _pg_dump_reader(folder / database)


# --- The list -------------------------------------------------------------------------------


def exposed(read, *, tables=None, since: str = "", until: str = "") -> list[Exposed]:
    """Every citizen identity the tables held in the period (dates as "2026-06-30"): rows
    written by ``until`` whose identity was not erased before ``since``."""
    communes = {r["id"]: r["name"] for r in read("kesat_dialogue_commune", ["id", "name"])}
    plans = {
        r["id"]: communes.get(r["commune_id"], "")
        for r in read("meetings_dialogueplan", ["id", "commune_id"])
    }
    found = []
    for source in [TABLES[t] for t in tables] if tables else SOURCES:
        for row in read(source.table, _columns(source)):
            if source.only and row[source.only[0]] != source.only[1]:
                continue
            written = (row.get(source.since) or "")[:10]
            erased = (row.get(source.erased) or "")[:10]
            if until and written and written > until:
                continue
            if since and erased and erased < since:
                continue
            values = {
                key: _clear(column, row.get(column) or "")
                for key, column in (
                    ("name", source.name),
                    ("phone", source.phone),
                    ("address", source.address),
                )
                if column
            }
            if not any(values.values()):
                continue
            commune = (
                communes.get(row[source.commune], "")
                if source.commune
                else plans.get(row[source.plan], "")
            )
            found.append(
                Exposed(
                    commune=commune,
                    table=source.label,
                    record=f"{source.table}#{row['id']}",
                    name=values.get("name", ""),
                    phone=values.get("phone", ""),
                    address=values.get("address", ""),
                    since=written,
                )
            )
    return sorted(found, key=lambda e: (e.commune, e.table, e.name, e.record))


def _clear(column: str, value: str) -> str:
    return crypto.decrypt(value) if column in ENCRYPTED and value else value


def write_csv(rows: list[Exposed], handle) -> None:
    writer = csv.writer(handle)
    writer.writerow(
        ["Xã", "Dữ liệu", "Bản ghi", "Họ và tên", "Số điện thoại", "Địa chỉ", "Ghi nhận ngày"]
    )
    for row in rows:
        writer.writerow(dataclasses.astuple(row))


def from_backup(archive: Path, **filters) -> list[Exposed]:
    with tempfile.TemporaryDirectory() as tmp:
        return exposed(backup_reader(archive, Path(tmp)), **filters)
