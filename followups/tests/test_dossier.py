import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from followups import archive, services
from followups.models import BudgetLine
from kesat_dialogue.tests import pdf
from meetings.schedule import MilestoneKind
from opinions import services as opinion_services

pytestmark = pytest.mark.django_db
CONFIRMED = {"xac-nhan": "1"}


@pytest.fixture
def finished(year):
    for petition in year.petitions:
        services.decide(
            petition=petition,
            outcome="assigned",
            by=year.chair,
            unit=year.unit,
            due_date=dt.date(2026, 6, 30),
        )
    notice = services.notice_for_change(year.plan)
    services.approve_notice(notice=notice, by=year.chair)
    services.issue_notice(notice=notice, by=year.office)
    opinion_services.send_synthesis(plan=year.plan, by=year.front)
    archive.carry_over_open_assignments(plan=year.plan, by=year.chair)
    return year


def test_closing_makes_the_plan_read_only_and_stores_one_zip(client, finished):
    year = finished
    client.force_login(year.office)

    client.post(reverse("followups:dossier-close", args=[year.plan.public_id]), CONFIRMED)
    first = client.get(reverse("followups:dossier-download", args=[year.plan.public_id])).content
    second = client.get(reverse("followups:dossier-download", args=[year.plan.public_id])).content

    assert first == second
    year.plan.refresh_from_db()
    assert year.plan.is_closed and year.plan.milestones.get(kind=MilestoneKind.ARCHIVE).is_done
    edit = client.get(reverse("meetings:plan-edit", args=[year.plan.public_id]))
    client.force_login(year.chair)
    decide = client.post(reverse("followups:decide", args=[year.petitions[0].public_id]), {})
    assert edit.status_code == decide.status_code == 403
    assert "đã đóng hồ sơ" in decide.content.decode()


def test_the_index_lists_every_file_of_the_zip(client, finished):
    year = finished
    client.force_login(year.office)
    client.post(reverse("followups:dossier-close", args=[year.plan.public_id]), CONFIRMED)

    archive = zipfile.ZipFile(
        io.BytesIO(
            client.get(reverse("followups:dossier-download", args=[year.plan.public_id])).content
        )
    )

    names = archive.namelist()
    index = pdf.body_text(archive.read("00-muc-luc.pdf"))
    papers_in_zip = [n for n in names if n.endswith(".pdf") and n != "00-muc-luc.pdf"]
    assert "MỤC LỤC VĂN BẢN, TÀI LIỆU" in index
    assert [name.split("-", 1)[1] for name in papers_in_zip] == [
        "BC-MTTQ-01-2026.pdf",
        "tai-lieu-hoi-nghi.pdf",
        "TB-UBND-01-2026.pdf",
        "trich-tb-cac-thon.pdf",
    ]
    assert names[-2] == f"05-du-lieu-{year.plan.year}.xlsx" and names[-1] == "SHA256SUMS.txt"
    pages = 1
    for name in papers_in_zip:
        assert name in index.replace(" ", "")
        count = int(pdf.info(archive.read(name))["Pages"])
        assert (str(pages) if count == 1 else f"{pages}–{pages + count - 1}") in index
        pages += count
    compact = index.replace(" ", "")
    assert "01/BC-MTTQ" in compact and "01/TB-UBND" in compact


def test_the_budget_prints_estimate_and_settlement(client, year):
    client.force_login(year.office)
    client.post(
        reverse("followups:budget", args=[year.plan.public_id]),
        {
            "chi-TOTAL_FORMS": 3,
            "chi-INITIAL_FORMS": 0,
            "chi-MIN_NUM_FORMS": 0,
            "chi-MAX_NUM_FORMS": 1000,
            "chi-0-item": "Nước uống",
            "chi-0-quantity": 100,
            "chi-0-unit_price": 15000,
            "chi-0-actual_amount": 1380000,
            "chi-1-item": "In ấn",
            "chi-1-quantity": 1,
            "chi-1-unit_price": 2000000,
            "chi-1-actual_amount": "",
            "chi-2-item": "",
            "chi-2-quantity": "1",
            "chi-2-unit_price": "",
            "chi-2-actual_amount": "",
        },
    )

    estimate = pdf.body_text(
        client.get(reverse("followups:budget-pdf", args=[year.plan.public_id, "du-toan"])).content
    )
    settlement = pdf.body_text(
        client.get(
            reverse("followups:budget-pdf", args=[year.plan.public_id, "quyet-toan"])
        ).content
    )

    assert BudgetLine.objects.filter(plan=year.plan).count() == 2
    assert "BẢNG DỰ TOÁN KINH PHÍ" in estimate and "3.500.000" in estimate
    assert "BẢNG QUYẾT TOÁN KINH PHÍ" in settlement and "1.380.000" in settlement


def test_the_dossier_built_twice_from_the_same_data_is_the_same_bytes(finished):
    import time_machine  # noqa: PLC0415
    from openpyxl import load_workbook  # noqa: PLC0415

    from followups import dossier  # noqa: PLC0415

    closed_at = dt.datetime(2026, 7, 2, 9, 30, tzinfo=dt.UTC)
    with time_machine.travel(dt.datetime(2026, 7, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        first = dossier.build(finished.plan, closed_at=closed_at)
    with time_machine.travel(dt.datetime(2027, 1, 15, 16, 45, tzinfo=dt.UTC), tick=False):
        second = dossier.build(finished.plan, closed_at=closed_at)

    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2026, 7, 2, 16, 30, 0)}
    workbook = next(name for name in archive.namelist() if name.endswith("du-lieu-2026.xlsx"))
    book = load_workbook(io.BytesIO(archive.read(workbook)))
    assert book.properties.modified == dt.datetime(2026, 7, 2, 16, 30)


def test_typed_text_in_the_dossier_workbook_is_never_a_formula(finished):
    from openpyxl import load_workbook  # noqa: PLC0415

    from followups import dossier  # noqa: PLC0415

    petition = finished.petitions[0]
    petition.text = '=HYPERLINK("http://x.example","Xem")'
    petition.save()

    content = dossier.data_workbook(finished.plan, dt.datetime(2026, 7, 2, 16, 30))

    cells = [c for row in load_workbook(io.BytesIO(content))["Kien nghi"].iter_rows() for c in row]
    hostile = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert hostile and all(c.data_type == "s" and c.value.startswith("'=") for c in hostile)
