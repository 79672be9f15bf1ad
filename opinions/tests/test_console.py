import uuid

import pytest
from django.urls import reverse

from kesat_dialogue.models import Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory
from meetings import meeting_day
from meetings.models import Participant
from meetings.schedule import MilestoneKind
from opinions import meeting_record, services
from opinions.models import Opinion, SpeakerRequest, SpeakerStatus
from opinions.tests.factories import agency_of, field_named, make_slip

pytestmark = pytest.mark.django_db


@pytest.fixture
def speakers(plan):
    village = plan.villages.first()
    return [
        meeting_record.register_speaker(plan=plan, name=name, village=village, topic="Đường làng")
        for name in ("Nguyễn Văn An", "Trần Thị Bé", "Lê Văn Cả")
    ]


def _record_data(plan, token=None, **changes):
    data = {
        "token": str(token or uuid.uuid4()),
        "source": "speech",
        "speaker": "",
        "village": plan.villages.first().pk,
        "text": "Đề nghị làm lại cống thoát nước đầu thôn",
        "kind": "request",
        "field": field_named(plan.commune, "Môi trường").pk,
        "petition": "",
        "new_petition": "",
        "answer_mode": "",
        "answer": "",
        "answer_unit": "",
        "followup": "",
    }
    data.update(changes)
    return data


def test_speakers_speak_in_registration_order_as_the_chair_directs(client, plan, office, speakers):
    client.force_login(office)
    next_url = reverse("opinions:speaker-next", args=[plan.public_id])

    client.post(next_url)
    client.post(reverse("opinions:speaker-action", args=[speakers[2].public_id, "len"]))
    client.post(next_url)

    statuses = dict(SpeakerRequest.objects.values_list("name", "status"))
    assert statuses == {"Nguyễn Văn An": "done", "Lê Văn Cả": "speaking", "Trần Thị Bé": "waiting"}
    client.post(reverse("opinions:speaker-action", args=[speakers[1].public_id, "bo-qua"]))
    client.post(next_url)
    assert not SpeakerRequest.objects.filter(status=SpeakerStatus.SPEAKING).exists()
    assert SpeakerRequest.objects.get(name="Trần Thị Bé").status == "skipped"


def test_registering_to_speak_links_an_existing_petition(client, plan, office, front):
    slip = make_slip(plan, 1, ["Sửa đường"])
    petition = services.merge(
        plan=plan,
        opinions=list(slip.opinions.all()),
        text="Sửa đường",
        field=slip.opinions.get().field,
        unit=None,
        by=front,
    )
    client.force_login(office)

    client.post(
        reverse("opinions:speaker-register", args=[plan.public_id]),
        {
            "dang-ky-name": "Vũ Văn Tư",
            "dang-ky-village": plan.villages.first().pk,
            "dang-ky-topic": "Đường",
            "dang-ky-petition": petition.pk,
        },
    )

    assert SpeakerRequest.objects.get(name="Vũ Văn Tư").petition == petition


def test_a_speech_is_recorded_as_an_opinion_with_its_answer(client, plan, office, speakers):
    _, unit = agency_of(plan.commune)
    meeting_record.call(speakers[0])
    client.force_login(office)

    response = client.post(
        reverse("opinions:console-record", args=[plan.public_id]),
        _record_data(
            plan,
            speaker=speakers[0].pk,
            answer_mode="agency",
            answer_unit=unit.pk,
            answer="Tháng 7 sẽ làm lại cống.",
            new_petition="Làm lại cống đầu thôn",
        ),
        HTTP_HX_REQUEST="true",
    )

    opinion = Opinion.objects.get(plan=plan)
    assert (opinion.source, opinion.speaker, opinion.meeting_answer_unit) == (
        "speech",
        speakers[0],
        unit,
    )
    assert opinion.petition.text == "Làm lại cống đầu thôn"
    html = response.content.decode()
    assert 'id="record"' in html and "Đã ghi: Đề nghị làm lại cống" in html
    assert 'id="recorded" hx-swap-oob="true"' in html and 'id="queue" hx-swap-oob="true"' in html
    assert "Đang phát biểu: Nguyễn Văn An" in html


