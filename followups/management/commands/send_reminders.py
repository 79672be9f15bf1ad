from django.core.management.base import BaseCommand

from followups import reminders


class Command(BaseCommand):
    help = (
        "Gửi nhắc hạn ngay bây giờ (như lần quét hằng ngày); chạy lại trong ngày không gửi trùng."
    )

    def handle(self, *args, **options):
        recorded, delivered = reminders.sweep()
        self.stdout.write(f"Đã lập {recorded} lần nhắc mới, đã gửi {delivered}.")
