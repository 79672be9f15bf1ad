"""A hostile workbook in the import: 200,000 rows, far past the 20,000-row limit.

Prints, for two files of 200,000 rows (one of short repeated cells, one with a longer text
per row), the file size, the seconds the import held its process and the process's peak
memory, and how the import ended. Each import runs in a fresh process so the peak memory
is its own.

    .venv/bin/python bench/hostile_import.py
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 200_000
HEADER = [
    "Số phiếu",
    "Thôn",
    "Họ và tên",
    "Địa chỉ",
    "Số điện thoại",
    "Giấu tên (có/không)",
    "Đồng ý lưu họ tên, liên lạc (có/không)",
    "Người góp ý là",
    "Tổ chức thu phiếu",
    "Ngày thu phiếu (dd/mm/yyyy)",
    "Nội dung ý kiến",
    "Loại ý kiến",
    "Lĩnh vực",
]

CHILD = r"""
import json, os, re, sys, time


def peak_mb():
    # The high-water mark of this process's own memory (ru_maxrss survives exec on Linux).
    status = open("/proc/self/status").read()
    return round(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)

import django
django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
call_command("migrate", verbosity=0)
from kesat_dialogue import tenancy
from kesat_dialogue.models import Role, User
from meetings.tests.factories import VillageFactory, make_plan
from opinions import excel, imports
from opinions.models import ImportJob

from opinions import services
content = open(sys.argv[1], "rb").read()
with tenancy.all_communes("a benchmark sets up its own commune"):
    plan = make_plan(villages=[])
    plan.villages.set([VillageFactory(commune=plan.commune, name="Quán Gỏi")])
    services.ensure_fields(plan.commune)
    front = User.objects.create(username="mattran", commune=plan.commune, role=Role.FRONT)
    job = ImportJob.objects.create(
        plan=plan, file=ContentFile(content, name="lon.xlsx"), filename="lon.xlsx", created_by=front
    )
    before = peak_mb()
    started = time.perf_counter()
    with tenancy.commune_scope(plan.commune):
        imports.run(job)
    seconds = time.perf_counter() - started
    peak = peak_mb()
job.refresh_from_db()
print(json.dumps({
    "file_mb": round(len(content) / 1e6, 2),
    "seconds": round(seconds, 1),
    "peak_mb": peak,
    "peak_before_import_mb": before,
    "status": job.status,
    "message": (job.errors or [""])[0][:120],
}, ensure_ascii=False))
"""


def write_workbook(path: Path, kind: str) -> None:
    """As Excel saves it: one shared string for every repeated cell, so the file is small.
    "sparse" rows hold a serial number only: small even unpacked."""
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    text = (
        "Đề nghị sửa chữa tuyến đường trục thôn, số {}" if kind == "long" else "Đề nghị sửa đường"
    )
    for n in range(ROWS):
        if kind == "sparse":
            sheet.append([n + 1])
            continue
        sheet.append(
            [
                n + 1,
                "Quán Gỏi",
                "",
                "",
                "",
                "có",
                "không",
                "Nhân dân",
                "Thôn",
                "05/06/2026",
                text.format(n),
                "Kiến nghị",
                "Giao thông",
            ]
        )
    book.save(path)


def main():
    for kind in ("sparse", "short", "long"):
        folder = tempfile.mkdtemp(prefix="kesat-bench-")
        workbook = Path(folder) / "lon.xlsx"
        write_workbook(workbook, kind)
        env = {
            **os.environ,
            "VAR_DIR": folder,
            "DJANGO_SETTINGS_MODULE": "kesat_dialogue.settings",
            "DATABASE_URL": "",
            "REDIS_URL": "",
        }
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(workbook)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{ROWS:,} rows, {kind} cells: " + ", ".join(f"{k} {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
