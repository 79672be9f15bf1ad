from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesat_dialogue import backups


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp .tar.gz do lệnh backup tạo")

    def handle(self, *args, archive, **options):
        try:
            manifest = backups.restore(Path(archive))
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã khôi phục bản sao lưu lập lúc {manifest['created_at']}.")
