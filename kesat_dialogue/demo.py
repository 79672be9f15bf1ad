"""Demo communes and users (see meetings.demo for their villages, units and plans)."""

from django.conf import settings

from .models import Commune, Role, User

COMMUNES = [
    {"slug": "ke-sat", "name": "Kè Sắt", "province": "Hải Phòng"},
    {"slug": "thu-nghiem", "name": "Thử Nghiệm", "province": "Tỉnh mẫu"},
]

USERS = [
    # username, commune slug, role, full name, position
    ("vanphong", "ke-sat", Role.OFFICE, "Nguyễn Thị Lan", "Chánh Văn phòng HĐND và UBND xã"),
    ("mattran", "ke-sat", Role.FRONT, "Trần Văn Bình", "Chủ tịch Ủy ban MTTQ xã"),
    ("chutich", "ke-sat", Role.CHAIR, "Phạm Thị Thu Hiền", "Quyền Chủ tịch UBND xã"),
    ("phochutich", "ke-sat", Role.CHAIR, "Lê Văn Dũng", "Phó Chủ tịch UBND xã"),
    ("diachinh", "ke-sat", Role.AGENCY, "Hoàng Văn Nam", "Công chức Địa chính - Xây dựng"),
    ("vanhoa", "ke-sat", Role.AGENCY, "Bùi Thị Hoa", "Công chức Văn hóa - Xã hội"),
    ("congan", "ke-sat", Role.AGENCY, "Đặng Quang Sơn", "Trưởng Công an xã"),
    ("danguy", "ke-sat", Role.PARTY, "Đỗ Thị Hương", "Trưởng Ban xây dựng Đảng"),
    ("quangoi", "ke-sat", Role.VILLAGE, "Vũ Văn Tùng", "Trưởng thôn Quán Gỏi"),
    ("thunghiem", "thu-nghiem", Role.OFFICE, "Ngô Thị Mai", "Chánh Văn phòng HĐND và UBND xã"),
]


def _user(username, **fields):
    fields.setdefault(
        "email", f"{username}@{fields['commune'].slug}.example.vn" if fields.get("commune") else ""
    )
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load(*, stdout):
    communes = {
        row["slug"]: Commune.objects.get_or_create(slug=row["slug"], defaults=row)[0]
        for row in COMMUNES
    }
    for username, slug, role, full_name, position in USERS:
        _user(username, commune=communes[slug], role=role, full_name=full_name, position=position)
    _user("quantri", full_name="Quản trị hệ thống", is_staff=True, is_superuser=True)
    _user("haiphong", full_name="Sở Nội vụ thành phố Hải Phòng", reads_province=True)
    stdout.write(f"Xã: {', '.join(str(c) for c in communes.values())}; {len(USERS) + 1} tài khoản.")
