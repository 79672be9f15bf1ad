"""Slips in and out of Excel: the template, the all-or-nothing import, the export."""

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from defusedxml import DefusedXmlException
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from kesat_dialogue import audit, privacy, spreadsheets
from kesat_dialogue.models import AuditAction
from meetings.models import Unit, UnitKind

from .models import (
    ConsentChannel,
    Field,
    Opinion,
    OpinionKind,
    OpinionSlip,
    RespondentKind,
    receipt_code,
)
from .stats import petition_rows
from .text import fold

COLUMNS = [
    ("serial", "Số phiếu"),
    ("village", "Thôn"),
    ("name", "Họ và tên"),
    ("address", "Địa chỉ"),
    ("phone", "Số điện thoại"),
    ("anonymous", "Giấu tên (có/không)"),
    ("consent", "Đồng ý lưu họ tên, liên lạc (có/không)"),
    ("respondent", "Người góp ý là"),
    ("collector", "Tổ chức thu phiếu"),
    ("collected_on", "Ngày thu phiếu (dd/mm/yyyy)"),
    ("text", "Nội dung ý kiến"),
    ("kind", "Loại ý kiến"),
    ("field", "Lĩnh vực"),
]
LETTERS = "ABCDEFGHIJKLM"
MAX_ROWS = 20_000
# A full 20,000-row workbook with long opinions unpacks to about 25 MB: anything much larger
# is not a form list but an attack on the worker's memory (a "zip bomb").
MAX_UNPACKED_BYTES = 60_000_000
VILLAGE_COLLECTOR = "Thôn"
YES, NO = {"co", "x", "1", "yes"}, {"", "khong", "0", "no"}


