"""Who may see and do what: the one place where roles meet pages.

Views are wrapped in :func:`staff_view` (signed in, one commune, one role) and fetch what
they show with :func:`fetch` (or ``plan_for``, which calls it): the object of the user's
commune *and* the check that the user may do the action on it, in one call, so no view can
do one without the other (another commune's object is a 404, the wrong role a 403). Lists
keep only what the role may see through :func:`unit_of` / :func:`village_of` and the rules
below. Templates use :func:`can` through the ``can`` tag to hide links and buttons: the same
rules, so a role never sees an action it would be refused. The rules are tested as a
matrix of role × page in each app's ``tests/test_access_matrix.py`` and in
``kesat_dialogue/tests/test_need_to_know.py``.

Need to know, in three circles:

- what is handed out at or after the meeting (the programme, the answers booklet, the
  conclusion notice and its village extracts, the results report, the public page): every
  staff role;
- the working file of a petition or an assignment (replies, letters and attachments,
  supervision notes, reasons for sending back, the evaluation's decisions and instructions):
  the office, the Front, the chair and the unit it is assigned to;
- citizens' names, addresses and phones (slips, speakers, resident delegates, the minutes):
  the office, the Front and the chair; a village head sees the residents of their village.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from . import tenancy
from .models import Commune, PaperCode, Role

ALL_STAFF = frozenset(Role)
# Citizens' names, addresses and phones (Luật Bảo vệ dữ liệu cá nhân 2025), and the working
# file of the follow-up: the bodies that run the dialogue.
CORE = frozenset({Role.OFFICE, Role.FRONT, Role.CHAIR})
OFFICE_FRONT = frozenset({Role.OFFICE, Role.FRONT})
READERS_OF_OPINIONS = frozenset({Role.OFFICE, Role.FRONT, Role.CHAIR, Role.PARTY})
# Papers that name citizens: the minutes (speakers) and the invitations (resident delegates).
PAPERS_WITH_NAMES = frozenset({PaperCode.MINUTES, PaperCode.INVITATION})


def unit_of(user):
    """The unit an agency user works for, or None."""
    return getattr(getattr(user, "membership", None), "unit", None)


def village_of(user):
    """The village a village leader acts for, or None."""
    return getattr(getattr(user, "membership", None), "village", None)


def _owner_of(user, obj) -> bool:
    """A dated step is completed by the role that owns it."""
    return obj is not None and user.role == obj.owner_role


def _member_of_unit(user, unit_id) -> bool:
    unit = unit_of(user)
    return user.role == Role.AGENCY and unit is not None and unit_id == unit.pk


def _answering_unit_member(user, petition) -> bool:
    """An agency answers the petitions given to its own unit."""
    return petition is not None and _member_of_unit(user, petition.unit_id)


def _answer_file_reader(user, petition) -> bool:
    """A written answer's letter: the core bodies and the unit that wrote it."""
    return user.role in CORE or _answering_unit_member(user, petition)


def _own_village_leader(user, village) -> bool:
    """A village user adds the residents of their own village only."""
    own = village_of(user)
    return (
        user.role == Role.VILLAGE
        and village is not None
        and own is not None
        and village.pk == own.pk
    )


def _identity_reader(user, village) -> bool:
    """Residents' names: the core bodies, and the head of the residents' own village."""
    return user.role in CORE or _own_village_leader(user, village)


def _working_file_reader(user, assignment) -> bool:
    """An assignment's working file: the core bodies and the unit it is given to."""
    return user.role in CORE or (
        assignment is not None and _member_of_unit(user, assignment.unit_id)
    )


def _assigned_unit_member(user, assignment) -> bool:
    """An agency replies on the assignments given to its own unit."""
    return assignment is not None and _member_of_unit(user, assignment.unit_id)


def _village_poster(user, village) -> bool:
    """A village confirms its own posting; the office may confirm for any village."""
    return user.role == Role.OFFICE or _own_village_leader(user, village)


def _paper_reader(user, paper) -> bool:
    """Issued papers are handed out; those that name citizens stay with the core bodies."""
    return paper is None or paper.code not in PAPERS_WITH_NAMES or user.role in CORE


def _sealer(user, paper) -> bool:
    """The clerk of the body that issued the paper applies its seal."""
    if paper is None:
        return user.role in {Role.OFFICE, Role.FRONT}
    return user.role == (Role.FRONT if paper.issuer == "MTTQ" else Role.OFFICE)


