from django.shortcuts import render

from kesat_dialogue.access import staff_view

from .. import stats
from .base import plan_for


@staff_view()
def statistics(request, plan_id):
    plan = plan_for(request, plan_id, "petition.view")
    counts = stats.opinion_counts(plan)
    charts = [
        ("Theo lĩnh vực", "Lĩnh vực", stats.bars(counts["field"])),
        ("Theo thôn", "Thôn", stats.bars(counts["village"])),
        ("Theo loại ý kiến", "Loại", stats.bars(counts["kind"])),
        ("Theo tình trạng", "Tình trạng", stats.bars(counts["status"])),
    ]
    return render(request, "opinions/statistics.html", {"plan": plan, "charts": charts})