def test_the_same_save_sent_twice_stores_one_opinion(client, plan, office):
    client.force_login(office)
    data = _record_data(plan, token=uuid.uuid4())
    url = reverse("opinions:console-record", args=[plan.public_id])

    first = client.post(url, data, HTTP_HX_REQUEST="true")
    second = client.post(url, data, HTTP_HX_REQUEST="true")

    assert first.status_code == second.status_code == 200
    assert Opinion.objects.filter(plan=plan).count() == 1


def test_a_save_with_missing_text_keeps_everything_typed(client, plan, office):
    client.force_login(office)
    token = uuid.uuid4()

    response = client.post(
        reverse("opinions:console-record", args=[plan.public_id]),
        _record_data(
            plan, token=token, text="", answer="Đã giải thích tại chỗ", answer_mode="chair"
        ),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert "Hãy ghi nội dung ý kiến." in html
    assert str(token) in html and "Đã giải thích tại chỗ" in html
    assert not Opinion.objects.exists()


def test_an_agency_answer_needs_the_agency(client, plan, office):
    client.force_login(office)

    response = client.post(
        reverse("opinions:console-record", args=[plan.public_id]),
        _record_data(plan, answer_mode="agency", answer="Sẽ xem xét"),
        HTTP_HX_REQUEST="true",
    )

    assert "Hãy chọn cơ quan đã trả lời." in response.content.decode()


def test_a_follow_up_remark_is_added_to_the_same_opinion(client, plan, office):
    opinion, _ = meeting_record.record(
        plan=plan,
        token=uuid.uuid4(),
        by=office,
        data={
            "village": plan.villages.first(),
            "text": "Hỏi về đèn đường",
            "kind": "question",
            "field": field_named(plan.commune),
            "answer_mode": "chair",
            "answer": "Quý III sẽ lắp.",
        },
    )
    client.force_login(office)

    response = client.post(
        reverse("opinions:console-answer", args=[opinion.public_id]),
        {
            "answer_mode": "chair",
            "answer": "Quý III sẽ lắp.",
            "answer_unit": "",
            "followup": "Đề nghị lắp trước Tết.",
        },
        HTTP_HX_REQUEST="true",
    )

    opinion.refresh_from_db()
    assert opinion.followup == "Đề nghị lắp trước Tết."
    assert Opinion.objects.filter(plan=plan).count() == 1
    assert "Ý kiến tiếp: Đề nghị lắp trước Tết." in response.content.decode()


def test_a_slip_handed_in_at_the_meeting_is_recorded_the_same_way(client, plan, office):
    client.force_login(office)

    client.post(
        reverse("opinions:console-record", args=[plan.public_id]),
        _record_data(plan, source="meeting_slip", answer_mode="later"),
    )

    opinion = Opinion.objects.get(plan=plan)
    assert opinion.source == "meeting_slip" and opinion.meeting_answer_mode == "later"


@pytest.mark.parametrize("role", [Role.FRONT, Role.AGENCY, Role.PARTY, Role.VILLAGE])
def test_only_the_office_and_the_chair_record(client, plan, role):
    client.force_login(UserFactory(commune=plan.commune, role=role))

    response = client.post(
        reverse("opinions:console-record", args=[plan.public_id]), _record_data(plan)
    )
    page = client.get(reverse("opinions:console", args=[plan.public_id])).content.decode()

    assert response.status_code == 403 and not Opinion.objects.exists()
    assert "console-form" not in page


@pytest.mark.parametrize("count", [5, 150])
def test_console_and_projector_queries_stay_constant(
    client, plan, office, speakers, count, django_assert_max_num_queries
):
    field = field_named(plan.commune)
    for n in range(count):
        meeting_record.record(
            plan=plan,
            token=uuid.uuid4(),
            by=office,
            data={
                "speaker": speakers[n % 3],
                "village": plan.villages.first(),
                "text": f"Ý kiến số {n}",
                "kind": "request",
                "field": field,
                "answer_mode": "chair",
                "answer": "Trả lời",
            },
        )
    meeting_record.call(speakers[0])
    client.force_login(office)

    with django_assert_max_num_queries(24):
        console = client.get(reverse("opinions:console", args=[plan.public_id]))
    with django_assert_max_num_queries(11):
        projector = client.get(reverse("opinions:projector", args=[plan.public_id]))

    assert f"Đã ghi ({count} ý kiến)" in console.content.decode()
    assert "Nguyễn Văn An" in projector.content.decode()


def test_the_projector_shows_the_item_the_speaker_and_the_next_three(
    client, plan, office, speakers
):
    meeting_day.prepare(plan)
    meeting_day.set_current_item(plan.agenda.get(position=5))
    meeting_record.register_speaker(plan=plan, name="Đỗ Thị Dung")
    meeting_record.register_speaker(plan=plan, name="Phan Văn Em")
    meeting_record.call(speakers[0])
    client.force_login(office)

    html = client.get(
        reverse("opinions:projector", args=[plan.public_id]), HTTP_HX_REQUEST="true"
    ).content.decode()

    assert html.lstrip().startswith('<div id="screen">')
    assert "Nhân dân phát biểu ý kiến theo thứ tự đăng ký" in html
    assert "Nguyễn Văn An" in html
    assert "Trần Thị Bé" in html and "Lê Văn Cả" in html and "Đỗ Thị Dung" in html
    assert "Phan Văn Em" not in html


def test_issuing_the_minutes_puts_every_fact_in_the_pdf_and_closes_the_step(
    client, plan, office, speakers
):
    _, unit = agency_of(plan.commune, "Công an xã")
    chair = UserFactory(commune=plan.commune, role=Role.CHAIR, full_name="Phạm Thị Thu Hiền")
    plan.chairman = chair
    plan.save()
    meeting_day.prepare(plan)
    head = Participant.objects.create(
        plan=plan, category="agency", position="Thủ trưởng Công an xã", unit=unit, is_head=True
    )
    meeting_day.record_substitute(
        head, name="Trần Văn Hải", position="Phó Trưởng Công an xã", reported=True
    )
    meeting = meeting_day.meeting_of(plan)
    meeting.secretary, meeting.conclusion = "Nguyễn Thị Lan", "Giao Công an xã tăng cường tuần tra."
    meeting.save()
    meeting_record.record(
        plan=plan,
        token=uuid.uuid4(),
        by=office,
        data={
            "speaker": speakers[0],
            "village": speakers[0].village,
            "text": "Trộm cắp xe máy nhiều.",
            "kind": "report",
            "field": field_named(plan.commune, "An ninh trật tự"),
            "answer_mode": "agency",
            "answer_unit": unit,
            "answer": "Sẽ tuần tra ban đêm.",
            "followup": "Mong có kết quả sớm.",
        },
    )
    client.force_login(office)

    client.post(reverse("opinions:minutes-issue", args=[plan.public_id]))

    meeting.refresh_from_db()
    text = pdf.body_text(bytes(meeting.minutes.pdf))
    assert meeting.minutes.symbol == "01/BB-UBND"
    for fact in (
        "BIÊN BẢN",
        "Trần Văn Hải",
        "dự thay",
        "đã báo cáo Chủ tịch UBND xã",
        "Chủ trì hội nghị: Đồng chí Phạm Thị Thu Hiền",
        "Thư ký hội nghị: Nguyễn Thị Lan",
        "Ông/Bà Nguyễn Văn An",
        "Trộm cắp xe máy nhiều.",
        "Đại diện Công an xã trả lời: Sẽ tuần tra ban đêm.",
        "Ý kiến tiếp sau khi nghe trả lời: Mong có kết quả sớm.",
        "Giao Công an xã tăng cường tuần tra.",
        "THƯ KÝ",
        "CHỦ TỌA",
    ):
        assert fact in text, fact
    assert plan.milestones.get(kind=MilestoneKind.MEETING).is_done
