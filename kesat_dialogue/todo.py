"""The start page's to-do list: each role's next steps across the commune's running dialogues.

Each app knows the work of its own records and registers a provider in its AppConfig.ready()
(meetings: steps, delegates, the plan paper; opinions: slips, merging, the synthesis, written
answers; followups: decisions, the notice, replies, supervision, posting). A provider gets
the user, the running dialogues and today, and returns :class:`Item`\\ s, each naming the
access action it stands for: the list keeps only what :func:`access.can` allows, so the
to-do list and the buttons of the pages cannot disagree. A provider answers with a fixed
number of queries however many dialogues and records there are.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import access

PROVIDERS: list[Callable] = []
# "Sắp đến hạn" from this many days before a due date.
SOON_DAYS = 3


@dataclass(frozen=True)
class Item:
    plan: Any
    title: str
    url: str
    action: str
    obj: Any = None
    due: dt.date | None = None
    detail: str = ""
    # A one-click action right on the start page: (label, POST url).
    button: tuple[str, str] | None = None

    def state(self, today: dt.date) -> str:
        if self.due is None:
            return "open"
        if self.due < today:
            return "overdue"
        return "due_soon" if (self.due - today).days <= SOON_DAYS else "upcoming"

    def state_text(self, today: dt.date) -> str:
        if self.due is None:
            return "Cần làm"
        days = (self.due - today).days
        if days < 0:
            return f"Quá hạn {-days} ngày"
        if days == 0:
            return "Đến hạn hôm nay"
        return f"Còn {days} ngày"


def register(provider: Callable) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def _urgency(item: Item, today: dt.date):
    # Late first (the latest first), then by due date, then what has no date.
    return (item.due is None, item.due or dt.date.max, item.title)


def items_for(user, plans: Iterable, today: dt.date) -> list[tuple[Item, str, str]]:
    """The user's to-do items, most urgent first, with their state and its words."""
    plans = list(plans)
    found = [item for provider in PROVIDERS for item in provider(user, plans, today)]
    allowed = [item for item in found if access.can(user, item.action, item.obj)]
    return [
        (item, item.state(today), item.state_text(today))
        for item in sorted(allowed, key=lambda item: _urgency(item, today))
    ]
