"""Need to know inside one commune: an agency sees its own work only, and citizens' names
reach only the office, the Front, the chair, and a village head for the village's own
residents — on pages, partials, PDFs, the workbook and the dossier alike."""

import datetime as dt
import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followups import archive, services
from followups.models import Assignment, Reply
from followups.tests.conftest import Year
from kesat_dialogue.models import Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import UserFactory, tiny_pdf
from meetings.models import Membership, Participant, ParticipantCategory
from opinions import meeting_record
from opinions import services as opinion_services
from opinions.models import Answer, OpinionKind
from opinions.tests.factories import agency_of, field_named

CORE = {Role.OFFICE, Role.FRONT, Role.CHAIR}
SLIP_NAME = "Nguyễn Văn Bí Mật"
SPEAKER = "Đỗ Văn Phát Biểu"
OWN_RESIDENT = "Trần Thị Cư Dân"
OTHER_RESIDENT = "Lê Văn Láng Giềng"


class Commune(Year):
    """A year after its meeting, with two agencies' work, residents of two villages, a
    speaker recorded in the minutes and papers with attachments."""

    def __init__(self):
        super().__init__()
        commune = self.plan.commune
        self.other_agency, self.other_unit = agency_of(commune, "Bộ phận Văn hóa - Xã hội")
        self.village_head = UserFactory(commune=commune, role=Role.VILLAGE)
        Membership.objects.create(user=self.village_head, village=self.villages[0])
        for name, village in ((OWN_RESIDENT, self.villages[0]), (OTHER_RESIDENT, self.villages[1])):
            Participant.objects.create(
                plan=self.plan,
                category=ParticipantCategory.RESIDENT,
                name=name,
                position="Đại diện Nhân dân",
                village=village,
            )
        opinion_services.submit_answer(
            petition=self.petitions[0],
            answer=Answer(
                text="Đã khảo sát tuyến đường.",
                letter_number="12/ĐC-XD",
                letter_date=dt.date(2026, 6, 12),
                attachment=SimpleUploadedFile("tra-loi.pdf", tiny_pdf()),
            ),
            by=self.agency,
        )
        speaker = meeting_record.register_speaker(
            plan=self.plan, name=SPEAKER, village=self.villages[1]
        )
        meeting_record.record(
            plan=self.plan,
            token="6f0e0f0e-1111-4222-8333-944455556666",
            data={
                "speaker": speaker,
                "village": self.villages[1],
                "text": "Đề nghị làm rõ khoản thu",
                "kind": OpinionKind.REQUEST,
                "field": field_named(commune),
            },
            by=self.office,
        )
        self.minutes = meeting_record.issue_minutes(plan=self.plan, by=self.office)
        for petition, unit in (
            (self.petitions[0], self.unit),
            (self.petitions[1], self.other_unit),
        ):
            services.decide(
                petition=petition,
                outcome="assigned",
                by=self.chair,
                unit=unit,
                due_date=dt.date(2026, 6, 30),
                instruction=f"Chỉ đạo riêng cho {unit}",
            )
        self.own = Assignment.objects.get(petition=self.petitions[0])
        self.others = Assignment.objects.get(petition=self.petitions[1])
        self.reply = services.submit_reply(
            assignment=self.own,
            reply=Reply(
                text="Đã sửa xong",
                letter_number="15/ĐC-XD",
                letter_date=dt.date(2026, 6, 28),
                attachment=SimpleUploadedFile("bao-cao.pdf", tiny_pdf()),
            ),
            by=self.agency,
        )

    def user(self, role):
        return {
            Role.AGENCY: self.agency,
            Role.VILLAGE: self.village_head,
            Role.CHAIR: self.chair,
            Role.OFFICE: self.office,
            Role.FRONT: self.front,
        }.get(role) or UserFactory(commune=self.plan.commune, role=role)


@pytest.fixture
def commune(db):
    return Commune()


