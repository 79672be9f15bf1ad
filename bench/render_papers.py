"""Render timings of the official papers.

Prints the median time to render the demo 2026 plan (about 5 pages) in a warm process,
the time for a 30-page paper, the time and size of 400 blank opinion forms printed as the
office prints them (the background job, one village's form laid out once and each serial
printed over it), and the peak memory of the process.

    .venv/bin/python bench/render_papers.py

Runs on a throw-away SQLite database in a temporary folder; touches nothing else.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="kesat-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesat_dialogue.settings")
for name in ("DATABASE_URL", "REDIS_URL"):
    os.environ.pop(name, None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from kesat_dialogue.models import User  # noqa: E402
from kesat_dialogue.tests import pdf  # noqa: E402
from meetings.documents import plan_draft_pdf  # noqa: E402
from meetings.models import DialoguePlan  # noqa: E402


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    plan = DialoguePlan.objects.with_timeline().get(commune__slug="ke-sat", year=2026, number=1)

    start = time.perf_counter()
    plan_draft_pdf(plan)
    cold = time.perf_counter() - start
    warm, document = timed(lambda: plan_draft_pdf(plan), runs=15)
    pages = int(pdf.info(document)["Pages"])

    # A long paper: the plan with its purpose section repeated, about 30 pages.
    plan.purpose = "\n".join([plan.purpose] * 50)
    long_time, long_document = timed(lambda: plan_draft_pdf(plan), runs=3)
    long_pages = int(pdf.info(long_document)["Pages"])

    # 400 blank forms, as the office prints them: a background job in chunks.
    from opinions import printing  # noqa: PLC0415

    office = User.objects.get(username="vanphong")
    villages = list(plan.villages.all())
    job = printing.start(plan=plan, villages=villages, copies=400 // len(villages), by=office)
    start = time.perf_counter()
    job = printing.render(job)
    slips_time = time.perf_counter() - start
    if job.status != "done":
        raise SystemExit(f"the printing failed: {job.error}")
    slips_pages = int(pdf.info(bytes(job.pdf))["Pages"])

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"plan 2026 ({pages} pages): first render {cold:.3f} s, warm median {warm:.3f} s")
    print(f"long paper ({long_pages} pages): median {long_time:.3f} s")
    print(
        f"blank forms ({slips_pages} pages): {slips_time:.2f} s, {len(bytes(job.pdf)) / 1e6:.2f} MB"
    )
    print(f"peak memory (max RSS): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    from kesat_dialogue import tenancy  # noqa: E402

    # A benchmark is a script over the installation, like a command: it names its escape.
    with tenancy.all_communes("a benchmark sets up and reads its own communes"):
        main()
