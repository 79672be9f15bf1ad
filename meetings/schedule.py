"""The plan's dated steps: what they are, who owns them, when they fall by default.

Pure functions over dates, so the model, the form and the demo data share one truth.
Offsets are the seed plan's own: with the meeting on 18/6/2026 they give 01/6, 10/6, 15/6,
25/6, 27/6 and 30/6.
"""

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from django.db import models

from kesat_dialogue.models import Role

DUE_SOON_DAYS = 3
ANNOUNCE_DAYS_BEFORE = 7
PUBLISH_DAYS_AFTER = 10
LAW_LOCAL_GOVERNMENT = "Luật Tổ chức chính quyền địa phương 2025, Điều 43"


class MilestoneKind(models.TextChoices):
    FORM_READY = "form_ready", "Hoàn thành kế hoạch và mẫu phiếu lấy ý kiến Nhân dân"
    SYNTHESIS = "synthesis", "MTTQ gửi báo cáo tổng hợp, phân loại ý kiến, kiến nghị"
    ANNOUNCEMENT = "announcement", "Thông báo thời gian, địa điểm, nội dung hội nghị"
    WRITTEN_ANSWERS = "written_answers", "Các cơ quan trả lời ý kiến, kiến nghị bằng văn bản"
    MEETING = "meeting", "Hội nghị tiếp xúc, đối thoại"
    EVALUATION = "evaluation", "Họp đánh giá, phân công giải quyết kiến nghị"
    CONCLUSION_NOTICE = "conclusion_notice", "Ban hành thông báo kết luận"
    RESULTS_PUBLISHED = "results_published", "Công khai kết quả hội nghị"
    AGENCY_REPLIES = "agency_replies", "Cơ quan được giao trả lời, báo cáo Chủ tịch"
    ARCHIVE = "archive", "Lưu trữ hồ sơ tiếp xúc, đối thoại"


class MilestoneState(models.TextChoices):
    DONE = "done", "Đã xong"
    OVERDUE = "overdue", "Quá hạn"
    DUE_SOON = "due_soon", "Sắp đến hạn"
    UPCOMING = "upcoming", "Chưa đến hạn"


@dataclass(frozen=True)
class StepSpec:
    kind: MilestoneKind
    owner_role: Role
    days_from_meeting: int
    from_law: bool = False


# In the order of the seed plan; law steps sit where their default date falls.
STEPS = (
    StepSpec(MilestoneKind.FORM_READY, Role.OFFICE, -17),
    StepSpec(MilestoneKind.SYNTHESIS, Role.FRONT, -8),
    StepSpec(MilestoneKind.ANNOUNCEMENT, Role.OFFICE, -ANNOUNCE_DAYS_BEFORE, from_law=True),
    StepSpec(MilestoneKind.WRITTEN_ANSWERS, Role.OFFICE, -3),
    StepSpec(MilestoneKind.MEETING, Role.CHAIR, 0),
    StepSpec(MilestoneKind.EVALUATION, Role.CHAIR, 7),
    StepSpec(MilestoneKind.CONCLUSION_NOTICE, Role.OFFICE, 9),
    StepSpec(MilestoneKind.RESULTS_PUBLISHED, Role.OFFICE, PUBLISH_DAYS_AFTER, from_law=True),
    StepSpec(MilestoneKind.AGENCY_REPLIES, Role.AGENCY, 12),
    StepSpec(MilestoneKind.ARCHIVE, Role.OFFICE, 27),
)
STEP_BY_KIND = {spec.kind: spec for spec in STEPS}
# The seed's own sequence: each of these must not fall after the next one.
SEQUENCE = tuple(spec.kind for spec in STEPS if not spec.from_law)


def default_due_dates(meeting_date: dt.date) -> dict[str, dt.date]:
    return {spec.kind: meeting_date + dt.timedelta(days=spec.days_from_meeting) for spec in STEPS}


def complete_due_dates(meeting_date: dt.date, typed: dict) -> dict[str, dt.date]:
    """Every step's due date: the ones typed in, the rest by default from the meeting."""
    defaults = default_due_dates(meeting_date)
    return {kind: typed.get(kind) or default for kind, default in defaults.items()} | {
        MilestoneKind.MEETING: meeting_date
    }


def fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def state_of(due_date: dt.date, done: bool, today: dt.date) -> MilestoneState:
    if done:
        return MilestoneState.DONE
    if today > due_date:
        return MilestoneState.OVERDUE
    if (due_date - today).days <= DUE_SOON_DAYS:
        return MilestoneState.DUE_SOON
    return MilestoneState.UPCOMING


def describe_state(state: MilestoneState, days_left: int) -> str:
    """What the timeline says of a step, e.g. "Quá hạn 3 ngày"."""
    if state == MilestoneState.OVERDUE:
        return f"Quá hạn {-days_left} ngày"
    if state == MilestoneState.DUE_SOON:
        return "Đến hạn hôm nay" if days_left == 0 else f"Sắp đến hạn (còn {days_left} ngày)"
    return state.label


def sequence_errors(due_dates: dict[str, dt.date]) -> dict[str, str]:
    """Steps of the seed's sequence that fall after the step that follows them."""
    errors = {}
    for kind, next_kind in pairwise(SEQUENCE):
        due, next_due = due_dates.get(kind), due_dates.get(next_kind)
        if due and next_due and due > next_due:
            errors[kind] = (
                f"Hạn {fmt(due)} muộn hơn hạn của bước tiếp theo "
                f"«{MilestoneKind(next_kind).label}» ({fmt(next_due)}). "
                "Hãy chọn ngày sớm hơn hoặc dời bước tiếp theo."
            )
    return errors


def law_warnings(due_dates: dict[str, dt.date]) -> list[str]:
    """Dates that break the law's notice periods: shown, not refused."""
    meeting = due_dates.get(MilestoneKind.MEETING)
    if meeting is None:
        return []
    warnings = []
    latest_announcement = meeting - dt.timedelta(days=ANNOUNCE_DAYS_BEFORE)
    announcement = due_dates.get(MilestoneKind.ANNOUNCEMENT)
    if announcement and announcement > latest_announcement:
        warnings.append(
            f"{LAW_LOCAL_GOVERNMENT}: thời gian, địa điểm, nội dung hội nghị phải được thông "
            f"báo ít nhất {ANNOUNCE_DAYS_BEFORE} ngày trước hội nghị, tức chậm nhất ngày "
            f"{fmt(latest_announcement)}; kế hoạch đang để ngày {fmt(announcement)}."
        )
    latest_publication = meeting + dt.timedelta(days=PUBLISH_DAYS_AFTER)
    publication = due_dates.get(MilestoneKind.RESULTS_PUBLISHED)
    if publication and publication > latest_publication:
        warnings.append(
            f"{LAW_LOCAL_GOVERNMENT}: kết quả hội nghị phải được công khai chậm nhất "
            f"{PUBLISH_DAYS_AFTER} ngày sau hội nghị, tức ngày {fmt(latest_publication)}; "
            f"kế hoạch đang để ngày {fmt(publication)}."
        )
    return warnings
