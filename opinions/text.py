"""Accent-insensitive text for search and for suggesting similar opinions.

Folding happens in Python and is stored beside the text, so a search behaves the same on
SQLite and PostgreSQL: "duong lang" finds "Đường làng".
"""

import re
import unicodedata

from django.db.models import Q

_WORD = re.compile(r"\w+")
# A search or a suggestion asks the database about this many words at most: enough to find
# any opinion, and a query of a thousand words stays a small SQL expression.
MAX_QUERY_WORDS = 20
# Words too common in opinions to say anything about what two of them share.
_STOP_WORDS = frozenset(
    [
        "va",
        "la",
        "cua",
        "cho",
        "co",
        "khong",
        "de",
        "duoc",
        "trong",
        "voi",
        "cac",
        "nhung",
        "mot",
        "nay",
        "da",
        "se",
        "thi",
        "tai",
        "ve",
        "den",
        "nhan",
        "dan",
        "xa",
        "thon",
        "de",
        "nghi",
        "kien",
        "nghi",
        "y",
        "kien",
        "nguoi",
        "ba",
        "con",
        "gia",
        "dinh",
    ]
)


def fold(text: str) -> str:
    """Lower case, without diacritics, đ as d, white space folded."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())


def key_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(fold(text)) if len(word) > 1} - _STOP_WORDS


def similarity(a: set[str], b: set[str]) -> float:
    """Share of words in common (Jaccard), 0 to 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def search_filter(query: str, column: str = "search_text") -> Q:
    """Every word of the query, in any order, without accents: "cau kenh" finds "Cầu qua kênh".
    Past MAX_QUERY_WORDS distinct words, the rest of a long query is not searched for."""
    condition = Q()
    for word in list(dict.fromkeys(fold(query).split()))[:MAX_QUERY_WORDS]:
        condition &= Q(**{f"{column}__contains": word})
    return condition


def telling_words(words: set[str], limit: int = MAX_QUERY_WORDS) -> list[str]:
    """The longest (most specific) of a text's key words, for narrowing in the database."""
    return sorted(words, key=lambda word: (-len(word), word))[:limit]
