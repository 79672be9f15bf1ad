"""Number and symbol of a letter received from an agency, as Nghị định 30/2020 writes it.

A paper with a kind writes "05/BC-CAX" (number / kind code - issuer); a công văn has no
kind code and writes "15/UBND-ĐCXD" (number / issuer - drafting unit). Clerks new to the
decree often invent a kind ("TL" for trả lời, "CV" for công văn): the decree has no such
code, so a symbol that starts with one is refused with the decree's way of writing it.
"""

import re

from django.core.exceptions import ValidationError

# Phụ lục III, Nghị định 30/2020/NĐ-CP: the kinds of administrative paper and their codes.
DECREE_KIND_CODES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}

# Kinds people make up for an answer or a letter; none is in the decree.
INVENTED_KIND_CODES = {"TL", "CV", "VB", "TLCV", "TLKN", "BCTL", "PTL", "KN", "PH"}

SYMBOL_EXAMPLE = "05/BC-CAX (báo cáo của Công an xã) hoặc 15/UBND-ĐCXD (công văn)"

_SYMBOL = re.compile(r"^(?P<number>\d{1,5}[a-z]?)/(?P<parts>[^\s/]+)$")
_PART = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*$")


def validate_letter_symbol(value: str) -> None:
    symbol = (value or "").strip()
    match = _SYMBOL.match(symbol)
    parts = match["parts"].split("-") if match else []
    if not match or len(parts) < 2 or not all(_PART.match(part) for part in parts):
        raise ValidationError(
            f"Số, ký hiệu «{symbol}» chưa đúng cách viết của Nghị định 30/2020: số/ký hiệu, "
            f"ví dụ {SYMBOL_EXAMPLE}.",
            code="symbol_format",
        )
    kind = parts[0]
    if kind.upper() in INVENTED_KIND_CODES and kind not in DECREE_KIND_CODES:
        raise ValidationError(
            f"«{kind}» không phải mã loại văn bản của Nghị định 30/2020. Báo cáo ghi «BC», "
            f"công văn không có mã loại mà ghi tên cơ quan ban hành: ví dụ {SYMBOL_EXAMPLE}.",
            code="symbol_invented_kind",
        )
