"""Opinions at scale: 10,000 opinions across 4 villages and 14 fields.

Prints the seconds to import a 10,000-row workbook, the median and p95 server time of the
opinion list, a search and the petition list, and the seconds to render the synthesis PDF.

    .venv/bin/python bench/opinions.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kesat_bench .venv/bin/python bench/opinions.py

With DATABASE_URL it uses (and empties) that database: never point it at real data.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="kesat-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesat_dialogue.settings")
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from kesat_dialogue import papers  # noqa: E402
from kesat_dialogue.models import Commune, Role, User  # noqa: E402
from meetings.tests.factories import VillageFactory, make_plan  # noqa: E402
from opinions import excel, services, stats  # noqa: E402
from opinions.demo_topics import TOPICS  # noqa: E402
from opinions.documents import synthesis_html  # noqa: E402
from opinions.models import DEFAULT_FIELDS, Field, Opinion  # noqa: E402

ROWS = 10_000


def workbook(plan) -> bytes:
    villages = [v.name for v in plan.villages.all()]
    rows = [
        [
            n // 2 + 1,
            villages[(n // 2) % 4],
            "",
            "",
            "",
            "có",
            "không",
            "Nhân dân",
            "Thôn",
            "05/06/2026",
            TOPICS[n % len(TOPICS)]["opinions"][0] + f" (ý kiến {n})",
            "Kiến nghị",
            DEFAULT_FIELDS[n % len(DEFAULT_FIELDS)],
        ]
        for n in range(ROWS)
    ]
    return excel.workbook_from_rows(rows)


def timed_requests(client, url, runs=25):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main():
    setup_test_environment()
    call_command("flush", interactive=False, verbosity=0) if os.environ.get(
        "DATABASE_URL"
    ) else None
    call_command("migrate", verbosity=0)
    commune = Commune.objects.create(name="Đo Tải", slug="do-tai")
    villages = [
        VillageFactory(commune=commune, name=n)
        for n in ("Quán Gỏi", "Phương Độ", "Ngọc Mai", "Thượng Khuông")
    ]
    plan = make_plan(commune, villages=villages)
    services.ensure_fields(commune)
    front = User.objects.create_user("front", password="x", commune=commune, role=Role.FRONT)
    content = workbook(plan)

    start = time.perf_counter()
    slips, errors = excel.parse(plan, excel.read_rows(content))
    assert not errors, errors[:3]
    excel.save(plan, slips, by=front)
    import_seconds = time.perf_counter() - start
    assert Opinion.objects.filter(plan=plan).count() == ROWS

    fields = {f.name: f for f in Field.objects.for_commune(commune)}
    for topic in TOPICS:
        opinions = list(
            Opinion.objects.filter(plan=plan).matching(topic["opinions"][0][:25]).mergeable()[:300]
        )
        if opinions:
            services.merge(
                plan=plan,
                opinions=opinions,
                text=topic["petition"],
                field=fields[topic["field"]],
                unit=None,
                by=front,
            )

    client = Client()
    client.force_login(front)
    base = f"/ke-hoach/{plan.public_id}/"
    pages = {
        "opinion list": base + "y-kien/",
        "search": base + "y-kien/?q=duong+lang",
        "petition list": base + "kien-nghi/",
    }
    results = {name: timed_requests(client, url) for name, url in pages.items()}

    start = time.perf_counter()
    papers.render_pdf(synthesis_html(plan, stats.synthesis_snapshot(plan), front))
    synthesis_seconds = time.perf_counter() - start

    print(f"database: {django.db.connection.vendor}")
    print(f"import {ROWS} rows (.xlsx, checked and saved): {import_seconds:.2f} s")
    for name, (median, p95) in results.items():
        print(f"{name}: median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    count = Opinion.objects.filter(plan=plan).count()
    print(f"synthesis report PDF ({count} opinions): {synthesis_seconds:.2f} s")


if __name__ == "__main__":
    from kesat_dialogue import tenancy  # noqa: E402

    # A benchmark is a script over the installation, like a command: it names its escape.
    with tenancy.all_communes("a benchmark sets up and reads its own communes"):
        main()
