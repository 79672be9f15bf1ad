"""The province's overview and yearly report at province and national scale.

Loads a Hải Phòng-sized province (114 communes, 20 villages each, two dialogues a year with
their delegates, opinions, petitions, decisions, assignments and supervision), then a
national one (3,321 communes), and prints for each: the load time, and the province overview
page and the yearly report (.xlsx, PDF) in-process with their time and query count.

    .venv/bin/python bench/province.py                  # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kesat_bench .venv/bin/python bench/province.py
    SIZES=114 .venv/bin/python bench/province.py        # only the province

With DATABASE_URL it empties that database first: never point it at real data.
"""

import datetime as dt
import os
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
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from followups import province_demo  # noqa: E402
from kesat_dialogue import tenancy  # noqa: E402
from kesat_dialogue.models import Commune, User  # noqa: E402

SIZES = [int(n) for n in os.environ.get("SIZES", "114,3321").split(",")]
TODAY = dt.date(2026, 12, 1)


def timed(client, url):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        seconds = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(queries), len(response.content)


def main():
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    reader = User.objects.create_user("tinh", reads_province=True)
    client = Client()
    client.force_login(reader)
    loaded = 0
    print(f"database: {connection.vendor}")
    for size in SIZES:
        start = time.perf_counter()
        with tenancy.all_communes("a benchmark writes its own communes"):
            province_demo.populate(
                size - loaded, year=2026, today=TODAY, slug_prefix=f"b{size}", seed=size
            )
            communes = Commune.objects.count()
        load = time.perf_counter() - start
        loaded = size
        print(f"\n{communes} communes loaded in {load:.1f} s")
        # The overview computed each time (as with PROVINCE_FIGURES_SECONDS=0), then kept.
        with override_settings(PROVINCE_FIGURES_SECONDS=0):
            for name, url in (
                ("overview page", "/tinh/?ky=nam&nam=2026"),
                ("yearly report .xlsx", "/tinh/tong-hop.xlsx?ky=nam&nam=2026"),
                ("yearly report PDF", "/tinh/tong-hop.pdf?ky=nam&nam=2026"),
            ):
                timed(client, url)  # warm: templates, fonts
                seconds, queries, size_bytes = timed(client, url)
                print(f"  {name}: {seconds:.2f} s, {queries} queries, {size_bytes / 1024:.0f} KB")
        with override_settings(PROVINCE_FIGURES_SECONDS=300):
            timed(client, "/tinh/?ky=nam&nam=2026")  # computed and kept
            seconds, queries, _ = timed(client, "/tinh/?ky=nam&nam=2026")
            print(f"  overview page, kept: {seconds:.3f} s, {queries} queries")


if __name__ == "__main__":
    main()
