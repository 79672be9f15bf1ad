"""Hostile input to every form, as the role that may use it: never a 500, never a partial
write, and whatever is stored comes back escaped on the pages and in the papers."""

import unicodedata
import uuid

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followups import services
from followups.models import Assignment
from followups.tests.conftest import Year
from opinions import meeting_record
from opinions.models import OpinionSlip, Petition

pytestmark = pytest.mark.django_db
MARKER = "<script>alert(1)</script>"
HOSTILE = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(
        [
            MARKER,
            "</p><img src=x onerror=alert(1)>",
            "'; DROP TABLE opinions_opinion; --",
            "\x00\x01\x1b[31m",
            unicodedata.normalize("NFD", "Đường làng Quán Gỏi"),
            "9" * 5000,
            "-1",
            "0",
            "31/02/2026",
            "2026-13-45",
            "１２/０６/２０２６",
            "%s%n{0}",
            "../../etc/passwd",
            "𝕏" * 40,
            " ",
            "",
            str(uuid.uuid4()),
            "99999999999999999999",
        ]
    ),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world(db):
    """Built once per test; every example of that test works in it, then it rolls back."""
    year, foreign = Year(), Year()
    services.decide(
        petition=year.petitions[0],
        outcome="assigned",
        by=year.chair,
        unit=year.unit,
        due_date=year.due,
    )
    year.assignment = Assignment.objects.get(petition=year.petitions[0])
    year.speaker = meeting_record.register_speaker(plan=year.plan, name="Lê Văn Một")
    return year, foreign


def _never_raw(client, *urls):
    for url in urls:
        html = client.get(url).content.decode()
        assert MARKER not in html, url


def _post(client, user, url, data):
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)
    return response


@FUZZ
@given(
    serial=st.one_of(st.integers(1, 10**6).map(str), HOSTILE),
    name=HOSTILE,
    phone=st.one_of(st.just(""), HOSTILE),
    text=st.one_of(st.just(MARKER), HOSTILE),
    village=st.one_of(st.just("own"), HOSTILE),
)
@example(serial="777", name=MARKER, phone="", text=MARKER, village="own")
def test_slip_entry(client, world, serial, name, phone, text, village):
    year, foreign = world
    before = OpinionSlip.objects.count()
    response = _post(
        client,
        year.front,
        reverse("opinions:slip-create", args=[year.plan.public_id]),
        {
            "serial": serial,
            "village": year.villages[0].pk
            if village == "own"
            else village or foreign.villages[0].pk,
            "name": name,
            "address": text,
            "phone": phone,
            "respondent": "citizen",
            "collected_on": "05/06/2026",
            "y-TOTAL_FORMS": 1,
            "y-INITIAL_FORMS": 0,
            "y-0-text": text,
            "y-0-kind": "request",
            "y-0-field": year.petitions[0].field_id,
        },
    )
    if response.status_code != 302:
        assert OpinionSlip.objects.count() == before  # refused whole: no slip, no opinion
    _never_raw(client, reverse("opinions:opinion-list", args=[year.plan.public_id]))


@FUZZ
@given(title=HOSTILE, venue=HOSTILE, year_value=HOSTILE, meeting=HOSTILE, purpose=HOSTILE)
@example(title=MARKER, venue=MARKER, year_value="2026", meeting="18/06/2026", purpose=MARKER)
def test_plan_edit(client, world, title, venue, year_value, meeting, purpose):
    from meetings.tests.test_plan_views import _form_data

    year, _ = world
    data = _form_data(
        year.plan, title=title, venue=venue, year=year_value, meeting_date=meeting, purpose=purpose
    )
    _post(client, year.office, reverse("meetings:plan-edit", args=[year.plan.public_id]), data)
    _never_raw(
        client,
        year.plan.get_absolute_url(),
        reverse("meetings:plan-paper", args=[year.plan.public_id]),
    )
    assert (
        client.get(reverse("meetings:plan-paper-pdf", args=[year.plan.public_id])).status_code
        == 200
    )


