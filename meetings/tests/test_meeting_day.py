import pytest
from django.urls import reverse

from kesat_dialogue.models import Paper, Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings import meeting_day
from meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Membership,
    Participant,
    ParticipantCategory,
    UnitKind,
)
from meetings.tests.factories import UnitFactory, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = make_plan()
    UnitFactory(commune=plan.commune, name="Công an xã", kind=UnitKind.AGENCY)
    UnitFactory(commune=plan.commune, name="Hội Nông dân xã", kind=UnitKind.MASS_ORGANISATION)
    plan.chairman = UserFactory(
        commune=plan.commune, role=Role.CHAIR, full_name="Phạm Thị Thu Hiền"
    )
    plan.vice_chairman = UserFactory(commune=plan.commune, role=Role.CHAIR, full_name="Lê Văn Dũng")
    plan.save()
    return plan


@pytest.fixture
def office(plan):
    return UserFactory(commune=plan.commune, role=Role.OFFICE)


def test_the_composition_becomes_the_invited_list(client, plan, office):
    client.force_login(office)

    client.post(reverse("meetings:delegates-compose", args=[plan.public_id]))
    client.post(reverse("meetings:delegates-compose", args=[plan.public_id]))

    people = Participant.objects.filter(plan=plan)
    categories = {p.category for p in people}
    assert categories == {
        ParticipantCategory.COMMITTEE,
        ParticipantCategory.PARTY_COUNCIL,
        ParticipantCategory.FRONT,
        ParticipantCategory.AGENCY,
        ParticipantCategory.VILLAGE_LEADER,
    }
    village = plan.villages.first()
    assert people.filter(position=f"Trưởng thôn {village.name}").count() == 1
    assert people.get(position="Chủ tịch UBND xã").name == "Phạm Thị Thu Hiền"
    assert people.get(position="Thủ trưởng Công an xã").is_head


def test_a_village_leader_adds_residents_of_their_own_village_only(client, plan):
    village = plan.villages.first()
    leader = UserFactory(commune=plan.commune, role=Role.VILLAGE)
    Membership.objects.create(user=leader, village=village)
    client.force_login(leader)

    client.post(
        reverse("meetings:delegate-add", args=[plan.public_id]),
        {"name": "Nguyễn Văn Khánh", "position": "Đại diện hộ dân", "category": "committee"},
    )

    resident = Participant.objects.get(name="Nguyễn Văn Khánh")
    assert resident.category == ParticipantCategory.RESIDENT and resident.village == village
    page = client.get(reverse("meetings:delegates", args=[plan.public_id])).content.decode()
    assert f"Mời đại diện Nhân dân thôn {village.name}" in page


