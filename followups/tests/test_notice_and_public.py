import datetime as dt
import html
import re

import pytest
import time_machine
from django.urls import reverse

from followups import services
from followups.views.public import PAGE_SIZE
from kesat_dialogue.models import Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import Membership
from meetings.schedule import MilestoneKind
from opinions.models import OpinionSlip
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db
PERSONAL = ("Nguyễn Văn Bí Mật", "0912 345 678", "Xóm 9")


def _decide_all(year):
    first, second, third, fourth = year.petitions
    services.decide(petition=first, outcome="resolved", by=year.chair, note="Đã sửa xong tháng 6.")
    services.decide(
        petition=second,
        outcome="assigned",
        by=year.chair,
        unit=year.unit,
        due_date=dt.date(2026, 6, 30),
        instruction="Nạo vét trước mùa mưa.",
    )
    services.decide(petition=third, outcome="escalated", by=year.chair, escalated_to="UBND tỉnh")
    services.decide(petition=fourth, outcome="rejected", by=year.chair, note="Đã công khai đầy đủ.")


def test_the_notice_needs_the_chairs_approval_before_it_is_issued(client, year):
    _decide_all(year)
    client.force_login(year.office)

    refused = client.post(
        reverse("followups:notice-issue", args=[year.plan.public_id]), follow=True
    )
    client.force_login(year.chair)
    client.post(reverse("followups:notice-approve", args=[year.plan.public_id]))
    client.force_login(year.office)
    client.post(reverse("followups:notice-issue", args=[year.plan.public_id]))

    assert "chưa được Chủ tịch UBND xã duyệt" in refused.content.decode()
    notice = services.notice_for_change(year.plan)
    assert notice.paper.symbol == "01/TB-UBND" and notice.approved_by == year.chair
    text = pdf.body_text(bytes(notice.paper.pdf))
    for fact in (
        "THÔNG BÁO",
        "Đã giải quyết. Đã sửa xong tháng 6.",
        f"Giao {year.unit} giải quyết, trả lời trước ngày 30/6/2026",
        "Kiến nghị UBND tỉnh xem xét",
        "Không chấp nhận. Lý do: Đã công khai đầy đủ.",
    ):
        assert fact in text, fact
    assert not any(value in text for value in PERSONAL)
    assert year.plan.milestones.get(kind=MilestoneKind.CONCLUSION_NOTICE).is_done


def test_editing_an_approved_notice_asks_for_approval_again(client, year):
    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    client.force_login(year.office)

    client.post(
        reverse("followups:notice", args=[year.plan.public_id]),
        {"assessment": "Đánh giá mới.", "closing": notice.closing},
    )

    notice.refresh_from_db()
    assert not notice.is_approved
    page = client.get(reverse("followups:notice", args=[year.plan.public_id])).content.decode()
    assert "Sửa thông báo sau khi duyệt" in page


def test_village_extracts_have_one_page_per_village_and_a_qr_code(client, year):
    _decide_all(year)
    client.force_login(year.office)

    response = client.get(reverse("followups:notice-extracts", args=[year.plan.public_id]))

    pages = pdf.pages(response.content)
    assert len(pages) == 2
    assert "niêm yết tại thôn Phương Độ" in " ".join(pages[0].split())
    assert "niêm yết tại thôn Quán Gỏi" in " ".join(pages[1].split())
    assert "/cong-khai/" in pages[0]
    assert {f["name"].split("+")[-1].split("-")[0] for f in pdf.fonts(response.content)} == {
        "Tinos"
    }


def test_the_public_page_shows_petitions_and_outcomes_and_never_personal_data(client, year):
    _decide_all(year)
    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    services.issue_notice(notice=notice, by=year.office)
    url = year.plan.get_public_url()

    html = client.get(url).content.decode()
    filtered = client.get(url, {"thon": year.villages[0].pk}).content.decode()

    assert "Nạo vét kênh mương" in html and "Không chấp nhận. Lý do: Đã công khai đầy đủ." in html
    assert "Thông báo kết luận số 01/TB-UBND" in html
    assert not any(value in html for value in PERSONAL)
    villages_of = {p.text: p.village_names() for p in year.petitions}
    for text, names in villages_of.items():
        assert (text in filtered) == (year.villages[0].name in names)


def test_the_public_page_names_the_issued_notice_without_reading_the_paper_itself(client, year):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    _decide_all(year)
    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    services.issue_notice(notice=notice, by=year.office)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(year.plan.get_public_url()).content.decode()

    sql = "\n".join(query["sql"] for query in queries)
    assert "Thông báo kết luận số 01/TB-UBND" in html
    # The notice and its paper come with the plan; the PDF and HTML stay in the database.
    assert 'FROM "followups_conclusionnotice"' not in sql
    assert 'FROM "kesat_dialogue_paper"' not in sql
    assert '"kesat_dialogue_paper"."pdf"' not in sql
    assert '"kesat_dialogue_paper"."html"' not in sql


