import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opinions import exposure


def _day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise CommandError(f"Ngày «{text}» không đúng dạng 2026-06-30.") from error


class Command(BaseCommand):
    help = (
        "Liệt kê dữ liệu cá nhân (họ tên, số điện thoại, địa chỉ) của những ai mà một bảng, "
        "một khoảng thời gian hoặc một bản sao lưu đã chứa: danh sách để thông báo khi lộ lọt "
        "dữ liệu (README, mục Breach)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--table",
            action="append",
            choices=sorted(exposure.TABLES),
            help="Chỉ bảng này (có thể ghi nhiều lần); mặc định mọi bảng có dữ liệu cá nhân.",
        )
        parser.add_argument("--since", type=_day, default=None, help="Từ ngày (2026-06-01).")
        parser.add_argument("--until", type=_day, default=None, help="Đến ngày (2026-06-30).")
        parser.add_argument("--backup", type=Path, help="Đọc từ tệp sao lưu .tar.gz này.")
        parser.add_argument("--output", type=Path, help="Ghi ra tệp CSV; mặc định ra màn hình.")

    def handle(
        self, *args, table=None, since=None, until=None, backup=None, output=None, **options
    ):
        filters = {"tables": table, "since": since or "", "until": until or ""}
        if backup is not None:
            if not backup.exists():
                raise CommandError(f"Không có tệp sao lưu {backup}.")
            rows = exposure.from_backup(backup, **filters)
        else:
            rows = exposure.exposed(exposure.live_reader, **filters)
        if output:
            with output.open("w", newline="", encoding="utf-8-sig") as handle:
                exposure.write_csv(rows, handle)
        else:
            exposure.write_csv(rows, self.stdout)
        per_commune = Counter(row.commune for row in rows)
        summary = "; ".join(f"{commune}: {n}" for commune, n in sorted(per_commune.items()))
        sys.stderr.write(f"{len(rows)} bản ghi có dữ liệu cá nhân. {summary}\n")
