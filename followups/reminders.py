"""The daily sweep: who must be reminded of what today, and getting it to them once.

Deadlines and reminder state live in the database; the broker only carries the sweep. The
sweep first records every reminder due today (a unique row each, so a second sweep adds
nothing), then delivers the rows still waiting. In-app notices are delivered in the same
transaction that marks them sent: exactly once. An e-mail is claimed by a conditional
UPDATE before it is handed to the mail server and marked sent right after; if the process
dies between the two, the row stays "sending" and is never sent again (at most once), so
the office sees it on the reminders page rather than the person getting it twice.
"""

import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kesat_dialogue import tenancy, workdays
from kesat_dialogue.models import Notification, Role, User
from kesat_dialogue.notifications import notify
from meetings.models import DialoguePlan, Membership, Milestone, PlanStatus
from opinions.models import DataRequest

from .models import (
    OFFSET_DAYS,
    OPEN_STATES,
    Assignment,
    Channel,
    Offset,
    Reminder,
    ReminderStatus,
)

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
SWEEP_READS_EVERY_COMMUNE = "the daily sweep reminds the staff of every commune"


@dataclass(frozen=True)
class Due:
    """Something open with a date: a plan's step or an assignment."""

    plan: DialoguePlan
    due_date: dt.date
    title: str
    owner_label: str
    url: str
    milestone: Milestone | None = None
    assignment: Assignment | None = None


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _offset_for(due_date: dt.date, today: dt.date, covers: int = 1) -> str | None:
    """The reminder to send today: today's own, or one that falls on the days off after it
    (``covers`` counts today and those days); of several, the most urgent."""
    days = (due_date - today).days
    if days < 0:
        return Offset.OVERDUE
    due_now = [offset for offset, left in OFFSET_DAYS.items() if days - covers < left <= days]
    return min(due_now, key=OFFSET_DAYS.get, default=None)


def _open_items(today: dt.date) -> list[Due]:
    """Open steps and assignments of plans still running, due within three days or late."""
    horizon = today + dt.timedelta(days=max(OFFSET_DAYS.values()))
    running = ~Q(plan__status=PlanStatus.ARCHIVED)
    items = []
    milestones = Milestone.objects.filter(running, done_at__isnull=True, due_date__lte=horizon)
    for m in milestones.select_related("plan__commune", "plan__chairman").prefetch_related(
        "plan__villages"
    ):
        items.append(
            Due(
                plan=m.plan,
                due_date=m.due_date,
                title=m.get_kind_display(),
                owner_label=m.get_owner_role_display(),
                milestone=m,
                url=reverse("meetings:plan-detail", args=[m.plan.public_id]) + f"#buoc-{m.kind}",
            )
        )
    # Carried-over assignments of archived dialogues are still followed.
    assignments = Assignment.objects.still_followed().filter(
        status__in=OPEN_STATES, due_date__lte=horizon
    )
    for a in assignments.select_related(
        "petition__plan__commune", "petition__plan__chairman", "unit"
    ).prefetch_related("petition__plan__villages"):
        items.append(
            Due(
                plan=a.petition.plan,
                due_date=a.due_date,
                title=f"Giải quyết kiến nghị: {a.petition.text[:120]}",
                owner_label=str(a.unit),
                assignment=a,
                url=reverse("followups:assignment-detail", args=[a.public_id]),
            )
        )
    return items


def _owners(item: Due, cache: dict) -> list[User]:
    if item.assignment is not None:
        key = ("unit", item.assignment.unit_id)
        if key not in cache:
            cache[key] = [
                m.user
                for m in Membership.objects.filter(
                    unit_id=item.assignment.unit_id, user__is_active=True
                ).select_related("user")
            ]
        return cache[key]
    key = ("role", item.plan.commune_id, item.milestone.owner_role)
    if key not in cache:
        cache[key] = list(
            User.objects.filter(
                commune_id=item.plan.commune_id, role=item.milestone.owner_role, is_active=True
            )
        )
    return cache[key]


