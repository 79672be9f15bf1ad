"""Suggest unmerged opinions that seem to ask the same thing as a text."""

from django.db.models import Q

from .models import Opinion, Petition
from .text import key_words, similarity, telling_words

MAX_SUGGESTIONS = 15
MIN_SIMILARITY = 0.15
MAX_CANDIDATES = 2000
# Two petitions of the same villages in different dialogues this alike ask the same thing.
REPEAT_SIMILARITY = 0.3


def _narrowed(queryset, words):
    query = Q()
    for word in telling_words(words):
        query |= Q(search_text__contains=word)
    return queryset.filter(query)


def earlier_repeat(petition):
    """The petition of an earlier dialogue of the same villages that this one repeats, if
    any: the one most alike, the latest dialogue first among equals."""
    words = key_words(petition.text)
    villages = Opinion.objects.filter(petition=petition).values("village")
    if not words or not villages.exists():
        return None
    earlier = Petition.objects.asked_before(petition.plan).filter(opinions__village__in=villages)
    scored = [
        (similarity(words, key_words(candidate.text)), candidate.plan.year, candidate.pk, candidate)
        for candidate in _narrowed(earlier.distinct(), words).select_related("plan")[
            :MAX_CANDIDATES
        ]
    ]
    scored = [row for row in scored if row[0] >= REPEAT_SIMILARITY]
    return max(scored, key=lambda row: row[:3])[3] if scored else None


def suggest(mergeable, text: str, limit: int = MAX_SUGGESTIONS) -> list:
    """Opinions sharing the most key words with ``text``, best first (accent-insensitive)."""
    words = key_words(text)
    if not words:
        return []
    # Narrow in the database to opinions sharing a key word, then rank here.
    scored = [
        (similarity(words, key_words(opinion.text)), opinion)
        for opinion in _narrowed(mergeable, words)[:MAX_CANDIDATES]
    ]
    scored = [pair for pair in scored if pair[0] >= MIN_SIMILARITY]
    scored.sort(key=lambda pair: -pair[0])
    return [opinion for _, opinion in scored[:limit]]