def _readable(response) -> str:
    """What a reader of the answer sees: the page, the PDF's text, the workbook's cells."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind == "application/pdf":
        return pdf.text(content)
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    if "wordprocessingml" in kind:
        document = docx.Document(io.BytesIO(content))
        cells = (c.text for t in document.tables for row in t.rows for c in row.cells)
        return " ".join([*(p.text for p in document.paragraphs), *cells])
    if kind == "application/zip":
        archive = zipfile.ZipFile(io.BytesIO(content))
        return " ".join(pdf.text(archive.read(n)) for n in archive.namelist() if n.endswith(".pdf"))
    return content.decode()


def test_an_agency_opens_its_own_assignments_and_never_another_agencys(client, commune):
    client.force_login(commune.agency)
    detail = "followups:assignment-detail"

    own = client.get(reverse(detail, args=[commune.own.public_id]))
    others = client.get(reverse(detail, args=[commune.others.public_id]))
    listing = client.get(reverse("followups:assignments", args=[commune.plan.public_id]))
    mine = client.get(reverse("followups:my-assignments"))

    assert own.status_code == 200 and "Chỉ đạo riêng cho Bộ phận Địa chính" in own.content.decode()
    assert others.status_code == 403
    for page in (listing, mine):
        text = page.content.decode()
        assert commune.petitions[0].text in text
        assert commune.petitions[1].text not in text


WHO = ["office", "front", "chair", "party", "village", "agency", "other agency"]


@pytest.mark.parametrize("who", WHO)
def test_the_working_file_is_for_the_core_bodies_and_the_assigned_unit(client, commune, who):
    urls = {
        "reply attachment": reverse("followups:reply-attachment", args=[commune.reply.public_id]),
        "answer attachment": reverse(
            "opinions:answer-attachment", args=[commune.petitions[0].public_id]
        ),
        "assignment": reverse("followups:assignment-detail", args=[commune.own.public_id]),
        "evaluation": reverse("followups:evaluation", args=[commune.plan.public_id]),
    }
    allowed = {
        "office": set(urls),
        "front": set(urls),
        "chair": set(urls),
        "agency": {"reply attachment", "answer attachment", "assignment"},
    }.get(who, set())
    client.force_login(commune.other_agency if who == "other agency" else commune.user(Role(who)))

    for name, url in urls.items():
        assert client.get(url).status_code == (200 if name in allowed else 403), (who, name)


IDENTITY_PAGES = {
    "opinion list": lambda c: reverse("opinions:opinion-list", args=[c.plan.public_id]),
    "petition": lambda c: c.petitions[0].get_absolute_url(),
    "export": lambda c: reverse("opinions:export", args=[c.plan.public_id]),
    "console": lambda c: reverse("opinions:console", args=[c.plan.public_id]),
    "projector": lambda c: reverse("opinions:projector", args=[c.plan.public_id]),
    "minutes preview": lambda c: reverse("opinions:minutes-preview", args=[c.plan.public_id]),
    "issued minutes": lambda c: reverse("paper-download", args=[c.minutes.public_id]),
    "issued minutes in Word": lambda c: reverse("paper-docx", args=[c.minutes.public_id]),
    "attendance": lambda c: reverse("meetings:attendance", args=[c.plan.public_id]),
    "attendance rows": lambda c: reverse("meetings:attendance", args=[c.plan.public_id]),
    "delegates": lambda c: reverse("meetings:delegates", args=[c.plan.public_id]),
    "delegate list": lambda c: reverse("meetings:delegate-list-pdf", args=[c.plan.public_id]),
    "attendance sheet": lambda c: reverse("meetings:attendance-sheet-pdf", args=[c.plan.public_id]),
}


@pytest.mark.parametrize("role", list(Role))
def test_citizens_names_reach_the_core_bodies_and_a_village_head_for_their_own(
    client, commune, role
):
    client.force_login(commune.user(role))
    seen = {}
    for name, url_for in IDENTITY_PAGES.items():
        headers = {"HTTP_HX_REQUEST": "true"} if name == "attendance rows" else {}
        response = client.get(url_for(commune), **headers)
        assert response.status_code in (200, 403), (role, name, response.status_code)
        seen[name] = _readable(response) if response.status_code == 200 else ""
    everything = " ".join(seen.values())

    if role in CORE:
        assert SLIP_NAME in seen["opinion list"] and SLIP_NAME in seen["export"]
        assert SPEAKER in seen["console"] and SPEAKER in seen["issued minutes"]
        assert SPEAKER in seen["issued minutes in Word"]
        assert OTHER_RESIDENT in seen["attendance"]
    else:
        for secret in (SLIP_NAME, SPEAKER, OTHER_RESIDENT):
            leaks = [name for name, text in seen.items() if secret in text]
            assert leaks == [], (role, secret)
    if role == Role.VILLAGE:
        assert OWN_RESIDENT in seen["attendance"] and OWN_RESIDENT in seen["delegate list"]
    elif role not in CORE:
        assert OWN_RESIDENT not in everything, role


@pytest.mark.parametrize("role", list(Role))
def test_the_archived_dossier_is_for_the_core_bodies(client, commune, role):
    archive.carry_over_open_assignments(plan=commune.plan, by=commune.chair)
    archive.close(plan=commune.plan, by=commune.office, confirmed=True)
    client.force_login(commune.user(role))

    response = client.get(reverse("followups:dossier-download", args=[commune.plan.public_id]))

    if role in CORE:
        assert response.status_code == 200 and SPEAKER in _readable(response)
    else:
        assert response.status_code == 403
