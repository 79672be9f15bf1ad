from django.core.management.base import BaseCommand
from django.db import transaction

from kesat_dialogue import crypto, tenancy


class Command(BaseCommand):
    help = (
        "Mã hóa lại số điện thoại, địa chỉ của người góp ý bằng khóa đầu tiên trong "
        "PERSONAL_DATA_KEYS và tính lại mã tra cứu số điện thoại (README, mục Keys)."
    )

    def handle(self, *args, **options):
        reason = "key rotation rewrites every commune's rows"
        with tenancy.all_communes(reason), transaction.atomic():
            counts = crypto.rotate_all()
        for label, count in counts.items():
            self.stdout.write(f"{label}: đã mã hóa lại {count} dòng")