RULES = {
    "plan.view": ALL_STAFF,
    "plan.manage": frozenset({Role.OFFICE}),
    # Copying reads a plan (an archived one too) into a new draft.
    "plan.copy": frozenset({Role.OFFICE}),
    "milestone.complete": _owner_of,
    "paper.issue": frozenset({Role.OFFICE}),
    "paper.download": _paper_reader,
    # The person with authority signs first (with their own certificate), the clerk seals.
    "paper.sign": frozenset({Role.CHAIR, Role.FRONT}),
    "paper.seal": _sealer,
    # Handed out at or after the meeting: the programme, the answers booklet, the conclusion
    # notice and its village extracts, the results report.
    "handout.view": ALL_STAFF,
    "register.view": frozenset({Role.OFFICE, Role.CHAIR}),
    "personal_data.view": CORE,
    "identity.view": _identity_reader,
    "opinion_form.edit": frozenset({Role.OFFICE}),
    "slip.view": CORE,
    "slip.enter": OFFICE_FRONT,
    "opinion.view": READERS_OF_OPINIONS,
    # Complaints and denunciations can carry political views and violations of law: sensitive
    # personal data (Luật 91/2025/QH15), for the bodies that run the dialogue only.
    "opinion.sensitive_text": CORE,
    "opinion.export": CORE,
    "petition.view": ALL_STAFF,
    "petition.merge": frozenset({Role.FRONT}),
    "petition.assign": frozenset({Role.CHAIR, Role.OFFICE}),
    "answer.write": _answering_unit_member,
    "answer.file": _answer_file_reader,
    "answer.queue": frozenset({Role.AGENCY}),
    "answer.coverage": READERS_OF_OPINIONS,
    "synthesis.send": frozenset({Role.FRONT}),
    "delegate.manage": frozenset({Role.OFFICE}),
    "delegate.add_village": _own_village_leader,
    "delegate.list": frozenset({Role.OFFICE, Role.VILLAGE, Role.CHAIR}),
    "meeting.view": ALL_STAFF,
    # The secretary's console, the projector and the minutes name the speakers.
    "meeting.console": CORE,
    "meeting.record": frozenset({Role.OFFICE, Role.CHAIR}),
    "followup.view": ALL_STAFF,
    "evaluation.view": CORE,
    "decision.make": frozenset({Role.CHAIR}),
    "notice.edit": frozenset({Role.OFFICE}),
    "notice.approve": frozenset({Role.CHAIR}),
    "notice.issue": frozenset({Role.OFFICE}),
    # The agency's list holds its own assignments only (see unit_of).
    "assignment.list": CORE | {Role.AGENCY},
    "assignment.view": _working_file_reader,
    "reply.write": _assigned_unit_member,
    "reply.review": frozenset({Role.CHAIR}),
    "supervision.write": frozenset({Role.FRONT}),
    "posting.confirm": _village_poster,
    "overview.view": READERS_OF_OPINIONS,
    "dossier.close": frozenset({Role.OFFICE}),
    "dossier.reopen": frozenset({Role.CHAIR}),
    "dossier.add_late_reply": frozenset({Role.OFFICE}),
    "assignment.carry_over": frozenset({Role.CHAIR}),
    "dossier.download": CORE,
    "budget.manage": frozenset({Role.OFFICE}),
    "reminders.view": frozenset({Role.OFFICE, Role.CHAIR}),
    "audit.view": frozenset({Role.OFFICE, Role.CHAIR}),
    "privacy.edit": frozenset({Role.OFFICE}),
    "privacy.log": frozenset({Role.OFFICE}),
    "privacy.requests": frozenset({Role.OFFICE}),
    "report.view": READERS_OF_OPINIONS,
    "report.issue": frozenset({Role.OFFICE}),
}

