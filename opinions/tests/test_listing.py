"""The opinion list reads its rows as plain values in paper order: what it shows must be
what the models say."""

import re

import pytest
from django.urls import reverse

from opinions import services
from opinions.models import Opinion, OpinionKind
from opinions.tests.factories import field_named, make_slip
from opinions.tests.test_slips import _slip_data

pytestmark = pytest.mark.django_db


def _serials_listed(client, plan) -> list[str]:
    page = client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode()
    return re.findall(r'<a href="/phieu/[^"]+/">(\d{4})</a>', page)


def test_the_list_follows_the_slips_numbers_even_when_a_number_is_corrected(client, plan, front):
    late = make_slip(plan, 30, ["Ý kiến phiếu ba mươi"])
    make_slip(plan, 4, ["Ý kiến phiếu bốn"])
    make_slip(plan, 12, ["Ý kiến phiếu mười hai"])
    client.force_login(front)
    assert _serials_listed(client, plan) == ["0004", "0012", "0030"]

    data = _slip_data(
        plan, serial=1, **{"y-INITIAL_FORMS": 1, "y-0-text": "Ý kiến phiếu ba mươi", "y-1-text": ""}
    )
    client.post(reverse("opinions:slip-edit", args=[late.public_id]), data)

    assert _serials_listed(client, plan) == ["0001", "0004", "0012"]
    assert set(Opinion.objects.filter(slip=late).values_list("slip_serial", flat=True)) == {1}


def test_every_way_in_keeps_the_copied_number_equal_to_the_slips(plan, front):
    slip = make_slip(plan, 8, ["Một", "Hai"])
    opinion = Opinion.objects.create(
        plan=plan,
        slip_id=slip.pk,
        village=slip.village,
        text="Ba",
        kind=OpinionKind.REQUEST,
        field=field_named(plan.commune),
        position=3,
    )
    meeting = Opinion.objects.create(
        plan=plan,
        village=slip.village,
        text="Nói tại hội nghị",
        kind=OpinionKind.REQUEST,
        field=field_named(plan.commune),
    )

    assert [o.slip_serial for o in slip.opinions.all()] == [8, 8, 8]
    assert opinion.slip_serial == 8 and meeting.slip_serial is None


def test_a_row_shows_what_the_models_decide(client, plan, front, office):
    long_text = "Đề nghị nâng cấp, mở rộng tuyến đường liên thôn từ cầu Kè Sắt đến chợ xã"
    merged = make_slip(plan, 1, ["Sửa đường"], name="Phạm Thị Dung", phone="0912345678")
    make_slip(plan, 2, ["Tố cáo cán bộ thôn"], kind=OpinionKind.DENUNCIATION, name="Lê Thị C")
    hidden = make_slip(plan, 3, ["Xin giấu tên"], anonymous=True)
    services.merge(
        plan=plan,
        opinions=list(merged.opinions.all()),
        text=long_text,
        field=field_named(plan.commune),
        unit=None,
        by=office,
    )
    client.force_login(front)

    page = client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode()

    assert "Phạm Thị Dung" in page and "0912345678" in page
    assert f">{long_text[:59]}…</a>" in page
    assert "Chuyển xử lý theo luật" in page
    assert "<em>Giấu tên</em>" in page
    assert page.count('type="checkbox" name="y"') == 1  # the anonymous one; merged and referral not
    assert str(hidden.opinions.get().public_id) in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_number_of_every_slip_already_typed(plan):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)

    slip = make_slip(plan, 17, ["Một", "Hai"])
    migrate([("opinions", "0012_opinion_counting_index")])
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert list(Opinion.objects.filter(slip=slip).values_list("slip_serial", flat=True)) == [17, 17]


def test_every_value_a_row_prints_is_escaped(client, plan, front):
    make_slip(plan, 1, ['<script>alert("x")</script> & đường'], name="<b>Lê</b>", phone="0912")
    client.force_login(front)

    page = client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode()

    assert "<script>alert" not in page and "<b>Lê</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; đường" in page
    assert "&lt;b&gt;Lê&lt;/b&gt;" in page


def test_filtering_by_village_and_field_keeps_the_choice_and_refuses_a_stranger(
    client, plan, front
):
    from meetings.tests.factories import VillageFactory  # noqa: PLC0415

    first, second = plan.villages.all()[:2]
    make_slip(plan, 1, ["Ý kiến thôn thứ nhất"], village=first)
    make_slip(plan, 2, ["Ý kiến thôn thứ hai về đất"], village=second, field="Đất đai")
    make_slip(plan, 3, ["Ý kiến thôn thứ hai về đường"], village=second)
    client.force_login(front)
    url = reverse("opinions:opinion-list", args=[plan.public_id])
    land = field_named(plan.commune, "Đất đai")

    page = client.get(url, {"village": second.pk, "field": land.pk}).content.decode()

    assert "Ý kiến thôn thứ hai về đất" in page
    assert "về đường" not in page and "thôn thứ nhất" not in page
    assert f'<option value="{second.pk}" selected>' in page
    assert f'<option value="{land.pk}" selected>' in page
    stranger = VillageFactory(name="Thôn xã khác")
    page = client.get(url, {"village": stranger.pk}).content.decode()
    assert "Thôn xã khác" not in page
    assert "Ý kiến thôn thứ nhất" in page  # a choice the list does not have filters nothing
    assert 'aria-invalid="true"' in page


def test_an_opinion_from_a_village_outside_the_plan_is_named_too(client, plan, front):
    from meetings.tests.factories import VillageFactory  # noqa: PLC0415

    elsewhere = VillageFactory(commune=plan.commune, name="Thôn Ngoài Cụm")
    make_slip(plan, 1, ["Người thôn ngoài cụm dự hội nghị"], village=elsewhere)
    client.force_login(front)

    page = client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode()

    assert "<td>Thôn Ngoài Cụm</td>" in page
