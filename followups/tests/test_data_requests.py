"""A citizen asks the commune to erase their data: the office finds their records across the
commune's dialogues, confirms, and afterwards their name and phone are nowhere (pages, PDFs,
workbooks, the dossier, the logs) while their opinions and the legal record stay."""

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from followups.tests.test_dossier import CONFIRMED, finished  # noqa: F401  (the fixture)
from kesat_dialogue.models import AuditEntry, IdentityView, Paper
from kesat_dialogue.tests import pdf
from meetings.tests.factories import make_plan
from opinions import services as opinion_services
from opinions.models import DataRequest, Opinion, OpinionSlip, Petition, SpeakerRequest
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db
NAME, PHONE, ADDRESS = "Trần Thị Lan", "0977 111 222", "Xóm 2 thôn Quán Gỏi"
HEX = re.compile(r"\b[0-9a-f]{32,64}\b|\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b")


@pytest.fixture
def person(year):
    """Ms Lan wrote a slip in this dialogue and in last year's, and spoke at the meeting."""
    slip = make_slip(
        year.plan,
        5,
        ["Đề nghị sửa cống thoát nước xóm 2"],
        village=year.villages[0],
        by=year.front,
        name=NAME,
        phone=PHONE,
        address=ADDRESS,
    )
    year.petitions.append(
        opinion_services.merge(
            plan=year.plan,
            opinions=list(slip.opinions.all()),
            text="Sửa cống thoát nước xóm 2",
            field=slip.opinions.get().field,
            unit=year.unit,
            by=year.front,
        )
    )
    earlier = make_plan(year.plan.commune, year=2025, meeting_date=dt.date(2025, 6, 18))
    make_slip(earlier, 1, ["Đề nghị lắp đèn ngõ"], name=NAME, phone="+84 977 111 222")
    SpeakerRequest.objects.create(
        plan=year.plan, position=1, name=NAME, village=year.villages[0], topic="Cống xóm 2"
    )
    return slip


def _everything_shown(client, year) -> str:
    """What the office can read or download about the dialogue, as text."""
    plan = year.plan
    parts = [
        client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode(),
        client.get(year.petitions[-1].get_absolute_url()).content.decode(),
        client.get(
            reverse("opinions:slip-edit", args=[year.petitions[-1].opinions.get().slip.public_id])
        ).content.decode(),
    ]
    book = load_workbook(
        io.BytesIO(client.get(reverse("opinions:export", args=[plan.public_id])).content)
    )
    parts += [str(row) for sheet in book for row in sheet.values]
    client.post(reverse("followups:dossier-close", args=[plan.public_id]), CONFIRMED)
    archive = client.get(reverse("followups:dossier-download", args=[plan.public_id])).content
    with zipfile.ZipFile(io.BytesIO(archive)) as dossier:
        for name in dossier.namelist():
            data = dossier.read(name)
            if name.endswith(".pdf"):
                parts.append(pdf.text(data))
            elif name.endswith(".xlsx"):
                sheets = load_workbook(io.BytesIO(data))
                parts += [str(row) for sheet in sheets for row in sheet.values]
            else:
                parts.append(data.decode(errors="replace"))
    parts.append(json.dumps(list(AuditEntry.objects.values_list("changes", flat=True))))
    parts += IdentityView.objects.values_list("subjects", flat=True)
    # Checksums and ids are hex: one in a few hundred holds "0977" by chance, a flaky trace.
    return HEX.sub("", "\n".join(parts))


def test_an_erasure_request_from_registration_to_nothing_left(client, person, finished):  # noqa: F811
    year = finished
    client.force_login(year.office)
    opinions_before = list(Opinion.objects.order_by("pk").values_list("text", "petition_id"))
    petitions_before = list(Petition.objects.order_by("pk").values_list("text", flat=True))
    papers_before = {p.pk: bytes(p.pdf) for p in Paper.objects.all()}

    response = client.post(
        reverse("opinions:data-request-create"),
        {
            "kind": "erase",
            "person_name": NAME,
            "person_phone": "0977111222",
            "received_on": "2026-12-03",
            "details": "Xóa họ tên, số điện thoại",
        },
    )
    request = DataRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    page = client.get(request.get_absolute_url()).content.decode()
    found = OpinionSlip.objects.of_person(phone=PHONE)
    assert found.count() == 2 and all(f"phiếu {s.serial:04d}" in page for s in found)
    speaker = SpeakerRequest.objects.get()
    client.post(
        reverse("opinions:data-request-choose", args=[request.public_id]),
        {"slips": [s.pk for s in found], "speakers": [speaker.pk]},
    )
    confirm = client.get(reverse("opinions:data-request-erase", args=[request.public_id]))
    assert (
        "Được giữ nguyên" in confirm.content.decode()
        and OpinionSlip.objects.of_person(phone=PHONE).count() == 2
    )

    client.post(reverse("opinions:data-request-erase", args=[request.public_id]), CONFIRMED)

    request.refresh_from_db()
    assert request.is_done and "trên 2 phiếu và 1 lượt" in request.outcome
    assert not OpinionSlip.objects.of_person(name=NAME, phone=PHONE).exists()
    assert SpeakerRequest.objects.get().name != NAME
    assert (
        list(Opinion.objects.order_by("pk").values_list("text", "petition_id")) == opinions_before
    )
    assert list(Petition.objects.order_by("pk").values_list("text", flat=True)) == petitions_before
    assert {p.pk: bytes(p.pdf) for p in Paper.objects.filter(pk__in=papers_before)} == papers_before
    shown = _everything_shown(client, year)
    assert "Đề nghị sửa cống thoát nước xóm 2" in shown  # the opinion is still there
    for trace in (NAME, "0977", "111 222", ADDRESS):
        assert trace not in shown


