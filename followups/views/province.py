"""The province's read-only pages, and each commune's periodic report upward."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesat_dialogue import fragments, papers
from kesat_dialogue.access import PAPERS_WITH_NAMES, can, province_view, staff_view
from kesat_dialogue.models import Commune, Paper
from opinions.text import fold

from .. import reports
from ..figures import CLOCK_WORDS, CLOCKS, PERIOD_KINDS, Period, figures
from ..models import PeriodicReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SORTS = {
    "ten": ("Tên xã", lambda row: fold(row.commune.name)),
    "qua-han": (
        "Nhiều việc quá hạn nhất",
        lambda row: (-row.total("late"), fold(row.commune.name)),
    ),
    "tre-moc": (
        "Nhiều mốc thời hạn bị trễ nhất",
        lambda row: (-row.total("clocks_missed"), fold(row.commune.name)),
    ),
}
FILTERS = {
    "": "Mọi xã",
    "qua-han": "Chỉ xã có việc quá hạn",
    "tre-moc": "Chỉ xã có mốc thời hạn bị trễ",
}


def _period(request) -> Period:
    return Period.from_query(request.GET, timezone.localdate())


def _period_context(period: Period) -> dict:
    return {
        "period": period,
        "period_kinds": PERIOD_KINDS,
        "months": range(1, 13),
        "years": range(period.year - 3, period.year + 2),
    }


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The province -------------------------------------------------------------------------


@province_view
def province(request):
    period, today = _period(request), timezone.localdate()
    sort = request.GET.get("sap-xep") if request.GET.get("sap-xep") in SORTS else "ten"
    shown = request.GET.get("chi", "") if request.GET.get("chi") in FILTERS else ""
    table, computed_at = _overview_table(period, sort, shown, today)
    context = {
        **_period_context(period),
        "table": table,
        "computed_at": computed_at,
        "refresh_minutes": max(1, settings.PROVINCE_FIGURES_SECONDS // 60),
        "sorts": {key: label for key, (label, _) in SORTS.items()},
        "sort": sort,
        "filters": FILTERS,
        "shown": shown,
    }
    return render(request, "followups/province.html", context)


def _overview_table(period, sort: str, shown: str, today) -> tuple[str, dt.datetime | None]:
    """The table of every commune, rendered, and when (None when not kept). It names no
    one and is the same for every reader, so it is kept PROVINCE_FIGURES_SECONDS: a
    province of a hundred communes pays its queries once every few minutes, not per reader."""

    def render():
        rows = figures(Commune.objects.all(), period, today)
        if shown == "qua-han":
            rows = [row for row in rows if row.total("late")]
        elif shown == "tre-moc":
            rows = [row for row in rows if row.total("clocks_missed")]
        rows.sort(key=SORTS[sort][1])
        reported = dict(
            PeriodicReport.objects.filter(
                period_kind=period.kind, year=period.year, month=period.month
            ).values_list("commune_id", "paper__public_id")
        )
        values = [(row, reports.commune_values(row), reported.get(row.commune.pk)) for row in rows]
        context = {
            "period": period,
            "rows": values,
            "totals": reports.sum_rows(rows),
            "columns": reports.COLUMNS,
        }
        return render_to_string("followups/_province_table.html", context)

    parts = (period.query, sort, shown, today)
    return fragments.kept("province-overview", parts, settings.PROVINCE_FIGURES_SECONDS, render)


@province_view
def province_xlsx(request):
    period = _period(request)
    rows = figures(Commune.objects.all(), period, timezone.localdate())
    content = reports.workbook(period, rows, "Tổng hợp tiếp xúc, đối thoại các xã, phường")
    return _download(content, f"tong-hop-doi-thoai-{period.file_tag}.xlsx", XLSX)


@province_view
def province_pdf(request):
    period, today = _period(request), timezone.localdate()
    rows = figures(Commune.objects.all(), period, today)
    pdf = reports.province_pdf(period, rows, today)
    return papers.pdf_response(pdf, f"tong-hop-doi-thoai-{period.file_tag}.pdf")


@province_view
def province_commune(request, commune_slug):
    commune = get_object_or_404(Commune, slug=commune_slug)
    period = _period(request)
    (row,) = figures(Commune.objects.filter(pk=commune.pk), period, timezone.localdate())
    context = {
        **_period_context(period),
        "commune": commune,
        "row": row,
        "totals": row.totals,
        "lines": reports.dialogue_lines(row),
        "clock_names": [what for _, what, _ in CLOCKS],
        "clock_words": CLOCK_WORDS,
        "papers": Paper.objects.filter(commune=commune)
        .exclude(code__in=PAPERS_WITH_NAMES)
        .order_by("-issued_on", "-number")
        .defer("html", "pdf")[:50],
    }
    return render(request, "followups/province_commune.html", context)


@province_view
def province_paper(request, paper_id):
    """An issued paper that names no citizen (the minutes and invitations do, and are not
    served here)."""
    paper = get_object_or_404(Paper, public_id=paper_id)
    if paper.code in PAPERS_WITH_NAMES:
        raise Http404("Văn bản này ghi tên người dân.")
    return papers.pdf_response(bytes(paper.pdf), paper.filename)


# --- The commune's report upward ------------------------------------------------------------


def _own(request, period):
    (row,) = figures(Commune.objects.filter(pk=request.commune.pk), period, timezone.localdate())
    return row


@staff_view("report.view")
def periodic_report(request):
    period = _period(request)
    row = _own(request, period)
    issued = (
        PeriodicReport.objects.filter(period_kind=period.kind, year=period.year, month=period.month)
        .select_related("paper")
        .first()
    )
    context = {
        **_period_context(period),
        "row": row,
        "totals": row.totals,
        "lines": reports.dialogue_lines(row),
        "issued": issued,
        "may_issue": can(request.user, "report.issue") and issued is None,
    }
    return render(request, "followups/periodic_report.html", context)


@staff_view("report.view")
def periodic_report_xlsx(request):
    period = _period(request)
    content = reports.workbook(period, [_own(request, period)], "Kết quả tiếp xúc, đối thoại")
    return _download(content, f"bao-cao-doi-thoai-{period.file_tag}.xlsx", XLSX)


@staff_view("report.view")
def periodic_report_preview(request):
    period = _period(request)
    html = reports.commune_report_html(request.commune, period, _own(request, period))
    return HttpResponse(papers.for_browser(html))


@require_POST
@staff_view("report.issue")
def periodic_report_issue(request):
    period = Period.from_query(request.POST, timezone.localdate())
    try:
        report = reports.issue_commune_report(
            request.commune, period, _own(request, period), by=request.user
        )
    except reports.AlreadyReported as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"Đã ban hành Báo cáo số {report.paper.symbol} {period.label} gửi Sở Nội vụ."
        )
    return redirect(f"{reverse('followups:periodic-report')}?{period.query}")
