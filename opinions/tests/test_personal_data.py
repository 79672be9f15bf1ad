"""Citizens' names, addresses and phones: office, front and chair only."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from opinions import services
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db
NAME, PHONE, ADDRESS = "Phạm Thị Nguyệt", "0912 000 111", "Xóm 4 thôn Đông"
SEES = {Role.OFFICE, Role.FRONT, Role.CHAIR}


@pytest.fixture
def petition(plan, front):
    slip = make_slip(plan, 1, ["Đề nghị sửa đường làng"], name=NAME, phone=PHONE, address=ADDRESS)
    opinion = slip.opinions.get()
    return services.merge(
        plan=plan,
        opinions=[opinion],
        text="Sửa đường làng",
        field=opinion.field,
        unit=None,
        by=front,
    )


@pytest.mark.parametrize("role", list(Role))
def test_identity_on_pages_by_role(client, plan, petition, role):
    client.force_login(UserFactory(commune=plan.commune, role=role))

    pages = [client.get(petition.get_absolute_url())]
    listing = client.get(reverse("opinions:opinion-list", args=[plan.public_id]))
    if listing.status_code == 200:
        pages.append(listing)

    html = "".join(p.content.decode() for p in pages)
    assert "Sửa đường làng" in html
    assert (NAME in html) == (role in SEES)
    assert PHONE not in pages[0].content.decode()
    if role in SEES:
        assert PHONE in listing.content.decode()


@pytest.mark.parametrize("role", [Role.OFFICE, Role.FRONT, Role.CHAIR])
def test_exports_carry_identity_only_for_those_who_may_see_it(client, plan, petition, role):
    client.force_login(UserFactory(commune=plan.commune, role=role))

    book = load_workbook(
        BytesIO(client.get(reverse("opinions:export", args=[plan.public_id])).content)
    )

    assert list(book["Y kien"].values)[1][2] == NAME


def test_the_synthesis_report_never_names_a_citizen(plan, front, petition):
    from kesat_dialogue.tests import pdf

    report = services.send_synthesis(plan=plan, by=front)

    text = pdf.text(bytes(report.paper.pdf))
    assert NAME not in text and PHONE not in text and ADDRESS not in text


def test_the_opinion_list_is_closed_to_agencies_and_villages(client, plan, petition):
    for role in (Role.AGENCY, Role.VILLAGE):
        client.force_login(UserFactory(commune=plan.commune, role=role))
        assert (
            client.get(reverse("opinions:opinion-list", args=[plan.public_id])).status_code == 403
        )


@pytest.mark.parametrize("role", sorted({Role.OFFICE, Role.FRONT, Role.CHAIR, Role.PARTY}))
def test_denunciation_texts_are_shown_only_to_the_core_bodies(client, plan, role):
    from opinions.models import OpinionKind  # noqa: PLC0415

    make_slip(plan, 9, ["Tố cáo cán bộ địa chính nhận tiền"], kind=OpinionKind.DENUNCIATION)
    client.force_login(UserFactory(commune=plan.commune, role=role))

    page = client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode()

    assert ("Tố cáo cán bộ địa chính nhận tiền" in page) is (role in SEES)
    assert ("chỉ Văn phòng, MTTQ và Chủ tịch UBND xã được xem" in page) is (role not in SEES)