def test_the_erasure_waits_for_the_confirmation(client, person, year):
    client.force_login(year.office)
    request = DataRequest.objects.create(
        commune=year.plan.commune,
        number=1,
        kind="erase",
        person_phone=PHONE,
        received_on=dt.date(2026, 12, 3),
        ack_due=dt.date(2026, 12, 7),
        due_on=dt.date(2026, 12, 24),
        registered_by=year.office,
    )
    request.slips.set([person])

    client.post(reverse("opinions:data-request-erase", args=[request.public_id]), {})

    person.refresh_from_db()
    assert person.name == NAME and person.phone == PHONE


def test_a_request_naming_no_one_is_refused_and_keeps_what_was_typed(client, year):
    client.force_login(year.office)

    response = client.post(
        reverse("opinions:data-request-create"),
        {"kind": "access", "details": "Muốn xem dữ liệu của mình", "received_on": "2026-12-03"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy ghi họ tên hoặc số điện thoại của người yêu cầu" in html
    assert "Muốn xem dữ liệu của mình" in html
    assert not DataRequest.objects.exists()


def test_the_person_receives_a_pdf_of_what_is_held(client, person, year):
    client.force_login(year.office)
    client.post(
        reverse("opinions:data-request-create"),
        {"kind": "access", "person_name": NAME, "received_on": "2026-12-03"},
    )
    request = DataRequest.objects.get()
    client.post(
        reverse("opinions:data-request-choose", args=[request.public_id]),
        {"slips": list(OpinionSlip.objects.of_person(name=NAME).values_list("pk", flat=True))},
    )

    paper = client.get(reverse("opinions:data-request-pdf", args=[request.public_id])).content

    text = " ".join(pdf.text(paper, "-raw").split())  # each cell whole, its lines joined
    assert NAME in text and PHONE in text and "Đề nghị sửa cống thoát nước xóm 2" in text
    assert "Đề nghị lắp đèn ngõ" in text  # last year's slip too
    assert "0912 345 678" not in text  # nobody else's
    assert pdf.info(paper)["Page size"].strip() == "595.276 x 841.89 pts (A4)"
    assert IdentityView.objects.filter(page__contains="Bản dữ liệu cá nhân").exists()


def test_a_restricted_identity_is_shown_nowhere_and_kept(client, person, year):
    client.force_login(year.office)
    client.post(
        reverse("opinions:data-request-create"),
        {"kind": "restrict", "person_phone": PHONE, "received_on": "2026-12-03"},
    )
    request = DataRequest.objects.get()
    client.post(
        reverse("opinions:data-request-choose", args=[request.public_id]),
        {"slips": [person.pk]},
    )

    client.post(reverse("opinions:data-request-restrict", args=[request.public_id]))

    plan = year.plan
    listing = client.get(reverse("opinions:opinion-list", args=[plan.public_id])).content.decode()
    slip_page = client.get(reverse("opinions:slip-edit", args=[person.public_id])).content.decode()
    book = load_workbook(
        io.BytesIO(client.get(reverse("opinions:export", args=[plan.public_id])).content)
    )
    exported = "".join(str(row) for sheet in book for row in sheet.values)
    for shown in (listing, slip_page, exported):
        assert NAME not in shown and PHONE not in shown
    assert "Hạn chế xử lý theo yêu cầu" in listing and "Hạn chế xử lý theo yêu cầu" in slip_page
    person.refresh_from_db()
    assert (person.name, person.phone) == (NAME, PHONE)  # kept, not erased
    assert DataRequest.objects.get().is_done