DENIED_MESSAGES = {
    "report.view": "Báo cáo định kỳ dành cho Văn phòng, MTTQ, lãnh đạo xã và Đảng ủy.",
    "report.issue": "Chỉ Văn phòng HĐND và UBND xã ban hành báo cáo định kỳ.",
    "privacy.requests": "Chỉ Văn phòng HĐND và UBND xã tiếp nhận và giải quyết yêu cầu về dữ "
    "liệu cá nhân.",
    "privacy.log": "Chỉ Văn phòng HĐND và UBND xã được xem nhật ký xem dữ liệu cá nhân.",
    "privacy.edit": "Chỉ Văn phòng HĐND và UBND xã được sửa thông báo về dữ liệu cá nhân.",
    "plan.manage": "Chỉ Văn phòng HĐND và UBND xã được lập và sửa kế hoạch.",
    "paper.issue": "Chỉ Văn phòng HĐND và UBND xã được ban hành và vào sổ văn bản.",
    "paper.download": "Văn bản này ghi tên người dân: chỉ Văn phòng, MTTQ và lãnh đạo xã được xem.",
    "paper.sign": "Chỉ người có thẩm quyền (Chủ tịch, Phó Chủ tịch, Chủ tịch MTTQ) ký số văn bản.",
    "paper.seal": "Chỉ văn thư của cơ quan ban hành văn bản đóng dấu (ký số của cơ quan).",
    "register.view": "Sổ văn bản đi chỉ dành cho Văn phòng và lãnh đạo UBND xã.",
    "identity.view": "Thông tin cá nhân của người dân chỉ dành cho Văn phòng, MTTQ và lãnh đạo xã.",
    "opinion_form.edit": "Chỉ Văn phòng HĐND và UBND xã được sửa và in mẫu phiếu.",
    "slip.view": "Phiếu ghi tên người dân: chỉ Văn phòng, MTTQ và lãnh đạo xã được xem.",
    "slip.enter": "Chỉ Ủy ban MTTQ và Văn phòng được nhập phiếu lấy ý kiến.",
    "opinion.view": "Danh sách ý kiến chỉ dành cho Văn phòng, MTTQ, lãnh đạo xã và Đảng ủy.",
    "opinion.export": "Tệp Excel ghi tên người dân: chỉ Văn phòng, MTTQ và lãnh đạo xã được tải.",
    "petition.merge": "Chỉ Ủy ban MTTQ xã được tổng hợp ý kiến thành kiến nghị.",
    "petition.assign": "Chỉ Chủ tịch UBND xã (hoặc Văn phòng tham mưu) được giao cơ quan trả lời.",
    "answer.write": "Chỉ cơ quan được giao mới trả lời kiến nghị này.",
    "answer.file": "Tệp đính kèm chỉ dành cho cơ quan trả lời, Văn phòng, MTTQ và lãnh đạo xã.",
    "synthesis.send": "Chỉ Ủy ban MTTQ xã được gửi báo cáo tổng hợp.",
    "delegate.manage": "Chỉ Văn phòng HĐND và UBND xã được lập danh sách đại biểu.",
    "delegate.add_village": "Thôn chỉ được thêm đại biểu của thôn mình.",
    "meeting.console": "Trang này ghi tên người phát biểu: chỉ Văn phòng, MTTQ và lãnh đạo xã.",
    "meeting.record": "Chỉ Văn phòng (thư ký) và Chủ tịch được ghi diễn biến hội nghị.",
    "evaluation.view": "Hồ sơ đánh giá, chỉ đạo chỉ dành cho Văn phòng, MTTQ và lãnh đạo xã.",
    "decision.make": "Chỉ Chủ tịch UBND xã quyết định cách giải quyết kiến nghị.",
    "notice.edit": "Chỉ Văn phòng HĐND và UBND xã soạn thông báo kết luận.",
    "notice.approve": "Chỉ Chủ tịch UBND xã duyệt thông báo kết luận.",
    "notice.issue": "Chỉ Văn phòng HĐND và UBND xã ban hành thông báo.",
    "assignment.list": "Danh sách giao việc chỉ dành cho cơ quan được giao và lãnh đạo xã.",
    "assignment.view": "Việc này giao cho cơ quan khác: chỉ cơ quan được giao và lãnh đạo xã xem.",
    "reply.write": "Chỉ cơ quan được giao mới trả lời việc này.",
    "reply.review": "Chỉ Chủ tịch UBND xã chấp nhận hoặc trả lại văn bản trả lời.",
    "supervision.write": "Chỉ Ủy ban MTTQ xã ghi nhận giám sát.",
    "posting.confirm": "Thôn chỉ xác nhận niêm yết của thôn mình.",
    "dossier.close": "Chỉ Văn phòng HĐND và UBND xã đóng hồ sơ lưu trữ.",
    "dossier.reopen": "Chỉ Chủ tịch UBND xã mở lại hồ sơ đã lưu trữ.",
    "dossier.add_late_reply": "Chỉ Văn phòng HĐND và UBND xã bổ sung văn bản vào hồ sơ.",
    "assignment.carry_over": "Chỉ Chủ tịch UBND xã cho theo dõi tiếp việc còn mở.",
    "dossier.download": "Hồ sơ lưu trữ ghi tên người dân: chỉ Văn phòng, MTTQ và lãnh đạo xã.",
    "budget.manage": "Chỉ Văn phòng HĐND và UBND xã lập dự toán, quyết toán.",
    "milestone.complete": "Chỉ bộ phận phụ trách bước này được đánh dấu hoàn thành.",
}