def _chairmen(plan: DialoguePlan) -> list[User]:
    if plan.chairman_id and plan.chairman.is_active:
        return [plan.chairman]
    return list(User.objects.filter(commune_id=plan.commune_id, role=Role.CHAIR, is_active=True))


def _text(item: Due, offset: str, today: dt.date, calendar) -> tuple[str, str]:
    days = (item.due_date - today).days
    when = (
        f"quá hạn {-days} ngày"
        if days < 0
        else "đến hạn hôm nay"
        if days == 0
        else f"còn {days} ngày"
    )
    subject = f"[{item.plan.commune}] {item.title} – hạn {_fmt(item.due_date)} ({when})"
    day_off = calendar.day_off_name(item.due_date)
    body = (
        f"Cuộc tiếp xúc, đối thoại {item.plan.label} của {item.plan.commune}.\n"
        f"Việc: {item.title}.\nPhụ trách: {item.owner_label}.\n"
        f"Hạn: {_fmt(item.due_date)} – {when}.\n"
        + (f"Hạn rơi vào ngày nghỉ ({day_off}): nên xong trước ngày đó.\n" if day_off else "")
    )
    return subject, body


def _rows_for(recipient: User, **fields) -> list[Reminder]:
    channels = [Channel.IN_APP] + ([Channel.EMAIL] if recipient.email else [])
    return [Reminder(recipient=recipient, channel=channel, **fields) for channel in channels]


def plan_reminders(today: dt.date, calendar: workdays.WorkCalendar | None = None) -> list[Reminder]:
    """Every reminder due today, as unsaved rows. Nothing goes out on a day off: what falls
    on one is sent on the working day before it."""
    calendar = calendar or workdays.calendar()
    if not calendar.is_working_day(today):
        return []
    covers = (calendar.next_working_day(today) - today).days
    rows, owners_cache, overdue_by_plan = [], {}, {}
    for item in _open_items(today + dt.timedelta(days=covers - 1)):
        offset = _offset_for(item.due_date, today, covers)
        if offset is None:
            continue
        if offset == Offset.OVERDUE:
            overdue_by_plan.setdefault(item.plan, []).append(item)
            if today != calendar.next_working_day(item.due_date):
                continue  # the owner hears of the lateness once; the chairman every working day
        subject, body = _text(item, offset, today, calendar)
        for owner in _owners(item, owners_cache):
            rows += _rows_for(
                owner,
                plan=item.plan,
                milestone=item.milestone,
                assignment=item.assignment,
                offset=offset,
                due_date=item.due_date,
                subject=subject,
                body=body + f"Xem và cập nhật: {settings.SITE_URL}{item.url}",
                url=item.url,
            )
    for plan, late in overdue_by_plan.items():
        lines = "\n".join(
            f"- {i.title} (hạn {_fmt(i.due_date)}, quá {(today - i.due_date).days} ngày; "
            f"phụ trách: {i.owner_label})"
            for i in sorted(late, key=lambda i: i.due_date)
        )
        url = reverse("followups:overview") + f"?doi-thoai={plan.public_id}"
        for chairman in _chairmen(plan):
            rows += _rows_for(
                chairman,
                plan=plan,
                offset=Offset.ESCALATION,
                due_date=today,
                subject=f"[{plan.commune}] {len(late)} việc quá hạn ngày {_fmt(today)}",
                body=f"Các việc quá hạn của cuộc đối thoại {plan.label}:\n{lines}\n"
                f"Xem tiến độ: {settings.SITE_URL}{url}",
                url=url,
            )
    return rows


def record(today: dt.date) -> int:
    """Store today's reminders; rows that exist already are left as they are."""
    with tenancy.all_communes(SWEEP_READS_EVERY_COMMUNE):
        rows = plan_reminders(today)
        before = Reminder.objects.count()
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        return Reminder.objects.count() - before


def _claim(reminder: Reminder) -> bool:
    return bool(
        Reminder.objects.filter(
            pk=reminder.pk, status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED]
        ).update(status=ReminderStatus.SENDING, attempts=reminder.attempts + 1)
    )


