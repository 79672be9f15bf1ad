"""Citizens' names and contacts are kept until the dialogue's dossier is archived and then
PERSONAL_DATA_RETENTION_YEARS more (the privacy notice names the period); after that they
are erased, the opinions, petitions and papers kept. A reopened dialogue keeps them while
its work goes on; closing it again restarts the clock."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kesat_dialogue import audit, tenancy
from meetings.models import DialoguePlan, PlanStatus
from opinions import personal_data
from opinions.models import OpinionSlip

from .models import Dossier, FollowupStep


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def erase_expired(today: dt.date | None = None) -> int:
    """Erase what has passed its period; the count of slips, each plan's run in its log."""
    today = today or timezone.localdate()
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    erased = 0
    with tenancy.all_communes("the retention run erases in every commune"):
        closings = Dossier.objects.values("plan").annotate(last=Max("closed_at"))
        due = [
            row["plan"]
            for row in closings
            if _years_after(timezone.localtime(row["last"]).date(), years) <= today
        ]
        plans = DialoguePlan.objects.filter(pk__in=due, status=PlanStatus.ARCHIVED)
        for plan in plans.select_related("commune"):
            erased += _erase(plan, years)
    return erased


@transaction.atomic
def _erase(plan: DialoguePlan, years: int) -> int:
    count = personal_data.erase_identities(OpinionSlip.objects.filter(plan=plan))
    if count:
        audit.step(
            plan,
            FollowupStep.IDENTITIES_ERASED,
            user=None,
            note=f"Đã xóa họ tên, địa chỉ, số điện thoại của {count} phiếu: hết {years} năm "
            "lưu giữ sau khi lưu trữ hồ sơ. Ý kiến, kiến nghị và văn bản được giữ nguyên.",
        )
    return count