# What may still be done once a dialogue's dossier is closed: reading, copying, reopening and
# adding late papers to the archive. Every other action changes the record and is refused,
# except on an assignment carried over after the archive (its own ``is_closed`` says so).
ALLOWED_ON_ARCHIVED = frozenset(
    {
        "dossier.reopen",
        "dossier.add_late_reply",
        "plan.view",
        "plan.copy",
        "paper.download",
        "handout.view",
        "register.view",
        "personal_data.view",
        "identity.view",
        "slip.view",
        "opinion.view",
        "opinion.sensitive_text",
        "opinion.export",
        "petition.view",
        "answer.file",
        "answer.queue",
        "answer.coverage",
        "delegate.list",
        "meeting.view",
        "meeting.console",
        "followup.view",
        "evaluation.view",
        "assignment.list",
        "assignment.view",
        "dossier.download",
        "overview.view",
        "reminders.view",
        "audit.view",
        "report.view",
        "report.issue",
    }
)


def _is_closed(obj) -> bool:
    """Read-only because archived: a plan, or what belongs to one, unless the object says
    otherwise itself (an assignment carried over stays open)."""
    if hasattr(obj, "is_closed"):
        return bool(obj.is_closed)
    return bool(getattr(getattr(obj, "plan", None), "is_closed", False))


def can(user, action: str, obj=None) -> bool:
    if not (user.is_authenticated and user.is_commune_staff):
        return False
    if action not in ALLOWED_ON_ARCHIVED and _is_closed(obj):
        return False
    rule = RULES[action]
    if callable(rule):
        return rule(user, obj)
    return user.role in rule


def role_may(role: str, action: str) -> bool:
    """Whether every staff member of ``role`` may do ``action``, whoever they are: only for
    actions whose rule is the role itself (menus built once per role)."""
    rule = RULES[action]
    if callable(rule):
        raise ValueError(f"{action} depends on the user and the object, not on the role alone")
    return role in rule


def require(user, action: str, obj=None) -> None:
    if action not in ALLOWED_ON_ARCHIVED and _is_closed(obj) and user.is_commune_staff:
        raise PermissionDenied("Kế hoạch đã đóng hồ sơ lưu trữ: chỉ còn xem, không sửa được.")
    if not can(user, action, obj):
        raise PermissionDenied(DENIED_MESSAGES.get(action, "Bạn không có quyền làm việc này."))


def fetch(request, action: str, model_or_queryset, **lookup):
    """The object of the user's commune matching ``lookup`` on which the user may do
    ``action``: 404 when the commune has no such object, 403 when the role may not."""
    obj = tenancy.get_scoped_or_404(request, model_or_queryset, **lookup)
    require(request.user, action, obj)
    return obj


PROVINCE_READS = "the province reads every commune's figures and issued papers, read-only"


def province_view(view):
    """Decorator of the province's read-only pages: signed in as a province reader, GET or
    HEAD only, and run in the named escape across communes (no other view has it)."""

    @login_required
    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.reads_province:
            raise PermissionDenied("Trang này dành cho cán bộ cấp tỉnh (Sở Nội vụ, Ban Dân vận).")
        with tenancy.all_communes(PROVINCE_READS):
            return view(request, *args, **kwargs)

    return wrapper


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

    Actions that depend on an object are checked by :func:`fetch` once the object is found.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.reads_province:
                # The province reads its own pages; a commune's pages and objects are not
                # there for it. The start page leads it to the overview.
                if request.path == "/":
                    return redirect("followups:province")
                raise Http404("Trang của xã: cán bộ cấp tỉnh xem số liệu ở trang Tổng hợp.")
            if request.user.is_superuser and not request.user.is_commune_staff:
                # The installation's administrator works in the admin, not in a commune.
                return redirect("admin:index")
            if not request.user.is_commune_staff:
                raise PermissionDenied(
                    "Tài khoản chưa được gắn với xã và vai trò. Hãy liên hệ quản trị viên."
                )
            require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