def deliver_in_app(reminder: Reminder, now) -> None:
    with transaction.atomic():
        if not _claim(reminder):
            return
        Notification.objects.create(
            user_id=reminder.recipient_id, text=reminder.subject, url=reminder.url
        )
        Reminder.objects.filter(pk=reminder.pk).update(status=ReminderStatus.SENT, sent_at=now)


def _deliver_email(reminder: Reminder, now) -> None:
    if not _claim(reminder):
        return
    message = EmailMessage(
        subject=reminder.subject,
        body=reminder.body,
        to=[reminder.recipient.email],
        headers={"X-Kesat-Reminder": str(reminder.pk)},
    )
    try:
        message.send()
    except Exception as exc:  # SMTP refused, timed out, DNS…: recorded and tried again later
        attempts = reminder.attempts + 1
        gave_up = attempts >= MAX_ATTEMPTS
        Reminder.objects.filter(pk=reminder.pk).update(
            status=ReminderStatus.GAVE_UP if gave_up else ReminderStatus.FAILED,
            last_error=f"{type(exc).__name__}: {exc}"[:1000],
            next_attempt_at=now + dt.timedelta(minutes=2**attempts),
        )
        log.warning("reminder %s not sent (attempt %s): %s", reminder.pk, attempts, exc)
        return
    Reminder.objects.filter(pk=reminder.pk).update(
        status=ReminderStatus.SENT, sent_at=timezone.now()
    )


def deliver(now=None) -> int:
    """Send what is waiting, one claimed row at a time."""
    now = now or timezone.now()
    pause = settings.REMINDER_EMAIL_PAUSE_SECONDS
    sent = 0
    with tenancy.all_communes(SWEEP_READS_EVERY_COMMUNE):
        waiting = Reminder.objects.deliverable(now).select_related("recipient").order_by("pk")
        for reminder in waiting.iterator(chunk_size=200):
            if reminder.channel == Channel.IN_APP:
                deliver_in_app(reminder, now)
            else:
                _deliver_email(reminder, now)
                if pause:
                    time.sleep(pause)  # pace the commune's mail relay
            sent += 1
    return sent


def data_request_notices(today: dt.date, calendar: workdays.WorkCalendar | None = None) -> int:
    """The office hears of a citizen's request before each of its clocks, as of a step:
    3 days, 1 day, on the day and once when late; nothing on a day off (it comes the
    working day before). Each notice is kept in the request, so it goes out once."""
    calendar = calendar or workdays.calendar()
    if not calendar.is_working_day(today):
        return 0
    covers = (calendar.next_working_day(today) - today).days
    sent = 0
    with tenancy.all_communes(SWEEP_READS_EVERY_COMMUNE):
        horizon = today + dt.timedelta(days=max(OFFSET_DAYS.values()) + covers)
        for request in DataRequest.objects.due_by(horizon).select_related("commune"):
            sent += _notify_request(request, today, covers)
    return sent


@transaction.atomic
def _notify_request(request: DataRequest, today: dt.date, covers: int) -> int:
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    due_now = []
    for key, what, day in request.clocks():
        offset = _offset_for(day, today, covers)
        tag = f"{key}:{offset}:{day.isoformat()}"
        if offset is not None and tag not in request.reminders_sent:
            due_now.append((tag, what, day))
    if not due_now:
        return 0
    office = User.objects.filter(commune_id=request.commune_id, role=Role.OFFICE, is_active=True)
    for tag, what, day in due_now:
        days = (day - today).days
        when = (
            f"quá hạn {-days} ngày" if days < 0 else "hôm nay" if days == 0 else f"còn {days} ngày"
        )
        notify(
            users=office,
            text=f"Yêu cầu về dữ liệu cá nhân số {request.number} "
            f"({request.get_kind_display().lower()}): {what} trước {_fmt(day)} ({when}).",
            url=request.get_absolute_url(),
        )
        request.reminders_sent.append(tag)
    request.save(update_fields=["reminders_sent"])
    return len(due_now)


def sweep(today: dt.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    recorded = record(today) + data_request_notices(today)
    return recorded, deliver()
