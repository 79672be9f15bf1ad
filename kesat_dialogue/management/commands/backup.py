from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from kesat_dialogue import backups


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (gồm mọi văn bản đã ban hành) và tệp đính kèm vào một tệp .tar.gz."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", help="Tệp đích; mặc định var/backups/kesat-<thời điểm>.tar.gz"
        )

    def handle(self, *args, target=None, **options):
        path = (
            Path(target)
            if target
            else Path(settings.VAR_DIR)
            / "backups"
            / (f"kesat-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        )
        backups.backup(path)
        self.stdout.write(f"Đã sao lưu vào {path}")
