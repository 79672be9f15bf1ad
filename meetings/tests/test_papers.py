"""The shared renderer and the register of issued papers."""

import datetime as dt
import threading
import unicodedata
import zoneinfo

import pytest
import time_machine
from django.db import connection, connections

from kesat_dialogue import papers, tenancy
from kesat_dialogue.models import Paper, PaperCode, PaperNumbering
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import CommuneFactory, UserFactory
from kesat_dialogue.tests.factories import issue_paper as _issue
from meetings.documents import plan_draft_pdf, plan_paper_html
from meetings.tests.factories import make_plan

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.django_db
def test_citizen_text_with_markup_prints_as_text_and_fetches_nothing(monkeypatch):
    fetched = []
    real_static_path = papers.static_path
    monkeypatch.setattr(
        papers, "static_path", lambda url: fetched.append(url) or real_static_path(url)
    )
    plan = make_plan(venue='Nhà <img src="http://evil.example/x.png"> văn hóa </p> thôn')

    text = pdf.body_text(plan_draft_pdf(plan))

    assert 'Nhà <img src="http://evil.example/x.png"> văn hóa </p> thôn' in text
    assert not [url for url in fetched if "evil" in url]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://static.invalid/static/papers/paper.css",
        "file:///etc/passwd",
        "http://static.invalid/static/../../settings.py",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(papers.RefusedURL):
        papers.static_path(url)


def test_the_fetcher_serves_our_fonts():
    path = papers.static_path(papers.STATIC_BASE + "fonts/tinos/Tinos-Regular.ttf")

    assert papers._static_bytes(path)[:4] == b"\x00\x01\x00\x00"  # a TrueType font


@pytest.mark.django_db
def test_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Hội trường thôn Thượng Khuông")
    plan = make_plan(venue=decomposed)

    html = plan_paper_html(plan)

    assert unicodedata.is_normalized("NFC", html)
    assert "Hội trường thôn Thượng Khuông" in html


@pytest.mark.django_db
def test_fonts_and_stylesheet_load_once_per_process():
    plan = make_plan()
    papers._layout_resources.cache_clear()

    first, second = plan_draft_pdf(plan), plan_draft_pdf(plan)

    assert papers._layout_resources.cache_info().misses == 1
    assert first == second


@pytest.mark.django_db
def test_regenerating_an_issued_paper_gives_the_same_bytes():
    commune = CommuneFactory()
    paper = _issue(commune, UserFactory(commune=commune))

    assert papers.render_pdf(paper.html) == bytes(paper.pdf)


def test_place_and_date_lines_follow_the_decree():
    assert papers.place_date_text("Kè Sắt", dt.date(2026, 2, 5), dt.date(2026, 2, 5)) == (
        "Kè Sắt, ngày 05 tháng 02 năm 2026"
    )
    assert papers.place_date_text("Kè Sắt", dt.date(2026, 11, 20), dt.date(2026, 1, 1)) == (
        "Kè Sắt, ngày 20 tháng 11 năm 2026"
    )
    draft = papers.place_date_text("Kè Sắt", None, dt.date(2026, 5, 20))
    assert draft.startswith("Kè Sắt, ngày") and draft.endswith("tháng 5 năm 2026")
    assert papers.number_text(5) == "05" and papers.number_text(12) == "12"


@pytest.mark.django_db
def test_each_code_has_its_own_sequence_by_default():
    commune = CommuneFactory()
    user = UserFactory(commune=commune)

    numbers = [
        _issue(commune, user, code).symbol
        for code in (PaperCode.PLAN, PaperCode.NOTICE, PaperCode.PLAN, PaperCode.NOTICE)
    ]

    assert numbers == ["01/KH-UBND", "01/TB-UBND", "02/KH-UBND", "02/TB-UBND"]


@pytest.mark.django_db
def test_one_shared_sequence_when_the_commune_chooses_it():
    commune = CommuneFactory(paper_numbering=PaperNumbering.SHARED)
    user = UserFactory(commune=commune)

    numbers = [
        _issue(commune, user, code).symbol
        for code in (PaperCode.PLAN, PaperCode.NOTICE, PaperCode.REPORT)
    ]

    assert numbers == ["01/KH-UBND", "02/TB-UBND", "03/BC-UBND"]


@pytest.mark.django_db
def test_numbering_restarts_on_the_first_of_january_and_per_commune():
    commune, other = CommuneFactory(), CommuneFactory()
    user, other_user = UserFactory(commune=commune), UserFactory(commune=other)

    with time_machine.travel(dt.datetime(2026, 12, 31, 16, 0, tzinfo=HCM), tick=False):
        last_of_year = [_issue(commune, user) for _ in range(2)][-1]
    with time_machine.travel(dt.datetime(2027, 1, 1, 8, 0, tzinfo=HCM), tick=False):
        first_of_year = _issue(commune, user)
        elsewhere = _issue(other, other_user)

    assert (last_of_year.year, last_of_year.number) == (2026, 2)
    assert (first_of_year.year, first_of_year.number) == (2027, 1)
    assert elsewhere.number == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_reuses_or_skips_a_number():
    commune = CommuneFactory()
    user = UserFactory(commune=commune)
    workers, per_worker = 6, 3
    start = threading.Barrier(workers)
    errors = []

    def issue_some():
        try:
            start.wait()
            # A thread starts outside any commune, as the office's request starts in its own.
            with tenancy.commune_scope(commune):
                for _ in range(per_worker):
                    _issue(commune, user)
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue_some) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    numbers = sorted(Paper.objects.filter(commune=commune).values_list("number", flat=True))
    assert errors == []
    assert numbers == list(range(1, workers * per_worker + 1)), connection.vendor
