"""Hostile input gets a clear refusal and loses nothing: guessing receipt codes, codes shared
by two communes, huge searches and merges, forged form counts, a posting for a village of
another dialogue."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from followups.tests.conftest import Year
from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.tests.factories import VillageFactory
from opinions.models import OpinionSlip, receipt_code
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()


def _lookup(client, year, code, address="203.0.113.7"):
    url = reverse("followups:public-lookup", args=[year.plan.commune.slug])
    return client.get(url, {"ma": code}, REMOTE_ADDR=address)


@override_settings(LOOKUP_TRIES_PER_MINUTE=5)
def test_guessing_receipt_codes_is_slowed_per_address_with_a_clear_message(client):
    year = Year()
    slip = OpinionSlip.objects.get(plan=year.plan, serial=1)

    tries = [_lookup(client, year, f"ZZZZZ{n}") for n in range(5)]
    refused = _lookup(client, year, slip.receipt_code)
    elsewhere = _lookup(client, year, slip.receipt_code, address="198.51.100.9")

    assert [t.status_code for t in tries] == [200] * 5
    html = refused.content.decode()
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Bạn đã tra cứu quá nhiều lần trong một phút" in html
    assert f'value="{slip.receipt_code}"' in html  # what was typed stays in the box
    assert elsewhere.status_code == 200 and "Sửa đường trục thôn" in elsewhere.content.decode()


def test_two_communes_with_the_same_receipt_code_each_find_their_own(client):
    first, second = Year(), Year()
    OpinionSlip.objects.filter(serial=1).update(receipt_code="K7M2QX")

    found_first = _lookup(client, first, "K7M2QX").content.decode()
    found_second = _lookup(client, second, "k7m2qx").content.decode()

    own_text = first.petitions[0].text
    assert f"Phiếu số 0001, cuộc đối thoại năm {first.plan.year}" in found_first
    assert found_first.count('<li class="list-group-item">') == 1
    assert found_second.count('<li class="list-group-item">') == 1
    slip_first = OpinionSlip.objects.get(plan=first.plan, serial=1)
    slip_second = OpinionSlip.objects.get(plan=second.plan, serial=1)
    assert slip_first.opinions.get().text in found_first
    assert slip_second.opinions.get().text in found_second
    assert own_text in found_first and first.plan.commune.name not in found_second


def test_rotating_the_secret_key_keeps_printed_receipt_codes(settings):
    year = Year()
    before = receipt_code(year.plan.public_id, 7)

    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789"
    after_rotation = receipt_code(year.plan.public_id, 7)
    settings.RECEIPT_CODE_KEY = "another-receipt-key"
    with_other_key = receipt_code(year.plan.public_id, 7)

    assert after_rotation == before
    assert with_other_key != before


def test_searches_and_merges_of_any_length_answer(client):
    year = Year()
    long_query = " ".join(f"tu{n}" for n in range(1000))
    long_text = " ".join(f"đường{n} làng{n}" for n in range(1000))
    front = year.front
    client.force_login(front)
    opinions = reverse("opinions:opinion-list", args=[year.plan.public_id])
    petitions = reverse("opinions:petition-list", args=[year.plan.public_id])
    make_slip(year.plan, 50, ["Đề nghị sửa đường"], by=front)
    merge = reverse("opinions:petition-create", args=[year.plan.public_id])

    assert client.get(opinions, {"q": long_query}).status_code == 200
    assert client.get(petitions, {"q": long_query}).status_code == 200
    response = client.post(merge, {"text": long_text, "field": year.petitions[0].field_id})
    assert response.status_code == 200  # the form comes back: no opinion was chosen
    assert long_text[:200] in response.content.decode()


def test_a_forged_count_of_opinions_on_a_slip_builds_no_more_than_a_slip_holds(client):
    year = Year()
    client.force_login(year.front)
    village = year.villages[0]

    response = client.post(
        reverse("opinions:slip-create", args=[year.plan.public_id]),
        {
            "serial": 77,
            "village": village.pk,
            "collected_on": "05/06/2026",
            "respondent": "citizen",
            "name": "Vũ Thị Hoa",
            "y-TOTAL_FORMS": "100000",
            "y-INITIAL_FORMS": "0",
            "y-0-text": "Đề nghị lắp đèn",
            "y-0-kind": "request",
            "y-0-field": year.petitions[0].field_id,
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Một phiếu ghi tối đa 20 ý kiến" in html
    assert html.count('name="y-') < 200 and "Vũ Thị Hoa" in html
    assert not OpinionSlip.objects.filter(plan=year.plan, serial=77).exists()


def test_a_forged_count_of_budget_lines_is_refused(client):
    year = Year()
    client.force_login(year.office)

    response = client.post(
        reverse("followups:budget", args=[year.plan.public_id]),
        {"chi-TOTAL_FORMS": "100000", "chi-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 400
    assert "Dự toán có tối đa 100 dòng" in response.content.decode()


def test_posting_is_confirmed_only_for_a_village_of_the_dialogue(client):
    year = Year()
    elsewhere = VillageFactory(commune=year.plan.commune, name="Ngọc Mai")
    client.force_login(UserFactory(commune=year.plan.commune, role=Role.OFFICE))
    url = "followups:posting-confirm"

    outside = client.post(
        reverse(url, args=[year.plan.public_id, elsewhere.pk]), {"posted_on": "27/06/2026"}
    )
    inside = client.post(
        reverse(url, args=[year.plan.public_id, year.villages[0].pk]), {"posted_on": "27/06/2026"}
    )

    assert outside.status_code == 404
    assert inside.status_code == 302
    assert list(year.plan.postings.values_list("village__name", flat=True)) == ["Quán Gỏi"]
