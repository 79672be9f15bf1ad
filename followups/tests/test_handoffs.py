"""A notice reaches the next person at each hand-off, in the app and by e-mail, once."""

import datetime as dt

import pytest
from django.core import mail

from followups import services
from followups.models import Assignment, Reply
from followups.tests.conftest import Year
from kesat_dialogue.models import Notification, Role
from kesat_dialogue.tests.factories import UserFactory
from opinions import services as opinion_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    year = Year()
    for user in (year.chair, year.office, year.agency, year.front):
        user.email = f"{user.username}@kesat.example.vn"
        user.save(update_fields=["email"])
    year.party = UserFactory(commune=year.plan.commune, role=Role.PARTY, email="dang@x.vn")
    return year


def _heard(user) -> tuple[list[str], list[str]]:
    """In-app notices (without the commune's name in brackets) and e-mail subjects."""
    notices = [
        text.split("] ", 1)[-1]
        for text in Notification.objects.filter(user=user).values_list("text", flat=True)
    ]
    emails = [m.subject for m in mail.outbox if user.email in m.to]
    return notices, emails


def _twice(action, capture):
    with capture(execute=True):
        action()
    with capture(execute=True):
        action()


def test_a_drafted_notice_reaches_the_chairman_once(year, django_capture_on_commit_callbacks):
    notice = services.notice_for_change(year.plan)

    _twice(
        lambda: services.edit_notice(
            notice=notice, assessment="Dân chủ, cởi mở.", closing="Thực hiện.", by=year.office
        ),
        django_capture_on_commit_callbacks,
    )

    notices, emails = _heard(year.chair)
    assert notices == ["Văn phòng đã soạn dự thảo Thông báo kết luận: mời Chủ tịch xem và duyệt."]
    assert len(emails) == 1 and "mời Chủ tịch xem và duyệt" in emails[0]
    assert _heard(year.office) == ([], [])


def test_an_approved_notice_reaches_the_office_and_an_edit_after_it_the_chairman_again(
    year, django_capture_on_commit_callbacks
):
    notice = services.notice_for_change(year.plan)
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_notice(notice=notice, assessment="A", closing="B", by=year.office)
        services.approve_notice(notice=notice, by=year.chair)
        services.edit_notice(notice=notice, assessment="A, sửa", closing="B", by=year.office)

    assert _heard(year.office)[0] == [
        "Chủ tịch UBND xã đã duyệt Thông báo kết luận: mời Văn phòng ban hành."
    ]
    assert len(_heard(year.chair)[0]) == 2  # drafted, then edited after approval


def test_an_assignment_reaches_its_agency_once(year, django_capture_on_commit_callbacks):
    def assign():
        services.decide(
            petition=year.petitions[0],
            outcome="assigned",
            by=year.chair,
            unit=year.unit,
            due_date=dt.date(2026, 6, 30),
        )

    _twice(assign, django_capture_on_commit_callbacks)

    notices, emails = _heard(year.agency)
    assert notices == [
        "Chủ tịch UBND xã giao giải quyết kiến nghị, hạn 30/06/2026: Sửa đường trục thôn"
    ]
    assert len(emails) == 1


def test_a_reply_reaches_the_chairman_and_a_sending_back_the_agency(
    year, django_capture_on_commit_callbacks
):
    services.decide(
        petition=year.petitions[0],
        outcome="assigned",
        by=year.chair,
        unit=year.unit,
        due_date=dt.date(2026, 6, 30),
    )
    assignment = Assignment.objects.get()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_reply(
            assignment=assignment,
            reply=Reply(text="Đã sửa", letter_number="15/ĐC-XD", letter_date=dt.date(2026, 6, 28)),
            by=year.agency,
        )
        services.send_back(assignment=assignment, reason="Chưa có ảnh hiện trường.", by=year.chair)

    assert _heard(year.chair)[0] == [
        "Bộ phận Địa chính - Xây dựng đã gửi văn bản trả lời số 15/ĐC-XD: mời Chủ tịch xem."
    ]
    assert _heard(year.agency)[0] == [
        "Chủ tịch UBND xã trả lại văn bản trả lời: Chưa có ảnh hiện trường."
    ]


def test_the_synthesis_reaches_the_office_and_the_party_board(
    year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opinion_services.send_synthesis(plan=year.plan, by=year.front)

    for user in (year.office, year.party):
        notices, emails = _heard(user)
        assert len(notices) == 1 and notices[0].startswith("Ủy ban MTTQ xã đã gửi Báo cáo")
        assert len(emails) == 1
    assert _heard(year.chair) == ([], [])


def test_slips_imported_by_the_office_reach_the_front(year, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile  # noqa: PLC0415

    from opinions import excel, imports  # noqa: PLC0415
    from opinions.models import ImportJob  # noqa: PLC0415

    village = year.villages[0].name
    row = [
        9,
        village,
        "",
        "",
        "",
        "có",
        "không",
        "Nhân dân",
        "Thôn",
        "05/06/2026",
        "Đề nghị lắp đèn",
        "Kiến nghị",
        "Giao thông",
    ]
    job = ImportJob.objects.create(
        plan=year.plan,
        file=ContentFile(excel.workbook_from_rows([row]), name="phieu.xlsx"),
        filename="phieu.xlsx",
        created_by=year.office,
    )

    with django_capture_on_commit_callbacks(execute=True):
        imports.run(job)
        imports.run(job)

    notices, emails = _heard(year.front)
    assert notices == ["Đã nhập 1 phiếu từ tệp phieu.xlsx: mời MTTQ phân loại, tổng hợp."]
    assert len(emails) == 1 and _heard(year.office) == ([], [])
