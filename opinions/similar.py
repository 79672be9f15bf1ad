"""Suggest unmerged opinions that seem to ask the same thing as a text."""

from django.db.models import Q

from .text import key_words, similarity, telling_words

MAX_SUGGESTIONS = 15
MIN_SIMILARITY = 0.15
MAX_CANDIDATES = 2000


def suggest(mergeable, text: str, limit: int = MAX_SUGGESTIONS) -> list:
    """Opinions sharing the most key words with ``text``, best first (accent-insensitive)."""
    words = key_words(text)
    if not words:
        return []
    # Narrow in the database to opinions sharing a key word, then rank here.
    query = Q()
    for word in telling_words(words):
        query |= Q(search_text__contains=word)
    scored = [
        (similarity(words, key_words(opinion.text)), opinion)
        for opinion in mergeable.filter(query)[:MAX_CANDIDATES]
    ]
    scored = [pair for pair in scored if pair[0] >= MIN_SIMILARITY]
    scored.sort(key=lambda pair: -pair[0])
    return [opinion for _, opinion in scored[:limit]]
