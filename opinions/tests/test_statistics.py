import pytest
from django.urls import reverse

from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db


def test_statistics_show_counts_by_field_village_kind_and_status(client, plan, front):
    villages = list(plan.villages.all())
    make_slip(plan, 1, ["Sửa đường", "Lắp đèn"], village=villages[0])
    make_slip(plan, 2, ["Thiếu thuốc"], village=villages[1], field="Y tế")
    client.force_login(front)

    html = client.get(reverse("opinions:statistics", args=[plan.public_id])).content.decode()

    assert html.count("<svg") == 2 + 2 + 1 + 3
    giao_thong = html[html.index("Giao thông</th>") :]
    assert giao_thong.split("</td>")[0].endswith(">2")
    assert 'width="100.0"' in html and 'width="50.0"' in html
    assert "Chưa tổng hợp" in html
