"""A commune's dialogues as they run: several a year for clusters of villages, requested
ones, closing with a checklist, work carried over past the archive, reopening, and the next
dialogue built on the last."""

import datetime as dt
import html
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse

from followups import archive, services
from followups.models import Assignment, Dossier, DossierAddendum, Reminder
from followups.tests.conftest import Year
from kesat_dialogue.models import AuditEntry, Paper, Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import DialoguePlan, PlanStatus
from meetings.tests.factories import VillageFactory, make_plan
from meetings.tests.test_plan_views import _form_data
from opinions import services as opinion_services
from opinions.models import OpinionSlip
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db
CONFIRMED = {"xac-nhan": "1"}


def _new_plan_data(plan, **changes):
    """The new-plan form filled in like ``plan``, for another dialogue of its commune."""
    data = _form_data(plan, **changes)
    data.pop("due_synthesis", None)
    return data


@pytest.fixture
def office(db):
    return UserFactory(role=Role.OFFICE)


@pytest.fixture
def plan(office):
    return make_plan(office.commune)


def test_a_requested_dialogue_under_a_tenth_of_the_voters_is_refused_with_the_figures(
    client, office, plan
):
    client.force_login(office)
    data = _new_plan_data(
        plan, kind="requested", request_basis="voters", signatures="45", voters="1000"
    )

    response = client.post(reverse("meetings:plan-create"), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "45 cử tri ký đề nghị mới bằng 4,5% trong 1.000 cử tri" in html
    assert "cần từ 10% (100 cử tri) trở lên" in html
    assert 'value="45"' in html and 'value="1000"' in html
    assert DialoguePlan.objects.count() == 1


def test_a_requested_dialogue_records_why(client, office, plan):
    client.force_login(office)
    by_voters = _new_plan_data(
        plan, kind="requested", request_basis="voters", signatures="120", voters="1000"
    )
    no_reason = _new_plan_data(plan, kind="requested", request_basis="commune")

    client.post(reverse("meetings:plan-create"), by_voters)
    refused = client.post(reverse("meetings:plan-create"), no_reason)

    requested = DialoguePlan.objects.get(kind="requested")
    assert (requested.signatures, requested.voters, requested.number) == (120, 1000, 2)
    assert requested.signature_share == 12.0
    assert refused.status_code == 400
    assert "Hãy ghi lý do Ủy ban nhân dân xã tổ chức." in refused.content.decode()
    page = client.get(requested.get_absolute_url()).content.decode()
    assert "Đột xuất" in page and "120/1000 cử tri, 12,0%" in page


def test_a_village_already_in_a_dialogue_of_the_year_is_pointed_out(client, office, plan):
    client.force_login(office)
    shared = plan.villages.first()
    other = VillageFactory(commune=office.commune, name="An Lạc")

    response = client.post(
        reverse("meetings:plan-create"),
        _new_plan_data(plan, villages=[shared.pk, other.pk]),
        follow=True,
    )

    assert f"Thôn {shared.name} cũng có trong cuộc đối thoại năm 2026" in response.content.decode()
    assert DialoguePlan.objects.filter(year=2026).count() == 2


def test_two_dialogues_of_a_year_each_have_their_public_page_and_receipt_lookup(client):
    first = Year()
    commune = first.plan.commune
    cluster = [VillageFactory(commune=commune, name=n) for n in ("An Lạc", "Hòa Bình")]
    second = make_plan(commune, villages=cluster, meeting_date=dt.date(2026, 11, 20))
    slip = make_slip(second, 1, ["Đề nghị lắp đèn ngõ xóm An Lạc"], village=cluster[0])
    for plan in (first.plan, second):
        plan.status = PlanStatus.ISSUED
        plan.save(update_fields=["status"])

    index = client.get(reverse("followups:public-plans", args=[commune.slug])).content.decode()
    page_one = client.get(first.plan.get_public_url()).content.decode()
    page_two = client.get(second.get_public_url()).content.decode()
    printed = client.get(f"/cong-khai/{commune.slug}/2026/").content.decode()
    lookup = client.get(
        reverse("followups:public-lookup", args=[commune.slug]), {"ma": slip.receipt_code}
    ).content.decode()

    assert second.get_public_url() == f"/cong-khai/{commune.slug}/2026/2/"
    assert f"Nhân dân các thôn {first.plan.villages_label}" in index
    assert "Nhân dân các thôn An Lạc, Hòa Bình" in index
    assert "Sửa đường trục thôn" in page_one and "Sửa đường trục thôn" not in page_two
    assert "các thôn An Lạc, Hòa Bình" in page_two
    # A QR code printed before several dialogues a year still opens the year's first one.
    assert "Sửa đường trục thôn" in printed and "An Lạc, Hòa Bình" not in printed
    assert "Đề nghị lắp đèn ngõ xóm An Lạc" in lookup
    assert second.get_public_url() in lookup


def _assigned(year, petition, due=dt.date(2026, 6, 30)):
    services.decide(
        petition=petition, outcome="assigned", by=year.chair, unit=year.unit, due_date=due
    )
    return Assignment.objects.get(petition=petition)


def test_closing_asks_for_confirmation_and_lists_what_is_not_finished(client):
    year = Year()
    _assigned(year, year.petitions[0])
    client.force_login(year.office)
    url = reverse("followups:dossier", args=[year.plan.public_id])

    page = client.get(url).content.decode()
    unconfirmed = client.post(
        reverse("followups:dossier-close", args=[year.plan.public_id]), follow=True
    ).content.decode()
    confirmed = client.post(
        reverse("followups:dossier-close", args=[year.plan.public_id]), CONFIRMED, follow=True
    ).content.decode()

    assert "1 việc được giao chưa xong" in page
    assert f"Chưa xác nhận niêm yết:</strong> thôn {year.plan.villages_label}" in page
    assert "Chưa ban hành:</strong> Kế hoạch, Báo cáo tổng hợp ý kiến của MTTQ" in page
    assert "hãy xem danh sách kiểm tra rồi đánh dấu ô" in unconfirmed
    assert "chưa được Chủ tịch UBND xã cho theo dõi tiếp" in confirmed
    year.plan.refresh_from_db()
    assert not year.plan.is_closed and not Dossier.objects.exists()


def test_work_carried_over_goes_on_after_the_archive_and_joins_it_as_an_addendum(client):
    year = Year()
    assignment = _assigned(year, year.petitions[0], due=dt.date(2026, 7, 15))
    client.force_login(year.chair)
    client.post(reverse("followups:dossier-carry-over", args=[year.plan.public_id]))
    client.force_login(year.office)
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC), tick=False):
        client.post(reverse("followups:dossier-close", args=[year.plan.public_id]), CONFIRMED)
    stored = Dossier.objects.get(plan=year.plan)

    # After the archive: reminded, answered by the agency, accepted by the chairman.
    with time_machine.travel(dt.datetime(2026, 7, 14, 1, tzinfo=dt.UTC), tick=False):
        from followups import reminders  # noqa: PLC0415

        reminders.record(dt.date(2026, 7, 14))
        client.force_login(year.agency)
        replied = client.post(
            reverse("followups:reply", args=[assignment.public_id]),
            {
                "text": "Đã sửa xong đường trục thôn",
                "letter_number": "21/ĐC-XD",
                "letter_date": "14/07/2026",
            },
        )
    client.force_login(year.chair)
    client.post(reverse("followups:review", args=[assignment.public_id, "chap-nhan"]))
    client.force_login(year.office)
    page = client.get(reverse("followups:dossier", args=[year.plan.public_id])).content.decode()
    reply = assignment.replies.get()
    client.post(
        reverse("followups:dossier-add-late-reply", args=[year.plan.public_id, reply.public_id])
    )

    year.plan.refresh_from_db()
    assignment.refresh_from_db()
    assert year.plan.is_closed and assignment.is_carried_over
    assert Reminder.objects.filter(assignment=assignment, offset="d1").exists()
    assert replied.status_code == 302 and assignment.status == "accepted"
    assert "Chưa bổ sung: Bộ phận Địa chính - Xây dựng trả lời" in page
    addendum = DossierAddendum.objects.get()
    assert addendum.paper.code == "BC" and addendum.paper.symbol == "01/BC-UBND"
    assert "Đã sửa xong đường trục thôn" in addendum.paper.html
    assert Paper.objects.filter(pk=addendum.paper.pk, commune=year.plan.commune).exists()
    stored.refresh_from_db()
    assert Dossier.objects.count() == 1 and stored.sha256 == Dossier.objects.get().sha256
    names = zipfile.ZipFile(io.BytesIO(bytes(stored.content))).namelist()
    assert not any("BC-UBND-01" in name for name in names)


