from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kesat_dialogue import tenancy
from meetings.models import DialoguePlan

from ...catalogue import every_paper


class Command(BaseCommand):
    help = "Ghi mọi văn bản của một cuộc đối thoại ra một thư mục, để đọc và in thử."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--xa", default="ke-sat", help="mã xã (slug)")
        parser.add_argument("--nam", type=int, default=2026)
        parser.add_argument("--so", type=int, default=1, help="số thứ tự cuộc đối thoại trong năm")

    def handle(self, folder, xa, nam, so, **options):
        with tenancy.all_communes("a reader's command names the commune it reads"):
            plan = DialoguePlan.objects.filter(commune__slug=xa, year=nam, number=so).first()
            if plan is None:
                raise CommandError(f"Không có cuộc đối thoại số {so} năm {nam} của xã {xa}.")
            with tenancy.commune_scope(plan.commune):
                found = every_paper(plan)
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        for name, pdf in found.items():
            (target / name).write_bytes(pdf)
            self.stdout.write(f"{target / name}")
