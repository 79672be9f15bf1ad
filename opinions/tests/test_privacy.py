"""The commune's notice on personal data: public, versioned, printed on the slip, and named
by every consent (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15)."""

import pytest
from django.urls import reverse

from kesat_dialogue.models import PrivacyNotice, Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory
from opinions import documents, services
from opinions.models import OpinionSlip
from opinions.tests.test_slips import _slip_data

pytestmark = pytest.mark.django_db


def test_the_notice_is_public_and_linked_from_the_login_page(client, plan):
    login = client.get(reverse("login")).content.decode()
    index = client.get(reverse("privacy-index")).content.decode()
    notice = client.get(reverse("privacy-notice", args=[plan.commune.slug])).content.decode()

    assert reverse("privacy-index") in login
    assert reverse("privacy-notice", args=[plan.commune.slug]) in index
    assert "Phiên bản 1" in notice
    assert "Chỉ Văn phòng HĐND và UBND xã, Ủy ban MTTQ xã và Chủ tịch UBND xã" in notice
    assert "thêm 5 năm" in notice and "rút lại sự đồng ý" in notice


def test_the_office_publishes_a_new_version_that_the_next_consent_names(client, plan, front):
    office = UserFactory(commune=plan.commune, role=Role.OFFICE)
    client.force_login(office)
    client.get(reverse("privacy-edit"))

    refused = client.post(reverse("privacy-edit"), {"text": "  "})
    client.post(reverse("privacy-edit"), {"text": "Xã Kè Sắt thu họ tên để trả lời ý kiến."})
    client.force_login(front)
    client.post(reverse("opinions:slip-create", args=[plan.public_id]), _slip_data(plan))

    assert refused.status_code == 400
    assert "Hãy ghi nội dung thông báo" in refused.content.decode()
    assert list(PrivacyNotice.objects.values_list("version", flat=True)) == [2, 1]
    page = client.get(reverse("privacy-notice", args=[plan.commune.slug])).content.decode()
    assert "Phiên bản 2" in page and "Xã Kè Sắt thu họ tên để trả lời ý kiến." in page
    assert OpinionSlip.objects.get(serial=12).consent_notice_version == 2


def test_only_the_office_edits_the_notice(client, plan, front):
    for role in (Role.FRONT, Role.CHAIR, Role.AGENCY, Role.VILLAGE):
        client.force_login(UserFactory(commune=plan.commune, role=role))
        assert client.post(reverse("privacy-edit"), {"text": "Khác"}).status_code == 403, role
    assert not PrivacyNotice.objects.filter(version__gt=1).exists()


def test_the_blank_slip_prints_the_short_notice_and_the_consent_box(plan):
    form = services.opinion_form_of(plan)
    words = documents.slip_words(plan, 1, 1)

    content = documents.blank_form(form, plan.villages.first()).render(words)

    text = " ".join(pdf.text(content).split())
    assert "Đồng ý cho lưu họ tên, địa chỉ, điện thoại để được trả lời" in text
    assert "chỉ Văn phòng, MTTQ và Chủ tịch UBND xã được xem" in text
    assert f"(phiên bản 1): http://127.0.0.1:8000/du-lieu-ca-nhan/{plan.commune.slug}/" in text
    assert pdf.info(content)["Pages"].strip() == "1"


def test_every_look_at_a_citizens_identity_is_logged_for_the_office(client, plan, front):
    from kesat_dialogue.models import IdentityView  # noqa: PLC0415
    from opinions.tests.factories import make_slip  # noqa: PLC0415

    named = make_slip(plan, 3, ["Đề nghị sửa cống"], name="Hoàng Thị Mai", phone="0912345678")
    make_slip(plan, 4, ["Đề nghị lắp đèn"], anonymous=True)
    chair = UserFactory(commune=plan.commune, role=Role.CHAIR, full_name="Phạm Thị Thu Hiền")
    client.force_login(chair)

    client.get(named.get_absolute_url())
    client.get(reverse("opinions:opinion-list", args=[plan.public_id]))
    client.get(reverse("opinions:export", args=[plan.public_id]))
    client.force_login(UserFactory(commune=plan.commune, role=Role.PARTY))
    client.get(reverse("opinions:opinion-list", args=[plan.public_id]))  # no names shown
    office = UserFactory(commune=plan.commune, role=Role.OFFICE)
    client.force_login(office)
    log = client.get(reverse("identity-log"), {"q": "Hoàng Thị Mai"}).content.decode()

    views = list(IdentityView.objects.order_by("pk"))
    assert [(v.user, v.page, v.subject_count) for v in views] == [
        (chair, "Phiếu số 0003", 1),
        (chair, "Danh sách ý kiến", 1),
        (chair, "Tệp Excel ý kiến, kiến nghị", 1),
    ]
    assert all(v.subjects == "Phiếu 0003: Hoàng Thị Mai" for v in views)
    assert log.count("Phạm Thị Thu Hiền") == 3 and "Tệp Excel ý kiến, kiến nghị" in log
    client.force_login(chair)
    assert client.get(reverse("identity-log")).status_code == 403
