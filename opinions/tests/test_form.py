import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from kesat_dialogue.tests import pdf
from meetings.schedule import MilestoneKind
from opinions.models import SlipBatch, SlipPrintJob, receipt_code

pytestmark = pytest.mark.django_db


def _print(client, plan, villages, copies, capture):
    """Ask for blank forms; the job runs (in-process here) and its page shows the result."""
    with capture(execute=True):
        asked = client.post(
            reverse("opinions:form-print", args=[plan.public_id]),
            {"villages": [v.pk for v in villages], "copies": copies},
        )
    return SlipPrintJob.objects.get(public_id=asked.url.rstrip("/").split("/")[-1]), asked


def _download(client, job):
    return client.post(reverse("opinions:print-download", args=[job.public_id]))


def test_office_edits_the_form_and_prints_numbered_copies_per_village(
    client, plan, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    client.post(
        reverse("opinions:form", args=[plan.public_id]),
        {
            "heading": "PHIẾU LẤY Ý KIẾN",
            "instructions": "Xin ghi rõ.",
            "questions": "Câu một?\nCâu hai?",
        },
    )
    villages = list(plan.villages.all())[:2]

    job, asked = _print(client, plan, villages, 2, django_capture_on_commit_callbacks)
    status = client.get(asked.url).content.decode()
    response = _download(client, job)

    assert "Đã tạo xong 4 phiếu" in status
    assert response["Content-Type"] == "application/pdf"
    assert "A4" in pdf.info(response.content)["Page size"]
    assert all(font["embedded"] for font in pdf.fonts(response.content))
    pages = pdf.pages(response.content)
    assert len(pages) == 4
    # Each form carries its own serial and code, twice the serial (form and receipt), once
    # the code, and no other form's.
    printed_for = [villages[0], villages[0], villages[1], villages[1]]
    for serial, (page, village) in enumerate(zip(pages, printed_for, strict=True), 1):
        assert "Câu hai?" in page and "Xin ghi rõ." in page
        assert re.search(rf"Thôn: {village.name}\b", page)
        assert re.findall(r"phiếu:? (\d{4})", page) == [f"{serial:04d}"] * 2
        assert re.findall(r"Mã tra cứu: (\w+)", page) == [receipt_code(plan.public_id, serial)]
    assert [(b.first_serial, b.count) for b in SlipBatch.objects.filter(plan=plan)] == [
        (1, 2),
        (3, 2),
    ]


def test_a_second_print_continues_the_serials(
    client, plan, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    village = plan.villages.first()
    first, _ = _print(client, plan, [village], 3, django_capture_on_commit_callbacks)

    second, _ = _print(client, plan, [village], 2, django_capture_on_commit_callbacks)
    response = _download(client, second)

    assert "Số phiếu: 0004" in pdf.text(response.content)
    assert [b.first_serial for b in SlipBatch.objects.filter(plan=plan)] == [4]
    assert first.parts[0][1:] == [1, 3]  # held while it waits to be downloaded
    page = client.get(reverse("opinions:form", args=[plan.public_id])).content.decode()
    assert "Phiếu số 0001–0003</a>: đã xong, sẵn sàng tải" in page


def test_an_abandoned_printing_gives_its_serials_back(
    client, plan, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    village = plan.villages.first()
    with time_machine.travel(dt.datetime(2026, 5, 28, 8, tzinfo=dt.UTC), tick=False):
        abandoned, _ = _print(client, plan, [village], 5, django_capture_on_commit_callbacks)

    with time_machine.travel(dt.datetime(2026, 5, 29, 9, tzinfo=dt.UTC), tick=False):
        client.force_login(office)  # a new day, a new session
        again, _ = _print(client, plan, [village], 5, django_capture_on_commit_callbacks)
        _download(client, again)
        late = client.post(
            reverse("opinions:print-download", args=[abandoned.public_id]), follow=True
        )

    assert again.first_serial == 1 and abandoned.first_serial == 1
    assert (
        "Các lần in chưa tải về"
        not in client.get(reverse("opinions:form", args=[plan.public_id])).content.decode()
    )
    assert "đã được dùng cho lần in khác" in late.content.decode()
    assert list(SlipBatch.objects.values_list("first_serial", "count")) == [(1, 5)]


def test_the_progress_answers_htmx_polls(client, plan, office):
    client.force_login(office)
    job = SlipPrintJob.objects.create(
        plan=plan, parts=[[plan.villages.first().pk, 1, 100]], created_by=office, pages_done=50
    )

    response = client.get(
        reverse("opinions:print-status", args=[job.public_id]), HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="print-progress"')
    assert "50/100 phiếu" in html and 'value="50"' in html


def test_many_blank_forms_stay_a_small_pdf(
    client, plan, office, django_capture_on_commit_callbacks
):
    client.force_login(office)

    job, _ = _print(client, plan, [plan.villages.first()], 60, django_capture_on_commit_callbacks)

    content = _download(client, job).content
    assert int(pdf.info(content)["Pages"]) == 60
    assert len(content) < 60 * 25_000  # 116 MB for 400 forms before; now a few KB a form


def test_a_form_longer_than_a_page_keeps_its_serial_and_code_on_each_copy(
    client, plan, office, django_capture_on_commit_callbacks
):
    client.force_login(office)
    questions = "\n".join(f"Câu hỏi số {n}?" for n in range(1, 9))
    client.post(
        reverse("opinions:form", args=[plan.public_id]),
        {"heading": "PHIẾU LẤY Ý KIẾN", "instructions": "Xin ghi rõ.", "questions": questions},
    )

    job, _ = _print(client, plan, [plan.villages.first()], 2, django_capture_on_commit_callbacks)

    pages = pdf.pages(_download(client, job).content)
    assert len(pages) == 4
    for serial, (first, second) in enumerate([pages[0:2], pages[2:4]], 1):
        assert f"Số phiếu: {serial:04d}" in first and "Câu hỏi số 1?" in first
        assert f"số phiếu {serial:04d}" in second and "Câu hỏi số 8?" in second
        assert f"Mã tra cứu: {receipt_code(plan.public_id, serial)}" in second


def test_printing_too_many_copies_is_refused_with_a_message(client, plan, office):
    client.force_login(office)

    response = client.post(
        reverse("opinions:form-print", args=[plan.public_id]),
        {"villages": [plan.villages.first().pk], "copies": 1000},
    )

    assert response.status_code == 400
    assert "tối đa 100 bản" in response.content.decode()
    assert not SlipBatch.objects.exists()


def test_marking_the_form_ready_completes_the_first_step(client, plan, office):
    client.force_login(office)

    client.post(reverse("opinions:form-ready", args=[plan.public_id]))

    milestone = plan.milestones.get(kind=MilestoneKind.FORM_READY)
    assert milestone.is_done and milestone.done_by == office
    assert plan.opinion_form.ready_at is not None
