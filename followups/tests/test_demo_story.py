"""The demo tells the whole story: Kè Sắt's 2026 to its archived end, Thử Nghiệm mid-way."""

import datetime as dt
import zipfile
import zoneinfo
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from followups.models import (
    Assignment,
    ConclusionNotice,
    Dossier,
    FollowupStep,
    Posting,
)
from kesat_dialogue.models import AuditEntry, Paper
from meetings.models import AttendanceStatus, DialoguePlan, Meeting, Participant
from opinions.models import Opinion, OpinionSlip, Petition, SpeakerRequest, SynthesisReport

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    with time_machine.travel(dt.datetime(2026, 11, 29, 9, 0, tzinfo=HCM), tick=False):
        call_command("load_demo", stdout=StringIO())
    return (
        DialoguePlan.objects.get(commune__slug="ke-sat", year=2026, number=1),
        DialoguePlan.objects.get(commune__slug="thu-nghiem"),
    )


def test_ke_sat_opinions_synthesis_and_answers(demo):
    ke_sat, _ = demo
    slips = OpinionSlip.objects.filter(plan=ke_sat)

    assert 75 <= slips.count() <= 90
    assert slips.filter(anonymous=True).exists() and slips.exclude(phone="").exists()
    assert 18 <= Petition.objects.filter(plan=ke_sat).count() <= 22
    assert SynthesisReport.objects.get(plan=ke_sat).paper.symbol == "01/BC-MTTQ"
    assert not Petition.objects.filter(plan=ke_sat).unanswered().exists()


def test_ke_sat_meeting_happened(demo):
    ke_sat, _ = demo
    meeting = Meeting.objects.get(plan=ke_sat)

    assert (
        Participant.objects.filter(plan=ke_sat, attendance=AttendanceStatus.SUBSTITUTED).count()
        == 1
    )
    assert Opinion.objects.filter(plan=ke_sat, source="speech").count() == 20
    assert Opinion.objects.filter(plan=ke_sat, source="speech").exclude(followup="").exists()
    assert meeting.conclusion and meeting.minutes.symbol == "01/BB-UBND"


def test_ke_sat_follow_up_reaches_the_archive(demo):
    ke_sat, _ = demo

    assert ConclusionNotice.objects.get(plan=ke_sat).paper.symbol == "01/TB-UBND"
    assert Posting.objects.filter(plan=ke_sat).count() == ke_sat.villages.count()
    assignments = Assignment.objects.filter(petition__plan=ke_sat)
    assert assignments.exists() and all(a.status == "accepted" for a in assignments)
    assert any(
        a.replies.order_by("replied_at").first().letter_date > a.due_date for a in assignments
    )
    redo = AuditEntry.objects.filter(commune=ke_sat.commune, step=FollowupStep.REDO_ASKED)
    assert redo.count() == 1
    assert Dossier.objects.filter(plan=ke_sat).exists() and ke_sat.is_closed
    assert all(m.is_done for m in ke_sat.milestones.all())


def test_thu_nghiem_is_mid_way(demo):
    _, test_plan = demo

    assert Participant.objects.filter(plan=test_plan).count() > 10
    assert SpeakerRequest.objects.filter(plan=test_plan, status="waiting").count() == 5
    assert not Meeting.objects.filter(plan=test_plan, minutes__isnull=False).exists()
    assert Opinion.objects.filter(plan=test_plan, petition__isnull=True).exists()
    assert not test_plan.is_closed


def test_ke_sat_papers_are_signed_and_the_verification_page_says_so(client, demo):
    ke_sat, _ = demo
    papers = Paper.objects.filter(commune=ke_sat.commune)

    assert papers.exists() and all(p.signed_sha256 for p in papers)
    notice = ConclusionNotice.objects.get(plan=ke_sat).paper
    page = client.post(reverse("verify"), {"file": BytesIO(notice.record)}).content.decode()
    assert "còn nguyên vẹn và hợp lệ" in page and "Phạm Thị Thu Hiền (DEMO)" in page
    assert f"văn bản số {notice.symbol}" in page
    dossier = Dossier.objects.filter(plan=ke_sat).latest("version")
    archived = zipfile.ZipFile(BytesIO(bytes(dossier.content)))
    assert any(archived.read(name) == notice.record for name in archived.namelist())
