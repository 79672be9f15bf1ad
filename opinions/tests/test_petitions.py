import pytest
from django.urls import reverse

from kesat_dialogue.models import AuditEntry
from opinions import services
from opinions.models import Opinion, OpinionKind, Petition
from opinions.tests.factories import field_named, make_slip

pytestmark = pytest.mark.django_db


@pytest.fixture
def road_opinions(plan):
    villages = list(plan.villages.all())
    make_slip(plan, 1, ["Đề nghị sửa đường làng"], village=villages[0])
    make_slip(plan, 2, ["Đường làng hỏng, cần sửa"], village=villages[1])
    make_slip(plan, 3, ["Sửa giúp đường làng đoạn đầu thôn"], village=villages[1])
    return list(Opinion.objects.filter(plan=plan).order_by("slip__serial"))


def test_merging_opinions_makes_a_petition_with_its_count_and_villages(
    client, plan, front, road_opinions
):
    client.force_login(front)
    field = field_named(plan.commune)

    response = client.post(
        reverse("opinions:petition-create", args=[plan.public_id]),
        {
            "text": "Đề nghị sửa đường làng",
            "field": field.pk,
            "unit": "",
            "opinions": [o.pk for o in road_opinions],
        },
    )

    petition = Petition.objects.get(plan=plan)
    assert response.url == petition.get_absolute_url()
    assert set(petition.opinions.all()) == set(road_opinions)
    page = client.get(reverse("opinions:petition-list", args=[plan.public_id])).content.decode()
    names = sorted({o.village.name for o in road_opinions}, key=lambda n: n)
    assert "Đề nghị sửa đường làng" in page and "<td>3</td>" in page
    assert all(name in page for name in names)


def test_choosing_opinions_on_the_list_prefills_the_merge_page_and_suggests_similar(
    client, plan, front, road_opinions
):
    make_slip(plan, 4, ["Trạm y tế thiếu thuốc"], field="Y tế")
    client.force_login(front)

    html = client.get(
        reverse("opinions:petition-create", args=[plan.public_id]),
        {"y": [str(road_opinions[0].public_id)]},
    ).content.decode()

    assert 'name="text"' in html and "Đề nghị sửa đường làng</textarea>" in html
    suggestions = html[html.index("Ý kiến tương tự chưa tổng hợp") :]
    assert "Đường làng hỏng, cần sửa" in suggestions
    assert "Trạm y tế thiếu thuốc" not in suggestions


def test_a_complaint_is_never_merged(plan, front):
    slip = make_slip(
        plan, 9, ["Khiếu nại việc đo đạc đất"], kind=OpinionKind.COMPLAINT, field="Đất đai"
    )
    complaint = slip.opinions.get()

    petition = services.merge(
        plan=plan, opinions=[complaint], text="x", field=complaint.field, unit=None, by=front
    )

    complaint.refresh_from_db()
    assert complaint.petition is None and complaint.needs_referral
    assert not petition.opinions.exists()


def test_unmerging_returns_the_opinion_and_drops_an_empty_petition(
    client, plan, front, road_opinions
):
    petition = services.merge(
        plan=plan,
        opinions=road_opinions[:1],
        text="Sửa đường",
        field=road_opinions[0].field,
        unit=None,
        by=front,
    )
    client.force_login(front)

    client.post(reverse("opinions:opinion-unmerge", args=[road_opinions[0].public_id]))

    road_opinions[0].refresh_from_db()
    assert road_opinions[0].petition is None
    assert not Petition.objects.filter(pk=petition.pk).exists()


def test_adding_opinions_to_an_existing_petition(client, plan, front, road_opinions):
    petition = services.merge(
        plan=plan,
        opinions=road_opinions[:1],
        text="Sửa đường",
        field=road_opinions[0].field,
        unit=None,
        by=front,
    )
    client.force_login(front)

    client.post(
        reverse("opinions:petition-attach", args=[petition.public_id]),
        {"opinions": [o.pk for o in road_opinions[1:]]},
    )

    assert petition.opinions.count() == 3


@pytest.mark.parametrize("query", ["duong lang", "ĐƯỜNG LÀNG", "đường làng"])
def test_search_ignores_accents_and_case(client, plan, front, road_opinions, query):
    make_slip(plan, 4, ["Trạm y tế thiếu thuốc"], field="Y tế")
    services.merge(
        plan=plan,
        opinions=road_opinions,
        text="Đề nghị sửa Đường Làng",
        field=road_opinions[0].field,
        unit=None,
        by=front,
    )
    client.force_login(front)

    opinions = client.get(
        reverse("opinions:opinion-list", args=[plan.public_id]), {"q": query}
    ).content.decode()
    petitions = client.get(
        reverse("opinions:petition-list", args=[plan.public_id]), {"q": query}
    ).content.decode()

    assert "Đường làng hỏng, cần sửa" in opinions and "Trạm y tế thiếu thuốc" not in opinions
    assert "Đề nghị sửa Đường Làng" in petitions


