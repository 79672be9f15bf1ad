"""The main menu: the same links for every staff member of a role, so each role's menu is
built once per process. Building it on every page (a reverse() and an access check a link)
cost a light page a tenth of its time."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

from . import access

# (URL name, label, the access action that shows the link; None: every staff member)
MAIN_MENU = (
    ("meetings:dashboard", "Việc cần làm", None),
    ("meetings:plan-list", "Kế hoạch", None),
    ("opinions:answer-queue", "Trả lời kiến nghị", "answer.queue"),
    ("followups:my-assignments", "Việc được giao", "answer.queue"),
    ("followups:overview", "Tiến độ giải quyết", "overview.view"),
    ("register", "Sổ văn bản", "register.view"),
    ("opinions:data-requests", "Dữ liệu cá nhân", "privacy.log"),
    ("followups:periodic-report", "Báo cáo định kỳ", "report.view"),
)


def main_menu(user) -> tuple[tuple[str, str], ...]:
    """(address, label) of each page in the user's menu; none outside a commune's staff."""
    if not (user.is_authenticated and user.is_commune_staff):
        return ()
    return _menu_of(user.role, get_script_prefix(), get_urlconf())


@functools.cache
def _menu_of(role: str, prefix: str, urlconf) -> tuple[tuple[str, str], ...]:
    return tuple(
        (reverse(name, urlconf=urlconf), label)
        for name, label, action in MAIN_MENU
        if action is None or access.role_may(role, action)
    )