def test_a_draft_plan_is_not_public(client, year):
    url = year.plan.get_public_url()

    assert client.get(url).status_code == 404


def test_a_citizen_finds_their_opinion_by_the_receipt_code(client, year):
    _decide_all(year)
    slip = OpinionSlip.objects.get(plan=year.plan, serial=2)
    url = reverse("followups:public-lookup", args=[year.plan.commune.slug])

    found = client.get(url, {"ma": slip.receipt_code.lower()}).content.decode()
    missing = client.get(url, {"ma": "ZZZZZZ"}).content.decode()

    assert "Nạo vét kênh mương" in found and f"Giao {year.unit} giải quyết" in found
    assert not any(value in found for value in PERSONAL)
    assert "Lắp đèn đường" not in found
    assert "Không tìm thấy phiếu có mã «ZZZZZZ»" in missing


@pytest.mark.parametrize("count", [10, 1000])
def test_the_public_page_serves_many_petitions_in_a_fixed_number_of_queries(
    client, year, count, django_assert_max_num_queries
):
    field = year.petitions[0].field
    slip = make_slip(year.plan, 500, [f"Ý kiến {n}" for n in range(count)])
    opinions = list(slip.opinions.all())
    from opinions.models import Petition

    petitions = Petition.objects.bulk_create(
        Petition(
            plan=year.plan, text=f"Kiến nghị công khai {n}", field=field, created_by=year.front
        )
        for n in range(count)
    )
    for opinion, petition in zip(opinions, petitions, strict=True):
        opinion.petition = petition
    type(opinions[0]).objects.bulk_update(opinions, ["petition"])
    year.plan.status = "issued"
    year.plan.save()

    url = year.plan.get_public_url()
    with django_assert_max_num_queries(8):
        html = client.get(url).content.decode()
    with django_assert_max_num_queries(8):
        last = client.get(url, {"trang": 1000}).content.decode()

    total = count + len(year.petitions)
    assert f"{total} kiến nghị" in html
    assert html.count('class="list-group-item"') == min(total, PAGE_SIZE)
    shown_last = total - (total - 1) // PAGE_SIZE * PAGE_SIZE
    assert f"{total}. " in last and last.count('class="list-group-item"') == shown_last


def test_villages_confirm_posting_and_the_law_period_shows(client, year):
    leader = UserFactory(commune=year.plan.commune, role=Role.VILLAGE)
    Membership.objects.create(user=leader, village=year.villages[0])
    client.force_login(leader)

    own = client.post(
        reverse("followups:posting-confirm", args=[year.plan.public_id, year.villages[0].pk]),
        {"posted_on": "27/06/2026"},
    )
    other = client.post(
        reverse("followups:posting-confirm", args=[year.plan.public_id, year.villages[1].pk]),
        {"posted_on": "27/06/2026"},
    )
    client.force_login(year.office)
    client.post(
        reverse("followups:posting-confirm", args=[year.plan.public_id, year.villages[1].pk]),
        {"posted_on": "28/06/2026"},
    )

    assert own.status_code == 302 and other.status_code == 403
    page = client.get(reverse("followups:postings", args=[year.plan.public_id])).content.decode()
    assert "Ngày 27/06/2026" in page and "26/07/2026" in page
    assert year.plan.milestones.get(kind=MilestoneKind.RESULTS_PUBLISHED).is_done


def test_unpublished_results_ten_days_after_the_meeting_are_warned_on_the_dashboard(client, year):
    import time_machine

    client.force_login(year.office)
    with time_machine.travel(dt.datetime(2026, 6, 30, 9, 0), tick=False):
        html = client.get(reverse("meetings:dashboard")).content.decode()

    assert re.search(r"Công khai kết quả hội nghị.*?Quá hạn", html, re.S)


def test_the_public_page_and_the_lookup_say_what_the_agency_did_not_internal_states(client, year):
    from followups.models import Assignment, Reply  # noqa: PLC0415

    _decide_all(year)
    assignment = Assignment.objects.get(petition=year.petitions[1])
    services.submit_reply(
        assignment=assignment,
        reply=Reply(
            text="Đã nạo vét 2 km kênh chính.",
            letter_number="21/ĐC-XD",
            letter_date=dt.date(2026, 6, 28),
        ),
        by=year.agency,
    )
    services.accept(assignment=assignment, by=year.chair)
    slip = OpinionSlip.objects.get(plan=year.plan, serial=2)
    year.plan.status = "issued"
    year.plan.save(update_fields=["status"])

    page = client.get(year.plan.get_public_url()).content.decode()
    lookup = client.get(
        reverse("followups:public-lookup", args=[year.plan.commune.slug]),
        {"ma": slip.receipt_code},
    ).content.decode()

    result = f"{year.unit} đã trả lời (văn bản số 21/ĐC-XD ngày 28/6/2026): Đã nạo vét 2 km kênh"
    assert result in page and result in lookup
    assert "Chủ tịch đã chấp nhận" not in page
    assert "Đã trả lời, chờ Chủ tịch xem" not in page


