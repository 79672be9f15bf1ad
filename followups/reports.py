"""The periodic reports: each commune's paper upward and the province-wide table, as PDF
(the one renderer) and as a workbook, from the figures the screens show."""

import datetime as dt
import io

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from kesat_dialogue import papers, spreadsheets
from kesat_dialogue.models import Commune, Issuer, PaperCode, Role, User
from meetings.models import DialoguePlan

from .figures import (
    CLOCK_WORDS,
    CLOCKS,
    SATISFACTION_LABELS,
    UNIT_KIND_LABELS,
    CommuneFigures,
    Period,
)
from .models import PeriodicReport

COLUMNS = [
    ("held", "Số cuộc đã tổ chức"),
    ("planned", "Số cuộc theo kế hoạch, chưa tổ chức"),
    ("invited", "Đại biểu được mời"),
    ("present", "Đại biểu dự"),
    ("opinions", "Ý kiến nhận được"),
    ("petitions", "Kiến nghị tổng hợp"),
    ("answered_at_meeting", "Ý kiến trả lời tại hội nghị"),
    ("assigned", "Kiến nghị giao giải quyết"),
    ("escalated", "Kiến nghị lên cấp trên"),
    ("resolved", "Kiến nghị đã giải quyết xong"),
    ("late", "Việc quá hạn"),
    ("clocks_missed", "Mốc thời hạn bị trễ"),
]


def commune_values(row: CommuneFigures) -> list[int]:
    totals = row.totals | {"held": row.held, "planned": row.planned}
    return [totals[key] for key, _ in COLUMNS]


def sum_rows(rows: list[CommuneFigures]) -> list[int]:
    return [sum(column) for column in zip(*(commune_values(r) for r in rows), strict=True)] or [
        0
    ] * len(COLUMNS)


def _late_by_kind(row) -> str:
    return "; ".join(f"{UNIT_KIND_LABELS.get(k, k)}: {n}" for k, n in sorted(row.items())) or "—"


def _supervision(row) -> str:
    return "; ".join(f"{SATISFACTION_LABELS.get(k, k)}: {n}" for k, n in sorted(row.items())) or "—"


def dialogue_lines(row: CommuneFigures) -> list[dict]:
    """Each dialogue of a commune's report, with its clocks in words."""
    return [
        {
            "figures": d,
            "clocks": [
                (what, CLOCK_WORDS[d.clocks[key]]) for key, what, _ in CLOCKS if key in d.clocks
            ],
            "late_by_kind": _late_by_kind(d.late_by_kind),
            "supervision": _supervision(d.supervision),
        }
        for d in row.dialogues
    ]


# --- Workbooks ------------------------------------------------------------------------------


