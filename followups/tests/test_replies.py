import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followups import services
from followups.models import Assignment, AssignmentStatus, FollowupStep, SupervisionNote
from kesat_dialogue.models import AuditEntry
from kesat_dialogue.tests.factories import tiny_pdf
from meetings.schedule import MilestoneKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(year):
    services.decide(
        petition=year.petitions[1],
        outcome="assigned",
        by=year.chair,
        unit=year.unit,
        due_date=dt.date(2026, 6, 30),
    )
    return Assignment.objects.get()


def _reply(**changes):
    data = {
        "text": "Đã nạo vét 1,2 km kênh.",
        "letter_number": "05/BC-ĐC",
        "letter_date": "29/06/2026",
    }
    data.update(changes)
    return data


def test_the_agency_replies_and_the_chair_accepts_which_closes_30_june(client, year, assignment):
    client.force_login(year.agency)
    client.post(reverse("followups:reply", args=[assignment.public_id]), _reply())
    client.force_login(year.chair)

    client.post(reverse("followups:review", args=[assignment.public_id, "chap-nhan"]))

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    assert assignment.replies.get().replied_by == year.agency
    steps = list(AuditEntry.objects.exclude(step="").order_by("pk").values_list("step", "user"))
    assert steps[-2:] == [
        (FollowupStep.REPLIED, year.agency.pk),
        (FollowupStep.ACCEPTED, year.chair.pk),
    ]
    assert year.plan.milestones.get(kind=MilestoneKind.AGENCY_REPLIES).is_done


def test_the_chair_sends_a_reply_back_with_a_comment(client, year, assignment):
    services.submit_reply(
        assignment=assignment,
        by=year.agency,
        reply=services.Reply(text="x", letter_number="1", letter_date=dt.date(2026, 6, 29)),
    )
    client.force_login(year.chair)

    client.post(
        reverse("followups:review", args=[assignment.public_id, "tra-lai"]),
        {"reason": "Chưa nêu kết quả cụ thể."},
    )

    assignment.refresh_from_db()
    assert (assignment.status, assignment.status_note) == ("returned", "Chưa nêu kết quả cụ thể.")


def test_the_front_supervises_and_asks_for_a_redo_which_reopens_the_step(client, year, assignment):
    services.submit_reply(
        assignment=assignment,
        by=year.agency,
        reply=services.Reply(text="x", letter_number="1", letter_date=dt.date(2026, 6, 29)),
    )
    services.accept(assignment=assignment, by=year.chair)
    client.force_login(year.front)

    client.post(
        reverse("followups:supervise", args=[assignment.public_id]),
        {"findings": "Kênh vẫn bồi lắng.", "satisfaction": "not_satisfied"},
    )
    client.post(
        reverse("followups:review", args=[assignment.public_id, "lam-lai"]),
        {"reason": "Nhân dân chưa đồng tình."},
    )

    assignment.refresh_from_db()
    assert assignment.status == "returned"
    assert SupervisionNote.objects.get().written_by == year.front
    redo = AuditEntry.objects.get(step=FollowupStep.REDO_ASKED)
    assert (redo.user, redo.note) == (year.front, "Nhân dân chưa đồng tình.")
    assert not year.plan.milestones.get(kind=MilestoneKind.AGENCY_REPLIES).is_done
    client.force_login(year.chair)
    page = client.get(
        reverse("followups:assignment-detail", args=[assignment.public_id])
    ).content.decode()
    assert "Kênh vẫn bồi lắng." in page and "Nhân dân chưa đồng tình." in page


def test_the_front_cannot_reply_nor_accept(client, year, assignment):
    client.force_login(year.front)

    reply = client.post(reverse("followups:reply", args=[assignment.public_id]), _reply())
    accept = client.post(reverse("followups:review", args=[assignment.public_id, "chap-nhan"]))

    assert reply.status_code == accept.status_code == 403


def test_a_reply_attachment_is_checked(client, year, assignment):
    client.force_login(year.agency)

    response = client.post(
        reverse("followups:reply", args=[assignment.public_id]),
        _reply(attachment=SimpleUploadedFile("a.pdf", b"<html>")),
    )

    assert "Nội dung tệp không phải PDF" in response.content.decode()
    assert not assignment.replies.exists()


def test_a_refused_reply_keeps_the_typed_text_and_the_history(client, year, assignment):
    client.force_login(year.agency)

    html = client.post(
        reverse("followups:reply", args=[assignment.public_id]),
        _reply(text="Đã nạo vét 2 km kênh", attachment=SimpleUploadedFile("a.pdf", b"<html>")),
    ).content.decode()

    assert "Đã nạo vét 2 km kênh" in html
    assert "Quyết định: Giao" in html  # the decision step is still listed under "Diễn biến"


def test_overdue_assignments_are_marked_on_the_lists(client, year, assignment):
    client.force_login(year.chair)

    with time_machine.travel(dt.datetime(2026, 7, 2, 9, 0), tick=False):
        listing = client.get(
            reverse("followups:assignments", args=[year.plan.public_id])
        ).content.decode()
        overdue_only = client.get(
            reverse("followups:assignments", args=[year.plan.public_id]), {"qua-han": 1}
        )
        client.force_login(year.agency)
        mine = client.get(reverse("followups:my-assignments")).content.decode()

    assert "Quá hạn" in listing and "Quá hạn" in mine
    assert "Nạo vét kênh mương" in overdue_only.content.decode()


def test_the_results_report_is_issued_from_the_replies(client, year, assignment):
    from kesat_dialogue.tests import pdf

    services.submit_reply(
        assignment=assignment,
        by=year.agency,
        reply=services.Reply(
            text="Đã nạo vét 1,2 km kênh.",
            letter_number="05/BC-ĐC",
            letter_date=dt.date(2026, 6, 29),
        ),
    )
    client.force_login(year.office)

    client.post(reverse("followups:results-report", args=[year.plan.public_id]))

    paper = services.notice_of(year.plan).results_report
    text = pdf.body_text(bytes(paper.pdf))
    assert paper.symbol == "01/BC-UBND"
    assert "Văn bản số 05/BC-ĐC ngày 29/6/2026: Đã nạo vét 1,2 km kênh." in text


def test_a_reply_attachment_is_served_only_inside_the_commune(client, year, assignment):
    from followups.tests.conftest import Year

    client.force_login(year.agency)
    client.post(
        reverse("followups:reply", args=[assignment.public_id]),
        _reply(attachment=SimpleUploadedFile("bao-cao.pdf", tiny_pdf())),
    )
    reply = assignment.replies.get()
    client.force_login(year.chair)
    own = client.get(reverse("followups:reply-attachment", args=[reply.public_id]))
    client.force_login(Year().chair)
    foreign = client.get(reverse("followups:reply-attachment", args=[reply.public_id]))

    assert own.status_code == 200 and "attachment" in own["Content-Disposition"]
    assert b"".join(own.streaming_content) == tiny_pdf()
    assert foreign.status_code == 404