def test_the_lookup_is_truthful_about_an_opinion_not_merged_and_a_referral(client, year):
    from opinions.models import OpinionKind  # noqa: PLC0415

    slip = make_slip(year.plan, 77, ["Đề nghị lắp loa truyền thanh"], village=year.villages[0])
    referred = make_slip(
        year.plan,
        78,
        ["Tố cáo cán bộ thôn nhận tiền"],
        village=year.villages[0],
        kind=OpinionKind.DENUNCIATION,
    )
    url = reverse("followups:public-lookup", args=[year.plan.commune.slug])

    unmerged = client.get(url, {"ma": slip.receipt_code}).content.decode()
    denunciation = client.get(url, {"ma": referred.receipt_code}).content.decode()

    assert "Chưa được tổng hợp vào kiến nghị nào" in unmerged
    assert "đã được chuyển xử lý theo Luật Khiếu nại, Luật Tố cáo" in denunciation
    assert "nhận tiền" not in denunciation


def test_a_report_cannot_be_dated_before_a_reply_it_cites(client, year):
    from followups.models import Assignment, Reply  # noqa: PLC0415

    _decide_all(year)
    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    services.issue_notice(notice=notice, by=year.office, issued_on=dt.date(2026, 6, 26))
    services.submit_reply(
        assignment=Assignment.objects.get(petition=year.petitions[1]),
        reply=Reply(
            text="Đã nạo vét 2 km kênh chính.",
            letter_number="21/BC-ĐCXD",
            letter_date=dt.date(2026, 7, 10),
        ),
        by=year.agency,
    )

    with time_machine.travel(dt.datetime(2026, 7, 6, 3, tzinfo=dt.UTC), tick=False):
        client.force_login(year.office)
        refused = client.post(
            reverse("followups:results-report", args=[year.plan.public_id]), follow=True
        )
    with time_machine.travel(dt.datetime(2026, 7, 10, 3, tzinfo=dt.UTC), tick=False):
        client.force_login(year.office)
        issued = client.post(
            reverse("followups:results-report", args=[year.plan.public_id]), follow=True
        )

    assert (
        "Chưa ban hành được văn bản ngày 06/7/2026: văn bản nêu văn bản số 21/BC-ĐCXD của "
        f"{year.unit} ngày 10/7/2026, sau ngày ban hành" in html.unescape(refused.content.decode())
    )
    notice.refresh_from_db()
    assert notice.results_report.issued_on == dt.date(2026, 7, 10)
    assert "Đã ban hành Báo cáo kết quả giải quyết số 01/BC-UBND" in issued.content.decode()


def test_the_notice_cannot_be_dated_before_the_meeting(year):
    from kesat_dialogue import papers  # noqa: PLC0415

    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    meeting_day = year.plan.meeting_date

    with pytest.raises(papers.DatedBeforeFact, match="nêu hội nghị đối thoại ngày"):
        services.issue_notice(
            notice=notice, by=year.office, issued_on=meeting_day - dt.timedelta(days=1)
        )
    assert services.issue_notice(notice=notice, by=year.office, issued_on=meeting_day)


def test_the_public_results_are_kept_a_minute_and_say_when_they_were_made(
    client, year, settings, django_assert_max_num_queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PUBLIC_PAGE_SECONDS = 60
    year.plan.status = "issued"
    year.plan.save()
    url = year.plan.get_public_url()
    hcm = dt.timezone(dt.timedelta(hours=7))
    first = year.petitions[0]

    with time_machine.travel(dt.datetime(2026, 7, 2, 8, 0, tzinfo=hcm), tick=False):
        made = client.get(url).content.decode()
    services.decide(petition=first, outcome="resolved", by=year.chair, note="Đã sửa xong.")
    with (
        time_machine.travel(dt.datetime(2026, 7, 2, 8, 0, 50, tzinfo=hcm), tick=False),
        django_assert_max_num_queries(6),
    ):
        kept = client.get(url).content.decode()
    village = next(v for v in year.villages if v.name in first.village_names())
    filtered = client.get(url, {"thon": village.pk}).content.decode()
    with time_machine.travel(dt.datetime(2026, 7, 2, 8, 1, 1, tzinfo=hcm), tick=False):
        later = client.get(url).content.decode()

    assert "Cập nhật lúc 08:00 ngày 02/07/2026." in made and "Đã sửa xong" not in made
    assert "Cập nhật lúc 08:00" in kept and "Đã sửa xong" not in kept
    assert "Đã sửa xong" in filtered  # another village's view is made of its own
    assert "Cập nhật lúc 08:01" in later and "Đã sửa xong" in later
