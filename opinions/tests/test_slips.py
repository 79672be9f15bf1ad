import pytest
from django.urls import reverse

from kesat_dialogue import audit
from opinions.models import Opinion, OpinionSlip
from opinions.tests.factories import field_named, make_slip

pytestmark = pytest.mark.django_db


def _slip_data(plan, serial=12, **changes):
    village = plan.villages.first()
    field = field_named(plan.commune)
    data = {
        "serial": serial,
        "village": village.pk,
        "name": "Nguyễn Văn An",
        "address": "Xóm 2",
        "phone": "0912 345 678",
        "consent": "on",
        "respondent": "citizen",
        "collected_by": "",
        "collected_on": "05/06/2026",
        "y-TOTAL_FORMS": 3,
        "y-INITIAL_FORMS": 0,
        "y-MIN_NUM_FORMS": 0,
        "y-MAX_NUM_FORMS": 20,
        "y-0-text": "Đề nghị sửa đường làng",
        "y-0-kind": "request",
        "y-0-field": field.pk,
        "y-1-text": "Hỏi về cấp sổ đỏ",
        "y-1-kind": "question",
        "y-1-field": field.pk,
        "y-2-text": "",
        "y-2-kind": "request",
        "y-2-field": "",
    }
    data.update(changes)
    return data


def test_front_enters_a_slip_and_starts_the_next_with_village_and_date_kept(client, plan, front):
    client.force_login(front)

    response = client.post(reverse("opinions:slip-create", args=[plan.public_id]), _slip_data(plan))

    slip = OpinionSlip.objects.get(plan=plan, serial=12)
    assert [o.text for o in slip.opinions.all()] == ["Đề nghị sửa đường làng", "Hỏi về cấp sổ đỏ"]
    assert slip.name == "Nguyễn Văn An" and slip.created_by == front
    assert len(slip.receipt_code) == 6
    next_page = client.get(response.url).content.decode()
    assert "Đã lưu phiếu số 0012 (2 ý kiến" in next_page
    assert f'<option value="{slip.village_id}" selected' in next_page
    assert 'value="05/06/2026"' in next_page


def test_a_serial_already_entered_is_refused_with_a_link_to_it(client, plan, front):
    existing = make_slip(plan, 12)
    client.force_login(front)

    response = client.post(
        reverse("opinions:slip-create", args=[plan.public_id]), _slip_data(plan, name="Người khác")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Phiếu số 12 đã được nhập" in html
    assert existing.get_absolute_url() in html
    assert 'value="Người khác"' in html
    assert OpinionSlip.objects.filter(plan=plan).count() == 1


def test_consent_is_recorded_and_without_it_only_the_opinions_are_kept(client, plan, front):
    client.force_login(front)
    url = reverse("opinions:slip-create", args=[plan.public_id])

    client.post(url, _slip_data(plan, serial=12))
    without = _slip_data(plan, serial=13)
    del without["consent"]
    response = client.post(url, without, follow=True)

    agreed, silent = OpinionSlip.objects.get(serial=12), OpinionSlip.objects.get(serial=13)
    assert (agreed.consent, agreed.name, agreed.consent_notice_version) == (
        True,
        "Nguyễn Văn An",
        1,
    )
    assert (agreed.consent_channel, agreed.consent_recorded_by) == ("paper", front)
    assert agreed.consent_recorded_at is not None
    assert (silent.consent, silent.anonymous) == (False, True)
    assert (silent.name, silent.address, silent.phone) == ("", "", "")
    assert silent.opinions.count() == 2
    assert "không đồng ý nên không lưu họ tên, liên lạc" in response.content.decode()


def test_an_anonymous_slip_keeps_no_identity(client, plan, front):
    client.force_login(front)

    client.post(
        reverse("opinions:slip-create", args=[plan.public_id]), _slip_data(plan, anonymous="on")
    )

    slip = OpinionSlip.objects.get(plan=plan)
    assert slip.anonymous and (slip.name, slip.address, slip.phone) == ("", "", "")


def test_a_slip_without_any_opinion_text_is_refused(client, plan, front):
    client.force_login(front)

    response = client.post(
        reverse("opinions:slip-create", args=[plan.public_id]),
        _slip_data(plan, **{"y-0-text": "", "y-1-text": ""}),
    )

    assert "Phiếu cần ít nhất một ý kiến có nội dung" in response.content.decode()
    assert not OpinionSlip.objects.exists()


def test_a_bad_phone_number_gets_a_message_and_keeps_the_opinions_typed(client, plan, front):
    client.force_login(front)

    response = client.post(
        reverse("opinions:slip-create", args=[plan.public_id]), _slip_data(plan, phone="abc")
    )

    html = response.content.decode()
    assert "Số điện thoại chỉ gồm chữ số" in html
    assert "Hỏi về cấp sổ đỏ" in html


def test_correcting_a_slip_records_who_changed_what(client, plan, front):
    slip = make_slip(plan, 7, ["Đề nghị sửa đường"], name="Lê Thị Hoa")
    client.force_login(front)
    data = _slip_data(
        plan,
        serial=7,
        name="Lê Thị Hồng",
        **{
            "y-INITIAL_FORMS": 1,
            "y-0-text": "Đề nghị sửa đường trục thôn",
            "y-1-text": "",
        },
    )

    client.post(reverse("opinions:slip-edit", args=[slip.public_id]), data)

    revision = audit.history(slip).get(action="changed")
    assert revision.user == front
    assert revision.changes["name"] == ["Lê Thị Hoa", "Lê Thị Hồng"]
    assert "opinions" in revision.changes
    page = client.get(reverse("opinions:slip-edit", args=[slip.public_id])).content.decode()
    assert "sửa: họ và tên, địa chỉ, số điện thoại, đồng ý lưu họ tên, liên lạc, các ý kiến" in page
    assert Opinion.objects.get(slip=slip).text == "Đề nghị sửa đường trục thôn"
    page = client.get(reverse("opinions:slip-edit", args=[slip.public_id])).content.decode()
    assert "họ và tên" in page and "các ý kiến" in page


def test_correcting_an_opinion_keeps_it_in_its_petition(client, plan, front):
    from opinions import services

    slip = make_slip(plan, 7, ["Đề nghị sửa đường"])
    opinion = slip.opinions.get()
    petition = services.merge(
        plan=plan, opinions=[opinion], text="Sửa đường", field=opinion.field, unit=None, by=front
    )
    client.force_login(front)
    data = _slip_data(
        plan,
        serial=7,
        **{"y-INITIAL_FORMS": 1, "y-0-text": "Đề nghị sửa đường ngay", "y-1-text": ""},
    )

    client.post(reverse("opinions:slip-edit", args=[slip.public_id]), data)

    opinion.refresh_from_db()
    assert opinion.petition == petition and opinion.text == "Đề nghị sửa đường ngay"