def workbook(period: Period, rows: list[CommuneFigures], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tong hop"
    sheet.append([f"{title} {period.label}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(["Xã, phường", *[label for _, label in COLUMNS]])
    for row in rows:
        sheet.append(spreadsheets.row([row.commune.name, *commune_values(row)]))
    sheet.append(["Tổng cộng", *sum_rows(rows)])
    detail = book.create_sheet("Cuoc doi thoai")
    detail.append(
        [
            "Xã, phường",
            "Cuộc đối thoại",
            "Ngày hội nghị",
            "Đã tổ chức",
            *[label for key, label in COLUMNS if key not in ("held", "planned")],
            *[what for _, what, _ in CLOCKS],
            "Việc quá hạn theo loại cơ quan",
            "Kết quả giám sát của MTTQ",
        ]
    )
    for row in rows:
        for line in dialogue_lines(row):
            d = line["figures"]
            detail.append(
                spreadsheets.row(
                    [
                        row.commune.name,
                        d.plan.label,
                        d.meeting_date,
                        "có" if d.held else "chưa",
                        *[getattr(d, key) for key, _ in COLUMNS if key not in ("held", "planned")],
                        *[
                            CLOCK_WORDS[d.clocks[key]] if key in d.clocks else ""
                            for key, _, _ in CLOCKS
                        ],
                        line["late_by_kind"],
                        line["supervision"],
                    ]
                )
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- Papers ---------------------------------------------------------------------------------


def province_name() -> str:
    return f"{settings.PROVINCE_KIND} {settings.PROVINCE_NAME}"


def province_pdf(period: Period, rows: list[CommuneFigures], today: dt.date) -> bytes:
    html = papers.render_html(
        "papers/province_report.html",
        {
            "paper": {
                "issuer_line1": f"Ủy ban nhân dân {province_name()}",
                "issuer_line2": "Sở Nội vụ",
                "place_date": papers.place_date_text(settings.PROVINCE_NAME, today, today),
                "type_name": "Biểu tổng hợp",
                "subject": "Kết quả tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND cấp xã với "
                f"Nhân dân {period.label}",
            },
            "columns": [label for _, label in COLUMNS],
            "rows": [(row.commune.name, commune_values(row)) for row in rows],
            "totals": sum_rows(rows),
            "count": len(rows),
        },
    )
    return papers.render_pdf(html)


def _signer(commune: Commune) -> tuple[str, str, str]:
    """(capacity, title, name) of the commune's chairman, as the latest plan names them."""
    plan = DialoguePlan.objects.filter(commune=commune).order_by("-year", "-number").first()
    if plan:
        return plan.signer_capacity, plan.signer_title, plan.signer_name
    chair = User.objects.for_commune(commune).filter(role=Role.CHAIR, is_active=True).first()
    return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", str(chair or "")


def commune_report_html(commune: Commune, period: Period, row: CommuneFigures, stamp=None) -> str:
    capacity, title, name = _signer(commune)
    today = stamp.issued_on if stamp else timezone.localdate()
    return papers.render_html(
        "papers/periodic_report.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": commune.committee_name,
                "code": PaperCode.REPORT,
                "issuer": Issuer.COMMITTEE,
                "number_text": papers.number_text(stamp.number if stamp else None),
                "place_date": papers.place_date_text(
                    commune.name, stamp.issued_on if stamp else None, today
                ),
                "type_name": "Báo cáo",
                "subject": "Kết quả tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân "
                f"dân {period.label}",
                "signer_capacity": capacity,
                "signer_title": title,
                "signer_name": name,
                "recipients": [
                    f"Sở Nội vụ {province_name()}",
                    f"Ban Dân vận Thành ủy {settings.PROVINCE_NAME}",
                    "Thường trực Đảng ủy, HĐND xã",
                    "Ủy ban MTTQ xã",
                    "Lưu: VT, VP",
                ],
            },
            "commune": commune,
            "period": period,
            "row": row,
            "totals": row.totals,
            "lines": dialogue_lines(row),
            "late_by_kind": _late_by_kind(row.late_by_kind),
            "supervision": _supervision(row.supervision),
        },
    )


class AlreadyReported(Exception):
    pass


@transaction.atomic
def issue_commune_report(commune, period: Period, row: CommuneFigures, *, by) -> PeriodicReport:
    """Number the commune's report in its register and send it upward, once per period."""
    if PeriodicReport.objects.filter(
        commune=commune, period_kind=period.kind, year=period.year, month=period.month
    ).exists():
        raise AlreadyReported(f"Báo cáo {period.label} đã được ban hành.")
    capacity, title, name = _signer(commune)
    paper = papers.issue_paper(
        commune=commune,
        code=PaperCode.REPORT,
        subject="Kết quả tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân dân "
        f"{period.label}",
        signer_title=title,
        signer_name=name,
        issued_by=by,
        render=lambda stamp: commune_report_html(commune, period, row, stamp),
    )
    try:
        with transaction.atomic():
            return PeriodicReport.objects.create(
                commune=commune,
                period_kind=period.kind,
                year=period.year,
                month=period.month,
                paper=paper,
                issued_by=by,
            )
    except IntegrityError as error:  # two clicks at once
        raise AlreadyReported(f"Báo cáo {period.label} đã được ban hành.") from error
