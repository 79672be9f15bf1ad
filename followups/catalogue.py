"""Every paper of a dialogue, by kind, as the current templates print it: an issued paper with
its number and date (its frozen bytes may be older), the others as drafts. For reading them
all at once (``manage.py render_papers``) and for the tests that measure their layout."""

from django.utils import timezone

from kesat_dialogue import papers
from meetings import documents as meeting_papers
from meetings.models import Meeting, Participant
from opinions import data_requests, meeting_record, services, stats
from opinions import documents as opinion_papers
from opinions.models import DataRequest, SynthesisReport

from . import documents, dossier
from .models import BudgetLine, BudgetSheet, ConclusionNotice


def _issued_or(paper, render):
    stamp = papers.Stamp(number=paper.number, issued_on=paper.issued_on) if paper else None
    return papers.render_pdf(render(stamp))


def every_paper(plan, *, public_url: str = "https://example.invalid/cong-khai/") -> dict:
    """{file name: PDF bytes}, in the order of the workflow."""
    participants = Participant.objects.filter(plan=plan)
    meeting = Meeting.objects.filter(plan=plan).select_related("minutes").first()
    notice = ConclusionNotice.objects.filter(plan=plan).first()
    report = SynthesisReport.objects.filter(plan=plan).select_related("paper").first()
    lines = list(BudgetLine.objects.filter(plan=plan))
    sheet = BudgetSheet.objects.filter(plan=plan).first()
    form = services.opinion_form_of(plan)
    villages = list(plan.villages.all()[:2])
    found = {
        "01-ke-hoach.pdf": _issued_or(
            plan.paper, lambda stamp: meeting_papers.plan_paper_html(plan, stamp)
        ),
        "02-du-toan.pdf": documents.budget_pdf(plan, lines, settlement=False, sheet=sheet),
        "03-phieu-trang.pdf": _blank_forms(form, villages),
        "04-giay-moi.pdf": meeting_papers.invitations_pdf(plan, participants),
        "05-danh-sach-dai-bieu.pdf": meeting_papers.delegate_list_pdf(plan, participants),
        "06-danh-sach-diem-danh.pdf": meeting_papers.delegate_list_pdf(
            plan, participants, with_signatures=True
        ),
        "07-bao-cao-mttq.pdf": _issued_or(
            report.paper if report else None,
            lambda stamp: opinion_papers.synthesis_html(
                plan,
                report.snapshot if report else stats.synthesis_snapshot(plan),
                report.sent_by if report else plan.chairman,
                stamp,
            ),
        ),
        "08-tai-lieu-hoi-nghi.pdf": opinion_papers.answers_booklet_pdf(plan),
    }
    if meeting:
        found["09-bien-ban.pdf"] = _issued_or(
            meeting.minutes,
            lambda stamp: opinion_papers.minutes_html(
                plan, meeting, meeting_record.meeting_opinions(plan), stamp
            ),
        )
    if notice:
        found["10-thong-bao.pdf"] = _issued_or(
            notice.paper, lambda stamp: documents.notice_html(notice, stamp)
        )
        found["11-niem-yet-cac-thon.pdf"] = documents.village_extracts_pdf(plan, public_url)
        found["12-bao-cao-ket-qua.pdf"] = _issued_or(
            notice.results_report, lambda stamp: documents.results_report_html(plan, stamp)
        )
    found["13-quyet-toan.pdf"] = documents.budget_pdf(plan, lines, settlement=True, sheet=sheet)
    closed_at = timezone.localtime()
    found["14-muc-luc.pdf"] = papers.render_pdf(
        documents.index_html(
            plan, dossier.dossier_records(plan, closed_at), closed_at, dossier.dossier_number(plan)
        )
    )
    # Not in the dossier: a citizen's own paper, printed here to be read with the others.
    data_request = DataRequest.objects.filter(commune=plan.commune).first()
    if data_request:
        found["15-du-lieu-ca-nhan.pdf"] = data_requests.held_data_pdf(
            data_request, by=data_request.registered_by
        )
    return found


def _blank_forms(form, villages) -> bytes:
    words = opinion_papers.slip_words(form.plan, 1, 2)
    return papers.join_pdfs(
        [opinion_papers.blank_form(form, village).render(words) for village in villages]
    )