class ImportFileError(Exception):
    """The file cannot be read as the template at all."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_text(self) -> str:
        return f"Dòng {self.row}, cột {self.column}: {self.message}"


@dataclass
class ParsedSlip:
    row: int
    values: dict
    opinions: list[dict] = field(default_factory=list)


class Vocabulary:
    """The names a row may use, folded so "quan goi" matches "Quán Gỏi"."""

    def __init__(self, plan):
        self.villages = {fold(v.name): v for v in plan.villages.all()}
        self.fields = {fold(f.name): f for f in Field.objects.for_commune(plan.commune)}
        collectors = Unit.objects.for_commune(plan.commune).filter(
            kind__in=[UnitKind.FRONT, UnitKind.MASS_ORGANISATION]
        )
        self.collectors = {fold(u.name): u for u in collectors}
        self.kinds = {fold(label.split(" (")[0]): value for value, label in OpinionKind.choices}
        self.respondents = {fold(label): value for value, label in RespondentKind.choices}


def workbook_from_rows(rows) -> bytes:
    """A filled-in template: the header, then ``rows`` in the order of COLUMNS."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Phieu")
    sheet.append([title for _, title in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_workbook(plan) -> bytes:
    words = Vocabulary(plan)
    book = Workbook()
    sheet = book.active
    sheet.title = "Phieu"
    sheet.append([title for _, title in COLUMNS])
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        LETTERS, (10, 16, 22, 26, 14, 12, 16, 14, 28, 16, 60, 14, 24), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    lists = book.create_sheet("Danh muc")
    columns = {
        "A": ("Thôn", [v.name for v in words.villages.values()]),
        "B": ("Loại ý kiến", [label.split(" (")[0] for _, label in OpinionKind.choices]),
        "C": ("Lĩnh vực", [f.name for f in words.fields.values()]),
        "D": ("Người góp ý là", [label for _, label in RespondentKind.choices]),
        "E": (
            "Tổ chức thu phiếu",
            [VILLAGE_COLLECTOR, *(u.name for u in words.collectors.values())],
        ),
    }
    for letter, (title, values) in columns.items():
        lists[f"{letter}1"] = title
        for i, value in enumerate(values, start=2):
            lists[f"{letter}{i}"] = value
        target = {"A": "B", "B": "L", "C": "M", "D": "H", "E": "I"}[letter]
        rule = DataValidation(
            type="list",
            formula1=f"='Danh muc'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không có trong danh mục",
            error="Hãy chọn trong danh sách.",
        )
        rule.add(f"{target}2:{target}{MAX_ROWS}")
        sheet.add_data_validation(rule)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _column(key: str) -> str:
    index = [k for k, _ in COLUMNS].index(key)
    return f"{LETTERS[index]} ({COLUMNS[index][1]})"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


UNREADABLE = "Không đọc được tệp Excel: tệp có thể bị hỏng hoặc không phải tệp .xlsx."


class Rows:
    """The data rows of a workbook's first sheet, read as a stream (never all at once), with
    their Excel row numbers; reading stops with a refusal past MAX_ROWS. Its XML is parsed
    by defusedxml (openpyxl uses it when installed)."""

    def __init__(self, content: bytes):
        try:
            with zipfile.ZipFile(BytesIO(content)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (BadZipFile, OSError, ValueError) as exc:
            raise ImportFileError(UNREADABLE) from exc
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportFileError(
                f"Tệp Excel quá lớn khi giải nén ({unpacked // 1_000_000} MB; tối đa "
                f"{MAX_UNPACKED_BYTES // 1_000_000} MB). Hãy chia thành nhiều tệp, mỗi tệp "
                f"không quá {_thousands(MAX_ROWS)} dòng."
            )
        try:
            book = load_workbook(BytesIO(content), read_only=True, data_only=True)
            self._sheet = book.worksheets[0]
            self._rows = self._sheet.iter_rows(max_col=len(COLUMNS), values_only=True)
            header = [_text(cell) for cell in next(self._rows, ())]
        except (
            InvalidFileException,
            BadZipFile,
            KeyError,
            OSError,
            ValueError,
            ParseError,
            DefusedXmlException,
        ) as exc:
            raise ImportFileError(UNREADABLE) from exc
        if header != [title for _, title in COLUMNS]:
            raise ImportFileError(
                "Dòng đầu của tệp không khớp với mẫu (cần các cột: "
                + ", ".join(title for _, title in COLUMNS)
                + "). Hãy tải tệp mẫu và điền vào đó."
            )
        # The sheet's own statement of its size, for the progress bar only.
        self.estimate = min(max((self._sheet.max_row or 1) - 1, 0), MAX_ROWS)
        self.count = 0

    def __iter__(self):
        for number, row in enumerate(self._rows, start=2):
            if number > MAX_ROWS + 1:
                raise ImportFileError(
                    f"Tệp có hơn {_thousands(MAX_ROWS)} dòng dữ liệu: đã dừng đọc ở dòng "
                    f"{_thousands(number)}. Hãy chia thành nhiều tệp nhỏ hơn."
                )
            cells = (list(row) + [None] * len(COLUMNS))[: len(COLUMNS)]
            if any(_text(cell) for cell in cells):
                self.count += 1
                yield number, dict(zip((k for k, _ in COLUMNS), cells, strict=True))


def read_rows(content: bytes):
    """The data rows of the first sheet, with their Excel row numbers (see :class:`Rows`)."""
    return iter(Rows(content))


def parse(plan, rows, *, progress=None) -> tuple[list[ParsedSlip], list[RowError]]:
    """Check every row; rows with one serial make one slip and must agree on it."""
    words = Vocabulary(plan)
    taken = set(OpinionSlip.objects.filter(plan=plan).values_list("serial", flat=True))
    slips: dict[int, ParsedSlip] = {}
    errors: list[RowError] = []
    for count, (number, cells) in enumerate(rows, start=1):
        row_errors, values, opinion = _check_row(number, cells, words, taken)
        errors.extend(row_errors)
        if not row_errors:
            serial = values["serial"]
            if serial not in slips:
                slips[serial] = ParsedSlip(number, values)
            elif slips[serial].values != values:
                errors.append(
                    RowError(
                        number,
                        _column("serial"),
                        f"phiếu số {serial} đã có ở dòng {slips[serial].row} với thông tin người "
                        "góp ý khác; các dòng cùng số phiếu phải ghi giống nhau.",
                    )
                )
                continue
            slips[serial].opinions.append(opinion)
        if progress and count % 250 == 0:
            progress(count)
    return list(slips.values()), errors


def _check_row(number, cells, words: Vocabulary, taken):
    errors, values = [], {}

    def error(key, message):
        errors.append(RowError(number, _column(key), message))

    serial = _text(cells["serial"])
    if not serial.isdigit() or int(serial) < 1:
        error("serial", f"«{serial}» không phải số phiếu (số nguyên dương).")
    elif int(serial) in taken:
        error("serial", f"phiếu số {serial} đã được nhập trước đây.")
    else:
        values["serial"] = int(serial)
    village = words.villages.get(fold(_text(cells["village"])))
    if village is None:
        error("village", f"không có thôn «{_text(cells['village'])}» trong kế hoạch.")
    values["village"] = village
    anonymous = fold(_text(cells["anonymous"]))
    if anonymous not in YES | NO:
        error("anonymous", "ghi «có» hoặc «không».")
    values["anonymous"] = anonymous in YES
    consent = fold(_text(cells["consent"]))
    if consent not in YES | NO:
        error(
            "consent",
            "ghi «có» nếu người góp ý đã đánh dấu ô «Đồng ý» trên phiếu, nếu không ghi «không».",
        )
    # Silence is not consent: an empty cell keeps the opinion without the writer's identity.
    values["consent"] = consent in YES
    identity = {k: _text(cells[k]) for k in ("name", "address", "phone")}
    if values["anonymous"] and any(identity.values()):
        error("name", "phiếu giấu tên không được ghi họ tên, địa chỉ, điện thoại.")
    values.update(identity)
    respondent = _text(cells["respondent"])
    values["respondent"] = words.respondents.get(fold(respondent)) if respondent else "citizen"
    if values["respondent"] is None:
        error("respondent", "ghi Nhân dân, Cán bộ hoặc Đảng viên.")
    collector = fold(_text(cells["collector"]))
    values["collected_by"] = None
    if collector and collector != fold(VILLAGE_COLLECTOR):
        values["collected_by"] = words.collectors.get(collector)
        if values["collected_by"] is None:
            error("collector", f"không có tổ chức «{_text(cells['collector'])}» trong danh mục.")
    values["collected_on"] = _date(cells["collected_on"])
    if values["collected_on"] is None:
        error("collected_on", "ngày phải ghi dạng dd/mm/yyyy, ví dụ 05/06/2026.")
    text = _text(cells["text"])
    if not text:
        error("text", "chưa có nội dung ý kiến.")
    kind = words.kinds.get(fold(_text(cells["kind"])))
    if kind is None:
        error("kind", "ghi Góp ý, Kiến nghị, Phản ánh, Câu hỏi, Khiếu nại hoặc Tố cáo.")
    field = words.fields.get(fold(_text(cells["field"])))
    if field is None:
        error("field", f"không có lĩnh vực «{_text(cells['field'])}» trong danh mục.")
    return errors, values, {"text": text, "kind": kind, "field": field}


def save(plan, slips: list[ParsedSlip], *, by) -> int:
    """Write the checked slips and their opinions, with the audit entries a typed slip gets.
    The caller holds the transaction: all of it is written, or nothing."""
    notice, now = privacy.in_force(plan.commune), timezone.now()

    def slip_of(parsed: ParsedSlip) -> OpinionSlip:
        values = dict(parsed.values)
        consent = values.pop("consent")
        slip = OpinionSlip(
            plan=plan,
            created_by=by,
            receipt_code=receipt_code(plan.public_id, values["serial"]),
            **values,
        )
        slip.record_consent(
            consent, notice_version=notice.version, channel=ConsentChannel.PAPER, by=by, at=now
        )
        return slip

    created = OpinionSlip.objects.bulk_create(slip_of(s) for s in slips)
    by_serial = {slip.serial: slip for slip in created}  # ids come back on SQLite and PostgreSQL
    opinions = Opinion.objects.bulk_create(
        Opinion(
            plan=plan,
            slip=by_serial[s.values["serial"]],
            slip_serial=s.values["serial"],
            village=s.values["village"],
            position=i,
            search_text=fold(o["text"]),
            **o,
        )
        for s in slips
        for i, o in enumerate(s.opinions, start=1)
    )
    # bulk_create skips save() and its signals: the log gets the same entries as typing.
    audit.record_many(created, AuditAction.CREATED, audit.creation_changes, user=by)
    audit.record_many(opinions, AuditAction.CREATED, audit.creation_changes, user=by)
    return len(created)


def export_workbook(plan, *, with_identity: bool) -> bytes:
    book = Workbook(write_only=True)
    opinions = book.create_sheet("Y kien")
    opinions.append(
        [
            "Số phiếu",
            "Thôn",
            "Họ và tên",
            "Địa chỉ",
            "Điện thoại",
            "Người góp ý là",
            "Nguồn",
            "Nội dung",
            "Loại",
            "Lĩnh vực",
            "Kiến nghị tổng hợp",
        ]
    )
    rows = (
        Opinion.objects.filter(plan=plan)
        .select_related("slip", "village", "field", "petition")
        .order_by("slip_serial", "position", "pk")
    )
    for o in rows.iterator(chunk_size=2000):
        slip = o.slip
        hidden = not with_identity or slip is None or slip.identity_hidden
        opinions.append(
            spreadsheets.row(
                [
                    slip.serial if slip else "",
                    o.village.name,
                    "" if hidden else slip.name,
                    "" if hidden else slip.address,
                    "" if hidden else slip.phone,
                    slip.get_respondent_display() if slip else "",
                    o.get_source_display(),
                    o.text,
                    o.get_kind_display(),
                    o.field.name,
                    o.petition.text if o.petition else "",
                ]
            )
        )
    petitions = book.create_sheet("Kien nghi")
    petitions.append(
        ["Lĩnh vực", "Kiến nghị tổng hợp", "Số ý kiến", "Các thôn", "Cơ quan trả lời", "Đã trả lời"]
    )
    for p in petition_rows(plan, "answer"):
        petitions.append(
            spreadsheets.row(
                [
                    p.field.name,
                    p.text,
                    p.opinion_count,
                    ", ".join(p.village_names()),
                    str(p.unit or ""),
                    "có" if hasattr(p, "answer") else "chưa",
                ]
            )
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
