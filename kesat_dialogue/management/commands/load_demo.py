from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kesat_dialogue import tenancy


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: xã Kè Sắt với kế hoạch năm 2026 theo văn bản gốc, và xã Thử Nghiệm. "
        "Chạy lại không xóa dữ liệu đã có."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Không nạp dữ liệu mẫu khi DEBUG tắt: đây là máy chạy thật. "
                "Đặt DEBUG=1 nếu đây là máy thử."
            )
        # Each app that has a demo module adds its part, in the order of INSTALLED_APPS,
        # so that later apps build on the data of the earlier ones.
        with tenancy.all_communes("demo data is made for several communes"), transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self.stdout.write(
            f"Tài khoản mẫu (mật khẩu: {settings.DEMO_PASSWORD}): "
            + ", ".join(f"{username} ({what})" for username, what in DEMO_LOGINS)
        )


DEMO_LOGINS = [
    ("haiphong", "cấp tỉnh: tổng hợp các xã"),
    ("vanphong", "Văn phòng, Kè Sắt"),
    ("mattran", "MTTQ"),
    ("chutich", "Chủ tịch"),
    ("phochutich", "Phó Chủ tịch"),
    ("diachinh", "cơ quan Địa chính - Xây dựng"),
    ("vanhoa", "cơ quan Văn hóa - Xã hội"),
    ("congan", "Công an xã"),
    ("danguy", "Ban xây dựng Đảng"),
    ("quangoi", "thôn Quán Gỏi"),
    ("thunghiem", "Văn phòng, xã Thử Nghiệm"),
    ("quantri", "quản trị hệ thống, trang /quan-tri/"),
]
