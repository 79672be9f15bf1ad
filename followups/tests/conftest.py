import datetime as dt

import pytest

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.tests.factories import VillageFactory, make_plan
from opinions import services as opinion_services
from opinions.tests.factories import agency_of, make_slip


class Year:
    """A plan after its meeting: four petitions from two villages, an agency, the people."""

    def __init__(self):
        self.plan = make_plan(villages=[])
        commune = self.plan.commune
        self.villages = [VillageFactory(commune=commune, name=n) for n in ("Quán Gỏi", "Phương Độ")]
        self.plan.villages.set(self.villages)
        self.chair = UserFactory(commune=commune, role=Role.CHAIR, full_name="Phạm Thị Thu Hiền")
        self.office = UserFactory(commune=commune, role=Role.OFFICE)
        self.front = UserFactory(commune=commune, role=Role.FRONT)
        self.agency, self.unit = agency_of(commune)
        self.petitions = []
        texts = [
            "Sửa đường trục thôn",
            "Nạo vét kênh mương",
            "Lắp đèn đường",
            "Công khai khoản thu",
        ]
        for serial, text in enumerate(texts, start=1):
            slip = make_slip(
                self.plan,
                serial,
                [f"Đề nghị {text.lower()}"],
                village=self.villages[serial % 2],
                by=self.front,
                name="Nguyễn Văn Bí Mật",
                phone="0912 345 678",
                address="Xóm 9",
            )
            self.petitions.append(
                opinion_services.merge(
                    plan=self.plan,
                    opinions=list(slip.opinions.all()),
                    text=text,
                    field=slip.opinions.get().field,
                    unit=self.unit,
                    by=self.front,
                )
            )
        self.due = dt.date(2026, 6, 30)


@pytest.fixture
def year(db):
    return Year()