def test_a_resident_without_a_name_is_refused_and_the_typed_position_stays(client, plan):
    village = plan.villages.first()
    leader = UserFactory(commune=plan.commune, role=Role.VILLAGE)
    Membership.objects.create(user=leader, village=village)
    client.force_login(leader)

    response = client.post(
        reverse("meetings:delegate-add", args=[plan.public_id]),
        {"name": "", "position": "Đại diện hộ dân xóm 7"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Đại diện hộ dân xóm 7" in html and "Trường này là bắt buộc" in html
    assert not Participant.objects.exists()


def test_a_village_user_without_a_village_cannot_add(client, plan):
    client.force_login(UserFactory(commune=plan.commune, role=Role.VILLAGE))

    response = client.post(
        reverse("meetings:delegate-add", args=[plan.public_id]), {"name": "A", "position": "B"}
    )

    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_invitations_print_one_letter_per_delegate_as_a_clerk_writes_them(client, plan, office):
    meeting_day.invite_composition(plan, by=office)
    Participant.objects.create(
        plan=plan, category="resident", name="Trần Thị Nga", position="Đại diện hộ dân"
    )
    Participant.objects.filter(plan=plan, position="Thủ trưởng Công an xã").update(name="")
    plan.signer_title = "Q. CHỦ TỊCH"
    plan.save(update_fields=["signer_title"])
    client.force_login(office)

    response = client.get(reverse("meetings:invitations-pdf", args=[plan.public_id]))

    letters = [" ".join(page.split()) for page in pdf.pages(response.content)]
    invited = Participant.objects.filter(plan=plan).exclude(name="Phạm Thị Thu Hiền")
    assert len(letters) == invited.count()
    assert not any("Kính gửi: Đồng chí Phạm Thị Thu Hiền" in letter for letter in letters)
    citizen = next(letter for letter in letters if "Trần Thị Nga" in letter)
    police = next(letter for letter in letters if "Kính gửi: Thủ trưởng Công an xã." in letter)
    assert "GIẤY MỜI" in citizen and "Kính gửi: Ông/Bà Trần Thị Nga" in citizen
    assert "trân trọng kính mời Ông/Bà:" in citizen and "cử cấp phó" not in citizen
    assert "trân trọng kính mời đồng chí:" in police and "cử cấp phó đi dự thay" in police
    assert "Chủ trì: Đồng chí Phạm Thị Thu Hiền, Quyền Chủ tịch UBND xã" in citizen
    assert "Địa điểm: Tầng 3- Nhà C" in citizen
    assert all(pdf.layout(response.content)[i].number is None for i in range(len(letters)))


def test_invitations_are_issued_as_one_gm_batch_and_later_delegates_in_the_next(
    client, plan, office
):
    meeting_day.invite_composition(plan, by=office)
    client.force_login(office)

    first = client.post(reverse("meetings:invitations-issue", args=[plan.public_id]), follow=True)
    Participant.objects.create(
        plan=plan, category="resident", name="Trần Thị Nga", position="Đại diện hộ dân"
    )
    client.post(reverse("meetings:invitations-issue", args=[plan.public_id]))
    again = client.post(reverse("meetings:invitations-issue", args=[plan.public_id]), follow=True)

    batches = Paper.objects.filter(code="GM").order_by("number")
    assert [paper.symbol for paper in batches] == ["01/GM-UBND", "02/GM-UBND"]
    assert "Đã ban hành giấy mời số 01/GM-UBND" in first.content.decode()
    assert "Mọi đại biểu đã có giấy mời đã ban hành." in again.content.decode()
    assert Participant.objects.get(name="Trần Thị Nga").invitation == batches[1]
    assert "Số: 02/GM-UBND" in pdf.text(bytes(batches[1].pdf))
    assert batches[1].page_count == 1


def test_checking_in_and_a_substitute_reported_to_the_chairman(client, plan, office):
    meeting_day.invite_composition(plan, by=office)
    head = Participant.objects.get(plan=plan, position="Thủ trưởng Công an xã")
    chair = Participant.objects.get(plan=plan, position="Chủ tịch UBND xã")
    client.force_login(office)

    client.post(reverse("meetings:attendance-mark", args=[chair.public_id, "co-mat"]))
    response = client.post(
        reverse("meetings:attendance-mark", args=[head.public_id, "du-thay"]),
        {"name": "Trần Văn Hải", "position": "Phó Trưởng Công an xã", "reported": "on"},
        HTTP_HX_REQUEST="true",
    )

    head.refresh_from_db()
    assert head.attendance == AttendanceStatus.SUBSTITUTED and head.substitute_reported
    html = response.content.decode()
    assert "Dự thay: Trần Văn Hải (Phó Trưởng Công an xã) · đã báo cáo Chủ tịch" in html
    assert 'hx-swap-oob="outerHTML:#counts"' in html
    counts = dict((label, (a, i)) for label, a, i in meeting_day.attendance_counts(plan))
    assert counts["Thủ trưởng các cơ quan, đơn vị"][0] == 1


def test_a_substitute_needs_a_name(client, plan, office):
    meeting_day.invite_composition(plan, by=office)
    head = Participant.objects.get(plan=plan, position="Thủ trưởng Công an xã")
    client.force_login(office)

    client.post(
        reverse("meetings:attendance-mark", args=[head.public_id, "du-thay"]),
        {"name": ""},
        follow=True,
    )

    head.refresh_from_db()
    assert head.attendance == AttendanceStatus.INVITED


def test_the_attendance_search_answers_htmx_with_the_rows(client, plan, office):
    meeting_day.invite_composition(plan, by=office)
    client.force_login(office)

    response = client.get(
        reverse("meetings:attendance", args=[plan.public_id]),
        {"q": "công an"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<ul id="rows"')
    assert "Thủ trưởng Công an xã" in html and "Chủ tịch UBND xã" not in html


def test_the_vice_chairman_can_be_recorded_as_the_meetings_chair(client, plan, office):
    client.force_login(office)

    client.post(
        reverse("meetings:meeting-settings", args=[plan.public_id]),
        {"starts_at": "07:30", "chaired_by": plan.vice_chairman.pk, "secretary": "Nguyễn Thị Lan"},
    )

    meeting = meeting_day.meeting_of(plan)
    assert meeting.chaired_by == plan.vice_chairman and meeting.chaired_by_deputy
    assert meeting.starts_at.strftime("%H:%M") == "07:30"


def test_a_wrong_time_is_refused_and_the_typed_secretary_stays(client, plan, office):
    client.force_login(office)

    response = client.post(
        reverse("meetings:meeting-settings", args=[plan.public_id]),
        {"starts_at": "7 giờ rưỡi", "secretary": "Nguyễn Thị Lan"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Giờ ghi dạng 07:30." in html and "Nguyễn Thị Lan" in html
    assert meeting_day.meeting_of(plan).secretary == ""


def test_the_default_agenda_follows_the_seed_and_can_be_reordered(client, plan, office):
    client.force_login(office)
    client.get(reverse("meetings:agenda", args=[plan.public_id]))
    items = list(AgendaItem.objects.filter(plan=plan))

    client.post(reverse("meetings:agenda-action", args=[items[1].public_id, "len"]))
    client.post(reverse("meetings:agenda-action", args=[items[4].public_id, "hien-tai"]))
    client.post(reverse("meetings:agenda-action", args=[items[5].public_id, "hien-tai"]))

    titles = list(AgendaItem.objects.filter(plan=plan).values_list("title", flat=True))
    assert len(titles) == 8 and titles[-1] == "Chủ trì hội nghị kết luận"
    assert titles[0] == "Quán triệt nội quy tiếp xúc, đối thoại"
    assert list(AgendaItem.objects.filter(plan=plan, is_current=True)) == [items[5]]


def test_the_attendance_sheet_has_a_column_to_sign(client, plan, office):
    meeting_day.invite_composition(plan, by=office)
    client.force_login(office)

    response = client.get(reverse("meetings:attendance-sheet-pdf", args=[plan.public_id]))

    text = pdf.body_text(response.content)
    assert "DANH SÁCH ĐIỂM DANH ĐẠI BIỂU" in text and "Ký tên" in text
    assert text.index("Lãnh đạo UBND xã") < text.index("Thủ trưởng các cơ quan, đơn vị")


@pytest.mark.parametrize("role", [Role.FRONT, Role.AGENCY, Role.PARTY, Role.VILLAGE])
def test_only_office_and_chair_record_attendance(client, plan, office, role):
    meeting_day.invite_composition(plan, by=office)
    person = Participant.objects.filter(plan=plan).first()
    client.force_login(UserFactory(commune=plan.commune, role=role))

    response = client.post(reverse("meetings:attendance-mark", args=[person.public_id, "co-mat"]))

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.attendance == AttendanceStatus.INVITED
