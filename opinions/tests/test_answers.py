import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import tiny_pdf
from meetings.schedule import MilestoneKind
from opinions import services
from opinions.models import Answer, Opinion
from opinions.tests.factories import agency_of, make_slip

pytestmark = pytest.mark.django_db


@pytest.fixture
def petitions(plan, front):
    make_slip(plan, 1, ["Đề nghị sửa đường làng"])
    make_slip(plan, 2, ["Thu gom rác thường xuyên hơn"], field="Môi trường")
    result = []
    for opinion in Opinion.objects.filter(plan=plan).order_by("slip__serial"):
        result.append(
            services.merge(
                plan=plan,
                opinions=[opinion],
                text=opinion.text,
                field=opinion.field,
                unit=None,
                by=front,
            )
        )
    return result


def _answer(**changes):
    data = {
        "text": "Xã đã bố trí kinh phí sửa đường trong quý III.",
        "letter_number": "15/ĐC-XD",
        "letter_date": "12/06/2026",
    }
    data.update(changes)
    return data


def test_the_chair_assigns_petitions_to_agencies(client, plan, chair, petitions):
    _, unit = agency_of(plan.commune)
    client.force_login(chair)

    client.post(
        reverse("opinions:petition-assign", args=[plan.public_id]),
        {f"don_vi_{petitions[0].public_id}": unit.pk},
    )

    petitions[0].refresh_from_db()
    petitions[1].refresh_from_db()
    assert petitions[0].unit == unit and petitions[1].unit is None


def test_an_agency_sees_its_queue_and_answers(client, plan, petitions):
    user, unit = agency_of(plan.commune)
    services.assign_units(assignments={petitions[0]: unit})
    client.force_login(user)

    queue = client.get(reverse("opinions:answer-queue")).content.decode()
    client.post(reverse("opinions:answer-edit", args=[petitions[0].public_id]), _answer())

    assert "Đề nghị sửa đường làng" in queue and "Thu gom rác" not in queue
    answer = Answer.objects.get(petition=petitions[0])
    assert (answer.unit, answer.answered_by, answer.letter_date) == (
        unit,
        user,
        dt.date(2026, 6, 12),
    )


def test_another_agency_cannot_answer(client, plan, petitions):
    _, unit = agency_of(plan.commune)
    other, _ = agency_of(plan.commune, "Công an xã")
    services.assign_units(assignments={petitions[0]: unit})
    client.force_login(other)

    response = client.post(
        reverse("opinions:answer-edit", args=[petitions[0].public_id]), _answer()
    )

    assert response.status_code == 403
    assert not Answer.objects.exists()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
    b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _docx(entries=None) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            entries or {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
        ).items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bang.xlsx", b"PK\x03\x04", "Chỉ nhận tệp PDF, JPG, PNG hoặc Word (.docx)"),
        ("cong-van.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>", "không phải PNG"),
        ("cong-van.png", PNG[:16] + b"<script>alert(1)</script>" + PNG[16:], "không phải PNG"),
        ("cong-van.pdf", b"<html>not a pdf</html>", "Nội dung tệp không phải PDF"),
        ("anh.jpg", PNG, "Nội dung tệp không phải JPG"),
        ("cong-van.docx", b"PK\x03\x04 not a zip", "không phải văn bản Word"),
        ("cong-van.docx", _docx({"a.txt": "x"}), "không phải văn bản Word"),
        ("cong-van.png", PNG, None),
        # Right first and last bytes, nothing a reader can open in between.
        ("cong-van.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n", "Tệp PDF bị hỏng hoặc không phải PDF"),
        ("cong-van.pdf", tiny_pdf(), None),
        ("cong-van.docx", _docx(), None),
    ],
)
def test_attachments_are_checked_by_type_and_content(
    client, plan, petitions, name, content, message
):
    user, unit = agency_of(plan.commune)
    services.assign_units(assignments={petitions[0]: unit})
    client.force_login(user)

    response = client.post(
        reverse("opinions:answer-edit", args=[petitions[0].public_id]),
        _answer(attachment=SimpleUploadedFile(name, content)),
    )

    if message:
        assert message in response.content.decode()
        assert not Answer.objects.exists()
    else:
        stored = Answer.objects.get().attachment.name
        assert stored.endswith("." + name.rsplit(".", 1)[1]) and name.split(".")[0] not in stored


