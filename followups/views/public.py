"""The public page: no login, no personal data, readable on a phone and printable."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from kesat_dialogue import fragments, papers, throttle
from kesat_dialogue.access import public_view
from kesat_dialogue.models import Commune, Paper
from meetings.models import DialoguePlan, PlanStatus
from opinions import stats
from opinions.models import Opinion, OpinionSlip, Petition

from .. import documents

# Light enough for a cheap phone on a slow network.
PAGE_SIZE = 50


def _published(plans):
    """Plans the people may see: issued ones, or any whose conclusion notice is out. A plan
    has one notice at most, so the join repeats no plan (no DISTINCT over its long texts)."""
    return plans.filter(~Q(status=PlanStatus.DRAFT) | Q(conclusion_notice__paper__isnull=False))


def public_communes(request):
    return render(request, "followups/public_communes.html", {"communes": Commune.objects.all()})


@public_view
def public_plans(request, commune):
    """The commune's published dialogues by year, each named by its villages."""
    plans = (
        _published(DialoguePlan.objects.filter(commune=commune))
        .in_order()
        .prefetch_related("villages")
    )
    years = {}
    for plan in plans:
        years.setdefault(plan.year, []).append(plan)
    return render(
        request, "followups/public_index.html", {"commune": commune, "years": years.items()}
    )


@public_view
def public_plan(request, commune, year, number):
    plan = get_object_or_404(
        _published(
            DialoguePlan.objects.select_related("commune", "conclusion_notice__paper")
            .defer(*(f"conclusion_notice__paper__{name}" for name in Paper.CONTENT_FIELDS))
            .prefetch_related("villages")
        ),
        commune=commune,
        year=year,
        number=number,
    )
    village_id = request.GET.get("thon", "")
    villages = list(plan.villages.all())
    chosen = next((v for v in villages if str(v.pk) == village_id), None)
    petitions = stats.petitions_in_order(plan, *documents.OUTCOME_RELATED, village=chosen)
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("trang"))
    today = timezone.localdate()

    def render_petitions():
        rows = list(page.object_list)
        Petition.attach_opinion_facts(rows, villages)
        replies = documents.latest_replies(rows)
        context = {
            "page": page,
            "rows": [
                (
                    p,
                    documents.outcome_text(p),
                    documents.public_progress(p, replies.get(p.pk), today),
                )
                for p in rows
            ],
        }
        return render_to_string("followups/_public_petitions.html", context)

    parts = (plan.pk, chosen.pk if chosen else "", page.number, today)
    petitions_html, made_at = fragments.kept(
        "public-plan", parts, settings.PUBLIC_PAGE_SECONDS, render_petitions
    )
    notice = getattr(plan, "conclusion_notice", None)
    context = {
        "plan": plan,
        "villages": villages,
        "chosen": chosen,
        "page": page,
        "petitions": petitions_html,
        "made_at": made_at,
        "notice_paper": notice.paper if notice else None,
    }
    return render(request, "followups/public_plan.html", context)


@public_view
def public_notice_pdf(request, commune, year, number):
    plan = get_object_or_404(DialoguePlan, commune=commune, year=year, number=number)
    notice = getattr(plan, "conclusion_notice", None)
    if not notice or not notice.paper:
        raise Http404("Thông báo kết luận chưa được ban hành.")
    return papers.pdf_response(bytes(notice.paper.pdf), notice.paper.filename)


@public_view
def public_lookup(request, commune):
    """A citizen types the code on their receipt: their opinions and what became of them."""
    code = request.GET.get("ma", "").strip().upper().replace(" ", "")[:20]
    slip = None
    if code and not throttle.allow(request, "lookup", settings.LOOKUP_TRIES_PER_MINUTE):
        context = {"commune": commune, "code": code, "too_many": True}
        response = render(request, "followups/public_lookup.html", context, status=429)
        response["Retry-After"] = "60"
        return response
    if code:
        slip = (
            OpinionSlip.objects.filter(plan__commune=commune, receipt_code=code)
            .select_related("plan__commune")
            .prefetch_related(
                "plan__villages",
                Prefetch(
                    "opinions",
                    queryset=Opinion.objects.select_related(
                        "petition__answer",
                        "petition__decision",
                        "petition__assignment__unit",
                        "field",
                    ),
                ),
            )
            .first()
        )
    rows = []
    if slip:
        opinions = list(slip.opinions.all())
        replies = documents.latest_replies([o.petition for o in opinions if o.petition])
        today = timezone.localdate()
        rows = [
            (
                o,
                documents.outcome_text(o.petition) if o.petition else None,
                documents.public_progress(o.petition, replies.get(o.petition_id), today)
                if o.petition
                else "",
            )
            for o in opinions
        ]
    context = {
        "commune": commune,
        "code": code,
        "slip": slip,
        "rows": rows,
        "synthesis_sent": bool(slip) and slip.plan.synthesis_reports.exists(),
        "not_found": bool(code) and slip is None,
    }
    return render(request, "followups/public_lookup.html", context)
