from django.contrib import messages
from django.db.models import Count, F, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from kesat_dialogue import access, papers
from kesat_dialogue.access import staff_view
from kesat_dialogue.tenancy import scoped
from meetings.models import Unit

from .. import documents, services
from ..forms import AnswerForm
from ..models import Answer, Petition
from .base import plan_for


@staff_view("answer.queue")
def answer_queue(request):
    membership = getattr(request.user, "membership", None)
    unit = getattr(membership, "unit", None)
    petitions = []
    if unit:
        petitions = list(
            scoped(request, Petition)
            .for_unit(unit)
            .select_related("plan", "field", "answer")
            .order_by(F("answer__id").asc(nulls_first=True), "-plan__year", "field__position")
        )
        Petition.attach_opinion_facts(petitions)
    return render(request, "opinions/answer_queue.html", {"unit": unit, "petitions": petitions})


@staff_view()
def answer_edit(request, petition_id):
    petition = access.fetch(
        request,
        "answer.write",
        Petition.objects.with_counts().select_related("plan__commune", "field", "unit"),
        public_id=petition_id,
    )
    answer = getattr(petition, "answer", None) or Answer(petition=petition)
    form = AnswerForm(request.POST or None, request.FILES or None, instance=answer)
    if form.is_valid():
        services.submit_answer(petition=petition, answer=form.save(commit=False), by=request.user)
        messages.success(request, "Đã gửi văn bản trả lời.")
        return redirect("opinions:answer-queue")
    return render(request, "opinions/answer_form.html", {"petition": petition, "form": form})


@staff_view()
def answer_attachment(request, petition_id):
    petition = access.fetch(
        request,
        "answer.file",
        Petition.objects.select_related("plan", "answer"),
        public_id=petition_id,
    )
    answer = getattr(petition, "answer", None)
    if answer is None:
        raise Http404("Kiến nghị chưa có văn bản trả lời.")
    if not answer.attachment:
        raise Http404("Văn bản trả lời không có tệp đính kèm.")
    return FileResponse(answer.attachment.open("rb"), as_attachment=True)


@staff_view()
def answer_coverage(request, plan_id):
    plan = plan_for(request, plan_id, "answer.coverage")
    per_unit = (
        Unit.objects.for_commune(plan.commune)
        .annotate(
            total=Count("petitions", filter=Q(petitions__plan=plan)),
            answered=Count(
                "petitions", filter=Q(petitions__plan=plan, petitions__answer__isnull=False)
            ),
        )
        .filter(total__gt=0)
    )
    petitions = Petition.objects.filter(plan=plan)
    context = {
        "plan": plan,
        "per_unit": per_unit,
        "total": petitions.count(),
        "answered": petitions.answered().count(),
        "unassigned": petitions.filter(unit__isnull=True).count(),
    }
    return render(request, "opinions/answer_coverage.html", context)


@staff_view()
def answer_booklet(request, plan_id):
    plan = plan_for(request, plan_id, "handout.view")
    return papers.pdf_response(
        documents.answers_booklet_pdf(plan), f"tai-lieu-hoi-nghi-{plan.file_tag}.pdf"
    )
