"""Counts of opinions and petitions: the statistics page, the synthesis and its diff."""

from dataclasses import dataclass

from django.db.models import Count

from .models import REFERRAL_KINDS, Opinion, OpinionKind, OpinionStatus, Petition


@dataclass
class Bar:
    label: str
    count: int
    percent: float  # of the largest bar, for drawing


def bars(rows: list[tuple[str, int]]) -> list[Bar]:
    top = max((count for _, count in rows), default=0) or 1
    return [Bar(label, count, 100 * count / top) for label, count in rows]


def _count_by(queryset, key: str, label: str) -> list[tuple[str, int]]:
    rows = queryset.values(key, label).annotate(n=Count("pk")).order_by(key)
    return [(row[label], row["n"]) for row in rows]


def opinion_counts(plan) -> dict[str, list[tuple[str, int]]]:
    opinions = Opinion.objects.filter(plan=plan)
    kinds = dict(OpinionKind.choices)
    by_kind = opinions.values("kind").annotate(n=Count("pk")).order_by("kind")
    referral = opinions.filter(kind__in=REFERRAL_KINDS).count()
    merged = opinions.filter(petition__isnull=False).count()
    return {
        "field": _count_by(opinions, "field__position", "field__name"),
        "village": _count_by(opinions, "village__position", "village__name"),
        "kind": [(kinds[row["kind"]], row["n"]) for row in by_kind],
        "status": [
            (OpinionStatus.MERGED.label, merged),
            (OpinionStatus.REFERRAL.label, referral),
            (OpinionStatus.UNMERGED.label, opinions.count() - merged - referral),
        ],
    }


def petitions_in_order(plan, *related: str, village=None):
    """A plan's petitions in field order; with ``village``, those its people raised."""
    petitions = (
        Petition.objects.under(plan=plan)
        .select_related("field", "unit", *related)
        .order_by("field__position", "pk")
    )
    if village is not None:
        raised = Opinion.objects.filter(village=village, petition__isnull=False)
        petitions = petitions.filter(pk__in=raised.values("petition_id"))
    return petitions


def petition_rows(plan, *related: str) -> list[Petition]:
    """Petitions with their counts and villages, in field order."""
    petitions = list(petitions_in_order(plan, *related))
    Petition.attach_opinion_facts(petitions)
    return petitions


def synthesis_snapshot(plan) -> dict:
    """The figures a synthesis report shows, frozen as JSON when it is sent."""
    counts = opinion_counts(plan)
    return {
        "opinions": Opinion.objects.filter(plan=plan).count(),
        "slips": plan.slips.count(),
        "counts": {key: [list(row) for row in rows] for key, rows in counts.items()},
        "petitions": [
            {
                "id": str(p.public_id),
                "text": p.text,
                "field": p.field.name,
                "count": p.opinion_count,
                "villages": p.village_names(),
            }
            for p in petition_rows(plan)
        ],
    }


@dataclass
class SynthesisDiff:
    opinions_before: int
    opinions_now: int
    added: list[dict]
    removed: list[dict]
    changed: list[tuple[dict, dict]]

    @property
    def any(self) -> bool:
        return bool(
            self.added or self.removed or self.changed or self.opinions_before != self.opinions_now
        )


def diff(sent: dict, now: dict) -> SynthesisDiff:
    """What changed since the report was sent: petitions added, removed or recounted."""
    before = {p["id"]: p for p in sent["petitions"]}
    after = {p["id"]: p for p in now["petitions"]}
    watched = ("text", "field", "count", "villages")
    return SynthesisDiff(
        opinions_before=sent["opinions"],
        opinions_now=now["opinions"],
        added=[after[i] for i in after if i not in before],
        removed=[before[i] for i in before if i not in after],
        changed=[
            (before[i], after[i])
            for i in after
            if i in before and any(before[i][k] != after[i][k] for k in watched)
        ],
    )