def test_the_chairman_reopens_with_a_reason_and_the_next_closing_is_a_new_version(client):
    year = Year()
    archive.close(plan=year.plan, by=year.office, confirmed=True)
    client.force_login(year.chair)
    url = reverse("followups:dossier-reopen", args=[year.plan.public_id])

    refused = client.post(url, {"reason": "  "})
    client.post(url, {"reason": "Bổ sung biên bản họp đánh giá còn thiếu."})
    year.plan.refresh_from_db()
    reopened_status = year.plan.status
    archive.close(plan=year.plan, by=year.office, confirmed=True)

    assert refused.status_code == 400
    assert "Hãy ghi lý do mở lại hồ sơ (ô «Lý do mở lại»)." in refused.content.decode()
    assert reopened_status == PlanStatus.DRAFT
    step = AuditEntry.objects.get(step="reopened")
    assert (step.user, step.note) == (year.chair, "Bổ sung biên bản họp đánh giá còn thiếu.")
    assert list(Dossier.objects.order_by("version").values_list("version", flat=True)) == [1, 2]
    client.force_login(year.office)
    first = client.get(reverse("followups:dossier-download-version", args=[year.plan.public_id, 1]))
    assert first.status_code == 200 and "lan" not in first["Content-Disposition"]


def test_a_petition_that_repeats_one_of_an_earlier_dialogue_is_flagged_with_its_outcome(client):
    year = Year()
    services.decide(
        petition=year.petitions[0], outcome="resolved", by=year.chair, note="Đã sửa xong."
    )
    shared = year.villages[1]  # the village whose people asked for the road
    assert year.petitions[0].opinions.get().village == shared
    next_one = make_plan(
        year.plan.commune, year=2027, villages=[shared], meeting_date=dt.date(2027, 6, 18)
    )
    slip = make_slip(next_one, 1, ["Đường trục thôn lại hỏng"], village=shared)
    other = make_slip(next_one, 2, ["Đề nghị mở lớp học bơi cho trẻ em"], village=shared)
    field = slip.opinions.get().field

    repeated = opinion_services.merge(
        plan=next_one,
        opinions=list(slip.opinions.all()),
        text="Sửa đường trục thôn",
        field=field,
        unit=None,
        by=year.front,
    )
    fresh = opinion_services.merge(
        plan=next_one,
        opinions=list(other.opinions.all()),
        text="Mở lớp học bơi cho trẻ em",
        field=field,
        unit=None,
        by=year.front,
    )
    client.force_login(year.chair)
    listing = client.get(reverse("opinions:petition-list", args=[next_one.public_id]))

    assert repeated.repeats == year.petitions[0] and fresh.repeats is None
    html = listing.content.decode()
    assert "Đã kiến nghị năm 2026 — kết quả: đã giải quyết xong" in html
    assert html.count("Nhắc lại") == 1
    assert "Lần đối thoại trước, Nhân dân các thôn này đã kiến nghị" in html
    assert "Nạo vét kênh mương" not in html  # asked by another village
    assert OpinionSlip.objects.filter(plan=next_one).count() == 2


