"""A per-address limit on public pages that answer guesses (the receipt-code lookup)."""

import logging
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache

log = logging.getLogger(__name__)


def allow(request, what: str, per_minute: int) -> bool:
    """Whether this client address may try ``what`` once more this minute.

    The client address is read as the login throttling reads it (behind PROXY_COUNT
    proxies). Should the cache fail, the page answers rather than fails: the limit slows
    guessing down, the codes' length is what makes guessing hopeless.
    """
    window = int(time.time() // 60)
    key = f"throttle:{what}:{get_client_ip_address(request)}:{window}"
    try:
        cache.add(key, 0, timeout=120)
        return cache.incr(key) <= per_minute
    except Exception:
        log.warning("throttle: cache unavailable, %s not limited", what, exc_info=True)
        return True
