"""Who may see and do what: the one place where roles meet pages.

Views are wrapped in :func:`staff_view` (signed in, one commune, one role), fetch the object
through the tenancy helpers (another commune's object is a 404), then call :func:`require`
with an action name (the wrong role is a 403);
templates only use :func:`can` through the ``can`` filter to hide buttons. Tests walk the
whole matrix of role × page in ``kesat_dialogue/tests/test_access.py``.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from . import tenancy
from .models import Commune, Role

ALL_STAFF = frozenset(Role)


def _owner_of(user, obj) -> bool:
    """A dated step is completed by the role that owns it."""
    return obj is not None and user.role == obj.owner_role


def _answering_unit_member(user, petition) -> bool:
    """An agency answers the petitions given to its own unit."""
    membership = getattr(user, "membership", None)
    unit_id = getattr(membership, "unit_id", None)
    return (
        user.role == Role.AGENCY
        and petition is not None
        and unit_id is not None
        and petition.unit_id == unit_id
    )


def _own_village_leader(user, village) -> bool:
    """A village user adds the residents of their own village only."""
    membership = getattr(user, "membership", None)
    village_id = getattr(membership, "village_id", None)
    return user.role == Role.VILLAGE and village is not None and village.pk == village_id


def _assigned_unit_member(user, assignment) -> bool:
    """An agency replies on the assignments given to its own unit."""
    membership = getattr(user, "membership", None)
    unit_id = getattr(membership, "unit_id", None)
    return (
        user.role == Role.AGENCY
        and assignment is not None
        and unit_id is not None
        and assignment.unit_id == unit_id
    )


def _village_poster(user, village) -> bool:
    """A village confirms its own posting; the office may confirm for any village."""
    return user.role == Role.OFFICE or _own_village_leader(user, village)


OFFICE_FRONT = frozenset({Role.OFFICE, Role.FRONT})
READERS_OF_OPINIONS = frozenset({Role.OFFICE, Role.FRONT, Role.CHAIR, Role.PARTY})

RULES = {
    "plan.view": ALL_STAFF,
    "plan.manage": frozenset({Role.OFFICE}),
    "milestone.complete": _owner_of,
    "paper.issue": frozenset({Role.OFFICE}),
    "paper.download": ALL_STAFF,
    "register.view": frozenset({Role.OFFICE, Role.CHAIR}),
    # Citizens' names, addresses and phones (Luật Bảo vệ dữ liệu cá nhân 2025).
    "personal_data.view": frozenset({Role.OFFICE, Role.FRONT, Role.CHAIR}),
    "opinion_form.edit": frozenset({Role.OFFICE}),
    "slip.enter": OFFICE_FRONT,
    "opinion.view": READERS_OF_OPINIONS,
    "opinion.export": frozenset({Role.OFFICE, Role.FRONT, Role.CHAIR}),
    "petition.view": ALL_STAFF,
    "petition.merge": frozenset({Role.FRONT}),
    "petition.assign": frozenset({Role.CHAIR, Role.OFFICE}),
    "answer.write": _answering_unit_member,
    "answer.queue": frozenset({Role.AGENCY}),
    "answer.coverage": READERS_OF_OPINIONS,
    "synthesis.send": frozenset({Role.FRONT}),
    "delegate.manage": frozenset({Role.OFFICE}),
    "delegate.add_village": _own_village_leader,
    "delegate.list": frozenset({Role.OFFICE, Role.VILLAGE, Role.CHAIR}),
    "meeting.record": frozenset({Role.OFFICE, Role.CHAIR}),
    "meeting.view": ALL_STAFF,
    "followup.view": ALL_STAFF,
    "decision.make": frozenset({Role.CHAIR}),
    "notice.edit": frozenset({Role.OFFICE}),
    "notice.approve": frozenset({Role.CHAIR}),
    "notice.issue": frozenset({Role.OFFICE}),
    "reply.write": _assigned_unit_member,
    "reply.review": frozenset({Role.CHAIR}),
    "supervision.write": frozenset({Role.FRONT}),
    "posting.confirm": _village_poster,
    "overview.view": READERS_OF_OPINIONS,
    "dossier.close": frozenset({Role.OFFICE}),
    "dossier.download": frozenset({Role.OFFICE, Role.CHAIR, Role.PARTY}),
    "budget.manage": frozenset({Role.OFFICE}),
    "reminders.view": frozenset({Role.OFFICE, Role.CHAIR}),
    "audit.view": frozenset({Role.OFFICE, Role.CHAIR}),
}

DENIED_MESSAGES = {
    "plan.manage": "Chỉ Văn phòng HĐND và UBND xã được lập và sửa kế hoạch.",
    "paper.issue": "Chỉ Văn phòng HĐND và UBND xã được ban hành và vào sổ văn bản.",
    "register.view": "Sổ văn bản đi chỉ dành cho Văn phòng và lãnh đạo UBND xã.",
    "opinion_form.edit": "Chỉ Văn phòng HĐND và UBND xã được sửa và in mẫu phiếu.",
    "slip.enter": "Chỉ Ủy ban MTTQ và Văn phòng được nhập phiếu lấy ý kiến.",
    "opinion.view": "Danh sách ý kiến chỉ dành cho Văn phòng, MTTQ, lãnh đạo xã và Đảng ủy.",
    "petition.merge": "Chỉ Ủy ban MTTQ xã được tổng hợp ý kiến thành kiến nghị.",
    "petition.assign": "Chỉ Chủ tịch UBND xã (hoặc Văn phòng tham mưu) được giao cơ quan trả lời.",
    "answer.write": "Chỉ cơ quan được giao mới trả lời kiến nghị này.",
    "synthesis.send": "Chỉ Ủy ban MTTQ xã được gửi báo cáo tổng hợp.",
    "delegate.manage": "Chỉ Văn phòng HĐND và UBND xã được lập danh sách đại biểu.",
    "delegate.add_village": "Thôn chỉ được thêm đại biểu của thôn mình.",
    "meeting.record": "Chỉ Văn phòng (thư ký) và Chủ tịch được ghi diễn biến hội nghị.",
    "decision.make": "Chỉ Chủ tịch UBND xã quyết định cách giải quyết kiến nghị.",
    "notice.edit": "Chỉ Văn phòng HĐND và UBND xã soạn thông báo kết luận.",
    "notice.approve": "Chỉ Chủ tịch UBND xã duyệt thông báo kết luận.",
    "notice.issue": "Chỉ Văn phòng HĐND và UBND xã ban hành thông báo.",
    "reply.write": "Chỉ cơ quan được giao mới trả lời việc này.",
    "reply.review": "Chỉ Chủ tịch UBND xã chấp nhận hoặc trả lại văn bản trả lời.",
    "supervision.write": "Chỉ Ủy ban MTTQ xã ghi nhận giám sát.",
    "posting.confirm": "Thôn chỉ xác nhận niêm yết của thôn mình.",
    "dossier.close": "Chỉ Văn phòng HĐND và UBND xã đóng hồ sơ lưu trữ.",
    "budget.manage": "Chỉ Văn phòng HĐND và UBND xã lập dự toán, quyết toán.",
    "milestone.complete": "Chỉ bộ phận phụ trách bước này được đánh dấu hoàn thành.",
}


# Actions that change a plan's record: none of them once its dossier is closed.
READ_ONLY_ACTIONS = frozenset(
    {
        "plan.view",
        "paper.download",
        "register.view",
        "personal_data.view",
        "opinion.view",
        "opinion.export",
        "petition.view",
        "answer.queue",
        "answer.coverage",
        "delegate.list",
        "meeting.view",
        "followup.view",
        "dossier.download",
        "overview.view",
        "reminders.view",
        "audit.view",
    }
)


def _is_closed(obj) -> bool:
    plan = getattr(obj, "plan", obj)
    return bool(getattr(plan, "is_closed", False))


def can(user, action: str, obj=None) -> bool:
    if not (user.is_authenticated and user.is_commune_staff):
        return False
    if action not in READ_ONLY_ACTIONS and _is_closed(obj):
        return False
    rule = RULES[action]
    if callable(rule):
        return rule(user, obj)
    return user.role in rule


def require(user, action: str, obj=None) -> None:
    if action not in READ_ONLY_ACTIONS and _is_closed(obj) and user.is_commune_staff:
        raise PermissionDenied("Kế hoạch đã đóng hồ sơ lưu trữ: chỉ còn xem, không sửa được.")
    if not can(user, action, obj):
        raise PermissionDenied(DENIED_MESSAGES.get(action, "Bạn không có quyền làm việc này."))


def public_view(view):
    """Decorator of a commune's public pages (no login): the ``commune_slug`` of the URL picks
    the commune, and the page runs in that commune's scope, so it reads nothing else."""

    @wraps(view)
    def wrapper(request, commune_slug, *args, **kwargs):
        commune = get_object_or_404(Commune, slug=commune_slug)
        with tenancy.commune_scope(commune):
            return view(request, commune, *args, **kwargs)

    return wrapper


def staff_view(action: str = "plan.view"):
    """Decorator: signed in, belongs to a commune with a role, and may do ``action``.

    Actions that depend on an object are checked in the view, after the object is found.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_commune_staff:
                raise PermissionDenied(
                    "Tài khoản chưa được gắn với xã và vai trò. Hãy liên hệ quản trị viên."
                )
            require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