def test_a_docx_bomb_is_refused(client, plan, petitions):
    user, unit = agency_of(plan.commune)
    services.assign_units(assignments={petitions[0]: unit})
    client.force_login(user)
    bomb = _docx({"[Content_Types].xml": "<Types/>", "word/document.xml": "0" * (60 * 1024 * 1024)})

    response = client.post(
        reverse("opinions:answer-edit", args=[petitions[0].public_id]),
        _answer(attachment=SimpleUploadedFile("bom.docx", bomb)),
    )

    assert "khi giải nén quá lớn" in response.content.decode()


def test_when_every_petition_is_answered_the_15_june_step_completes(
    client, plan, office, petitions
):
    user, unit = agency_of(plan.commune)
    services.assign_units(assignments={p: unit for p in petitions})
    client.force_login(user)

    client.post(reverse("opinions:answer-edit", args=[petitions[0].public_id]), _answer())
    half = plan.milestones.get(kind=MilestoneKind.WRITTEN_ANSWERS).is_done
    client.post(reverse("opinions:answer-edit", args=[petitions[1].public_id]), _answer())

    assert not half
    assert plan.milestones.get(kind=MilestoneKind.WRITTEN_ANSWERS).is_done
    client.force_login(office)
    coverage = client.get(
        reverse("opinions:answer-coverage", args=[plan.public_id])
    ).content.decode()
    assert "<strong>2/2</strong>" in coverage and unit.name in coverage


def test_the_booklet_prints_answers_by_field(client, plan, office, petitions):
    user, unit = agency_of(plan.commune)
    services.assign_units(assignments={petitions[0]: unit})
    client.force_login(user)
    client.post(reverse("opinions:answer-edit", args=[petitions[0].public_id]), _answer())
    client.force_login(office)

    response = client.get(reverse("opinions:answer-booklet", args=[plan.public_id]))

    text = pdf.body_text(response.content)
    assert "TÀI LIỆU HỘI NGHỊ" in text
    assert "Lĩnh vực Giao thông" in text and "Lĩnh vực Môi trường" in text
    assert "Xã đã bố trí kinh phí sửa đường trong quý III." in text
    assert "Chưa có văn bản trả lời" in text
    assert {f["name"].split("+")[-1].split("-")[0] for f in pdf.fonts(response.content)} == {
        "Tinos"
    }


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        ("07/TL-UBND", "«TL» không phải mã loại văn bản của Nghị định 30/2020"),
        ("07/CV-ĐCXD", "«CV» không phải mã loại văn bản"),
        ("số 7 TL", "chưa đúng cách viết của Nghị định 30/2020"),
        ("07/BC", "chưa đúng cách viết"),
        ("07/BC-CAX", None),
        ("15/UBND-ĐCXD", None),
        ("03/TTr-UBND", None),
    ],
)
def test_a_written_answer_carries_the_decree_symbol(client, plan, petitions, symbol, message):
    user, unit = agency_of(plan.commune)
    services.assign_units(assignments={petitions[0]: unit})
    client.force_login(user)

    response = client.post(
        reverse("opinions:answer-edit", args=[petitions[0].public_id]),
        _answer(letter_number=symbol, text="Xã sẽ sửa đường trong quý III năm 2026."),
    )

    if message is None:
        assert response.status_code == 302
        assert Answer.objects.get().letter_number == symbol
    else:
        page = response.content.decode()
        assert message in html.unescape(page)
        assert "05/BC-CAX" in html.unescape(page)
        assert "Xã sẽ sửa đường trong quý III năm 2026." in page
        assert not Answer.objects.exists()
