import pytest
from django.urls import reverse

from kesat_dialogue.models import Notification, Paper, Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings.schedule import MilestoneKind
from opinions import services
from opinions.models import Opinion, SynthesisReport
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(plan, front):
    make_slip(plan, 1, ["Đề nghị sửa đường làng", "Lắp đèn đường"])
    make_slip(plan, 2, ["Đường làng hỏng nặng"], village=list(plan.villages.all())[1])
    roads = Opinion.objects.filter(plan=plan).matching("duong lang")
    return services.merge(
        plan=plan,
        opinions=list(roads),
        text="Đề nghị sửa đường làng",
        field=roads.first().field,
        unit=None,
        by=front,
    )


def test_sending_issues_a_front_report_notifies_and_completes_the_step(client, plan, front, merged):
    office = UserFactory(commune=plan.commune, role=Role.OFFICE)
    party = UserFactory(commune=plan.commune, role=Role.PARTY)
    agency = UserFactory(commune=plan.commune, role=Role.AGENCY)
    client.force_login(front)

    client.post(
        reverse("opinions:synthesis-send", args=[plan.public_id]), {"gui-khi-con-y-kien": "1"}
    )

    report = SynthesisReport.objects.get(plan=plan)
    assert report.paper.symbol == "01/BC-MTTQ" and report.paper.issuer == "MTTQ"
    text = pdf.body_text(bytes(report.paper.pdf))
    assert "Số: 01/BC-MTTQ" in pdf.text(bytes(report.paper.pdf))
    assert "ỦY BAN MTTQ VIỆT NAM" in text
    assert "Tổng số phiếu thu về: 2 phiếu, với 3 ý kiến" in text
    assert "Đề nghị sửa đường làng (2 ý kiến; thôn" in text
    assert {n.user for n in Notification.objects.all()} == {office, party}
    assert agency not in {n.user for n in Notification.objects.all()}
    assert plan.milestones.get(kind=MilestoneKind.SYNTHESIS).done_by == front


def test_opinions_left_unmerged_are_listed_and_sending_asks_first(client, plan, front, merged):
    client.force_login(front)
    url = reverse("opinions:synthesis", args=[plan.public_id])

    page = client.get(url).content.decode()
    refused = client.post(
        reverse("opinions:synthesis-send", args=[plan.public_id]), follow=True
    ).content.decode()

    assert "1 ý kiến chưa tổng hợp vào kiến nghị nào" in page and "Lắp đèn đường" in page
    assert "Chưa gửi: còn 1 ý kiến chưa tổng hợp" in refused
    assert not SynthesisReport.objects.filter(plan=plan).exists()


def test_the_office_sees_the_notification_with_a_link_to_the_pdf(client, plan, front, merged):
    office = UserFactory(commune=plan.commune, role=Role.OFFICE)
    services.send_synthesis(plan=plan, by=front)
    client.force_login(office)

    dashboard = client.get(reverse("meetings:dashboard")).content.decode()
    page = client.get(reverse("notifications")).content.decode()

    paper = Paper.objects.get(code="BC")
    assert '1<span class="visually-hidden"> chưa đọc</span>' in dashboard
    assert "Báo cáo tổng hợp ý kiến, kiến nghị số 01/BC-MTTQ" in page
    # Reading the list marks nothing; opening the notice does, and leads to the paper.
    notice = Notification.objects.get(user=office)
    assert notice.read_at is None
    opened = client.post(reverse("notification-open", args=[notice.pk]))
    assert opened["Location"] == reverse("paper-download", args=[paper.public_id])
    assert not Notification.objects.filter(user=office).unread().exists()


def test_changes_after_sending_show_as_a_difference(client, plan, front, merged):
    services.send_synthesis(plan=plan, by=front)
    make_slip(plan, 3, ["Đường làng lầy lội"])
    services.merge(
        plan=plan,
        opinions=list(Opinion.objects.filter(slip__serial=3)),
        text="",
        field=merged.field,
        unit=None,
        by=front,
        petition=merged,
    )
    client.force_login(front)

    html = client.get(reverse("opinions:synthesis", args=[plan.public_id])).content.decode()

    assert "Có thay đổi sau khi gửi" in html
    assert "Số ý kiến: 3 → 4" in html
    assert "(2 → 3 ý kiến" in html


def test_nothing_changed_says_so(client, plan, front, merged):
    services.send_synthesis(plan=plan, by=front)
    client.force_login(front)

    html = client.get(reverse("opinions:synthesis", args=[plan.public_id])).content.decode()

    assert "Không có thay đổi nào kể từ khi gửi" in html


def test_the_preview_is_the_report_before_sending(client, plan, front, merged):
    client.force_login(front)

    html = client.get(reverse("opinions:synthesis-preview", args=[plan.public_id])).content.decode()

    assert "papers/paper.css" in html and "Đề nghị sửa đường làng" in html
    assert not SynthesisReport.objects.exists()