@FUZZ
@given(text=HOSTILE, field=HOSTILE, unit=HOSTILE)
@example(text=MARKER, field="", unit="")
def test_petition_merge(client, world, text, field, unit):
    year, foreign = world
    before = Petition.objects.count()
    response = _post(
        client,
        year.front,
        reverse("opinions:petition-create", args=[year.plan.public_id]),
        {
            "text": text,
            "field": field or foreign.petitions[0].field_id,
            "unit": unit,
            "opinions": [foreign.petitions[0].opinions.first().pk],
        },
    )
    if response.status_code != 302:
        assert Petition.objects.count() == before
    _never_raw(client, reverse("opinions:petition-list", args=[year.plan.public_id]))


@FUZZ
@given(text=HOSTILE, number=HOSTILE, date=HOSTILE)
@example(text=MARKER, number=MARKER, date="12/06/2026")
def test_written_answer_and_reply(client, world, text, number, date):
    year, _ = world
    year.petitions[1].unit = year.unit
    year.petitions[1].save()
    _post(
        client,
        year.agency,
        reverse("opinions:answer-edit", args=[year.petitions[1].public_id]),
        {"text": text, "letter_number": number, "letter_date": date},
    )
    _post(
        client,
        year.agency,
        reverse("followups:reply", args=[year.assignment.public_id]),
        {"text": text, "letter_number": number, "letter_date": date},
    )
    _never_raw(
        client,
        year.petitions[1].get_absolute_url(),
        reverse("followups:assignment-detail", args=[year.assignment.public_id]),
    )


@FUZZ
@given(text=HOSTILE, answer=HOSTILE, mode=HOSTILE, village=HOSTILE)
@example(text=MARKER, answer=MARKER, mode="chair", village="")
def test_console_record(client, world, text, answer, mode, village):
    year, _ = world
    _post(
        client,
        year.office,
        reverse("opinions:console-record", args=[year.plan.public_id]),
        {
            "token": str(uuid.uuid4()),
            "source": "speech",
            "speaker": year.speaker.pk,
            "village": village or year.villages[0].pk,
            "text": text,
            "kind": "request",
            "field": year.petitions[0].field_id,
            "answer_mode": mode,
            "answer": answer,
        },
    )
    _never_raw(
        client,
        reverse("opinions:console", args=[year.plan.public_id]),
        reverse("opinions:minutes-preview", args=[year.plan.public_id]),
    )


@FUZZ
@given(outcome=HOSTILE, note=HOSTILE, due=HOSTILE, authority=HOSTILE)
@example(outcome="rejected", note=MARKER, due="30/06/2026", authority=MARKER)
def test_decisions_and_notice(client, world, outcome, note, due, authority):
    year, _ = world
    petition = year.petitions[2]
    prefix = str(petition.public_id)
    _post(
        client,
        year.chair,
        reverse("followups:decide", args=[petition.public_id]),
        {
            f"{prefix}-outcome": outcome,
            f"{prefix}-note": note,
            f"{prefix}-due_date": due,
            f"{prefix}-escalated_to": authority,
            f"{prefix}-unit": year.unit.pk,
        },
    )
    _post(
        client,
        year.office,
        reverse("followups:notice", args=[year.plan.public_id]),
        {"assessment": note, "closing": authority},
    )
    _never_raw(
        client,
        reverse("followups:evaluation", args=[year.plan.public_id]),
        reverse("followups:notice-preview", args=[year.plan.public_id]),
    )


@FUZZ
@given(query=HOSTILE, code=HOSTILE, village=HOSTILE)
def test_searches_and_public_lookup(client, world, query, code, village):
    year, _ = world
    client.force_login(year.office)
    for url, params in [
        (
            reverse("opinions:opinion-list", args=[year.plan.public_id]),
            {"q": query, "village": village, "kind": code},
        ),
        (
            reverse("opinions:petition-list", args=[year.plan.public_id]),
            {"q": query, "trang": village},
        ),
        (reverse("register"), {"year": query, "code": code, "q": village}),
        (reverse("meetings:attendance", args=[year.plan.public_id]), {"q": query}),
    ]:
        response = client.get(url, params)
        assert response.status_code < 500 and MARKER not in response.content.decode(), url
    client.logout()
    response = client.get(
        reverse("followups:public-lookup", args=[year.plan.commune.slug]), {"ma": code}
    )
    assert response.status_code < 500 and MARKER not in response.content.decode()
