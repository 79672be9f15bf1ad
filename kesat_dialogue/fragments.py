"""Rendered parts of pages that name no one and are the same for every reader, kept for a
few minutes: the province's overview of every commune, a commune's public results."""

import datetime as dt
import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger(__name__)


def kept(
    what: str, parts, seconds: int, render: Callable[[], str]
) -> tuple[SafeString, dt.datetime | None]:
    """``render()``'s HTML and when it was made, kept ``seconds`` under ``what`` and
    ``parts`` (what the HTML depends on); 0 seconds renders every time and gives no time.
    The key names the database, so two installations or test runs sharing a cache never
    see each other's pages. Should the cache fail, the page is rendered anyway."""
    if not seconds:
        return mark_safe(render()), None  # noqa: S308 (our own template's output)
    raw = "|".join([str(connection.settings_dict["NAME"]), *map(str, parts)])
    key = f"{what}:{hashlib.sha256(raw.encode()).hexdigest()}"
    try:
        if hit := cache.get(key):
            return mark_safe(hit[0]), hit[1]  # noqa: S308 (our own rendering, kept)
    except Exception:
        log.warning("%s: cache unavailable", what, exc_info=True)
    html, made_at = str(render()), timezone.now()
    try:
        cache.set(key, (html, made_at), seconds)
    except Exception:
        log.warning("%s: cache unavailable", what, exc_info=True)
    return mark_safe(html), made_at  # noqa: S308 (our own template's output)
