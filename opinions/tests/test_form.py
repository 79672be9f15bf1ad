import re

import pytest
from django.urls import reverse

from kesat_dialogue.tests import pdf
from meetings.schedule import MilestoneKind
from opinions.models import SlipBatch, receipt_code

pytestmark = pytest.mark.django_db


def test_office_edits_the_form_and_prints_numbered_copies_per_village(client, plan, office):
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

    response = client.post(
        reverse("opinions:form-print", args=[plan.public_id]),
        {"villages": [v.pk for v in villages], "copies": 2},
    )

    text = pdf.text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert int(pdf.info(response.content)["Pages"]) == 4
    assert "Câu hai?" in text and "Xin ghi rõ." in text
    for serial in (1, 2, 3, 4):
        assert f"Số phiếu: {serial:04d}" in text
        assert receipt_code(plan.public_id, serial) in text
    assert re.search(rf"Thôn: {villages[1].name}", text)


def test_a_second_print_continues_the_serials(client, plan, office):
    client.force_login(office)
    url = reverse("opinions:form-print", args=[plan.public_id])
    village = plan.villages.first()
    client.post(url, {"villages": [village.pk], "copies": 3})

    response = client.post(url, {"villages": [village.pk], "copies": 2})

    assert "Số phiếu: 0004" in pdf.text(response.content)
    assert [b.first_serial for b in SlipBatch.objects.filter(plan=plan)] == [1, 4]


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