def test_opinion_filters_by_village_field_kind_and_status(client, plan, front, road_opinions):
    make_slip(plan, 4, ["Trạm y tế thiếu thuốc"], field="Y tế", kind=OpinionKind.REPORT)
    services.merge(
        plan=plan,
        opinions=road_opinions[:1],
        text="Sửa đường",
        field=road_opinions[0].field,
        unit=None,
        by=front,
    )
    client.force_login(front)
    url = reverse("opinions:opinion-list", args=[plan.public_id])

    by_field = client.get(url, {"field": field_named(plan.commune, "Y tế").pk}).content.decode()
    by_kind = client.get(url, {"kind": "report"}).content.decode()
    unmerged = client.get(url, {"status": "unmerged"}).content.decode()
    by_village = client.get(url, {"village": road_opinions[0].village_id}).content.decode()

    assert "Trạm y tế" in by_field and "đường làng" not in by_field
    assert "Trạm y tế" in by_kind and "Đường làng hỏng" not in by_kind
    assert "Đề nghị sửa đường làng" not in unmerged and "Đường làng hỏng" in unmerged
    assert "Đề nghị sửa đường làng" in by_village and "Đường làng hỏng" not in by_village


@pytest.mark.parametrize("slips", [3, 30])
def test_opinion_list_queries_stay_constant(
    client, plan, front, django_assert_max_num_queries, slips
):
    for serial in range(1, slips + 1):
        make_slip(plan, serial, ["Đề nghị sửa đường", "Lắp đèn đường"], name=f"Người {serial}")
    client.force_login(front)

    # 13: one of them writes the log of who saw the writers' names (Luật 91/2025/QH15);
    # the plan's commune is the request's own, not read again.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("opinions:opinion-list", args=[plan.public_id]))

    assert response.content.decode().count("Lắp đèn đường") == min(slips, 25)


@pytest.mark.parametrize("petitions", [2, 20])
def test_petition_list_queries_stay_constant(
    client, plan, front, django_assert_max_num_queries, petitions
):
    field = field_named(plan.commune)
    for n in range(petitions):
        slip = make_slip(plan, n + 1, [f"Kiến nghị số {n}"])
        services.merge(
            plan=plan,
            opinions=list(slip.opinions.all()),
            text=f"Nội dung gộp {n}",
            field=field,
            unit=None,
            by=front,
        )
    client.force_login(front)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("opinions:petition-list", args=[plan.public_id]))

    assert response.content.decode().count("Nội dung gộp") == petitions


@pytest.mark.parametrize("count", [3, 60])
def test_a_merge_costs_the_same_queries_however_many_opinions(
    plan, front, count, django_assert_max_num_queries
):
    make_slip(plan, 1, [f"Đề nghị sửa cống số {n}" for n in range(count)])
    opinions = list(Opinion.objects.filter(plan=plan))

    with django_assert_max_num_queries(12):
        petition = services.merge(
            plan=plan,
            opinions=opinions,
            text="Sửa cống",
            field=opinions[0].field,
            unit=None,
            by=front,
        )

    assert petition.opinions.count() == count
    entries = AuditEntry.objects.filter(content_type__model="opinion", action="changed")
    assert entries.count() == count
    assert set(entries.values_list("commune", flat=True)) == {plan.commune_id}


def test_opinion_facts_are_the_same_with_the_page_s_villages_or_without(
    plan, front, road_opinions, django_assert_num_queries
):
    """The public page hands its villages in to save a join; a village left out of them
    (one taken off the plan after its people wrote) is still named."""
    villages = list(plan.villages.all())
    petition = services.merge(
        plan=plan,
        opinions=road_opinions,
        text="Đề nghị sửa đường làng",
        field=field_named(plan.commune),
        unit=None,
        by=front,
    )
    alone = services.merge(
        plan=plan,
        opinions=[make_slip(plan, 4, ["Lắp đèn"], village=villages[0]).opinions.get()],
        text="Lắp đèn",
        field=field_named(plan.commune),
        unit=None,
        by=front,
    )
    read = [Petition.objects.get(pk=petition.pk), Petition.objects.get(pk=alone.pk)]
    given = [Petition.objects.get(pk=petition.pk), Petition.objects.get(pk=alone.pk)]
    partly = [Petition.objects.get(pk=petition.pk), Petition.objects.get(pk=alone.pk)]

    with django_assert_num_queries(1):
        Petition.attach_opinion_facts(read)
    with django_assert_num_queries(1):
        Petition.attach_opinion_facts(given, villages)
    with django_assert_num_queries(2):
        Petition.attach_opinion_facts(partly, villages[1:])

    expected = [([villages[0].name, villages[1].name], 3), ([villages[0].name], 1)]
    for petitions in (read, given, partly):
        assert [(p.village_names(), p.opinion_count) for p in petitions] == expected