def test_a_copy_takes_the_questions_and_the_invited_officials_not_the_residents(client):
    year = Year()
    form = opinion_services.opinion_form_for_change(year.plan)
    form.questions = "Ông/bà thấy đường làng thế nào?\nÔng/bà cần xã làm gì trước?"
    form.save()
    from meetings.models import Participant  # noqa: PLC0415

    Participant.objects.create(
        plan=year.plan, category="agency", position="Trưởng Công an xã", is_head=True
    )
    Participant.objects.create(
        plan=year.plan, category="resident", name="Trần Thị Cư Dân", position="Đại diện Nhân dân"
    )
    client.force_login(year.office)

    client.post(
        reverse("meetings:plan-copy", args=[year.plan.public_id]),
        {"year": "2027", "meeting_date": "18/06/2027"},
    )

    copy = DialoguePlan.objects.get(year=2027)
    assert copy.opinion_form.question_list() == [
        "Ông/bà thấy đường làng thế nào?",
        "Ông/bà cần xã làm gì trước?",
    ]
    assert copy.opinion_form.ready_at is None
    assert list(copy.participants.values_list("position", "name")) == [("Trưởng Công an xã", "")]


def test_a_reply_with_an_invented_kind_is_refused_with_an_example(client):
    year = Year()
    assignment = _assigned(year, year.petitions[0], due=dt.date(2026, 7, 15))
    client.force_login(year.agency)

    refused = client.post(
        reverse("followups:reply", args=[assignment.public_id]),
        {"text": "Đã sửa xong đường", "letter_number": "21/TL-UBND", "letter_date": "14/07/2026"},
    )

    page = html.unescape(refused.content.decode())
    assert refused.status_code == 400
    assert "«TL» không phải mã loại văn bản của Nghị định 30/2020" in page
    assert "ví dụ 05/BC-CAX" in page and "Đã sửa xong đường" in page
    assert not assignment.replies.exists()
