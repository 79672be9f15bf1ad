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
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import DateTimeField, F, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone

from kesat_dialogue import bulk, links, tenancy, workdays
from kesat_dialogue.mail import ReadableSubjectMessage
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
INSERT_BATCH = 5000
IN_APP_BATCH = 1000
EMAIL_BATCH = 500
SWEEP_READS_EVERY_COMMUNE = "the daily sweep reminds the staff of every commune"


@dataclass(frozen=True)
class Due:
    """Something open with a date: a plan's step or an assignment."""

    plan: DialoguePlan
    due_date: dt.date
    title: str
    owner_label: str
    url: str
    plan_label: str  # read once a plan: a national sweep writes it a hundred thousand times
    milestone: Milestone | None = None
    assignment_id: int | None = None
    unit_id: int | None = None


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


def _open_items(today: dt.date, communes=None) -> list[Due]:
    """Open steps and assignments of plans still running, due within three days or late;
    of ``communes`` (ids) only, when a part of the sweep is given some. Read as plain rows
    with each plan loaded once: a national sweep reads hundreds of thousands."""
    horizon = today + dt.timedelta(days=max(OFFSET_DAYS.values()))
    running = ~Q(plan__status=PlanStatus.ARCHIVED)
    if communes is not None:
        running &= Q(plan__commune__in=communes)
    milestones = list(
        Milestone.objects.filter(running, done_at__isnull=True, due_date__lte=horizon)
    )
    # Carried-over assignments of archived dialogues are still followed.
    assignments = Assignment.objects.still_followed().filter(
        status__in=OPEN_STATES, due_date__lte=horizon
    )
    if communes is not None:
        assignments = assignments.filter(petition__plan__commune__in=communes)
    assignment_rows = list(
        assignments.values_list(
            "pk", "public_id", "due_date", "unit_id", "unit__name", "petition__text",
            "petition__plan_id",
        )
    )  # fmt: skip
    plan_ids = {m.plan_id for m in milestones} | {row[-1] for row in assignment_rows}
    plans = {
        plan.pk: plan
        for plan in DialoguePlan.objects.filter(pk__in=plan_ids)
        .select_related("commune", "chairman")
        .prefetch_related("villages")
    }
    labels = {pk: plan.label for pk, plan in plans.items()}

    def plan_url(public_id):
        return links.object_url("meetings:plan-detail", "plan_id", public_id)

    def assignment_url(public_id):
        return links.object_url("followups:assignment-detail", "assignment_id", public_id)

    items = [
        Due(
            plan=plans[m.plan_id],
            due_date=m.due_date,
            title=m.get_kind_display(),
            owner_label=m.get_owner_role_display(),
            milestone=m,
            url=plan_url(plans[m.plan_id].public_id) + f"#buoc-{m.kind}",
            plan_label=labels[m.plan_id],
        )
        for m in milestones
    ]
    items += [
        Due(
            plan=plans[plan_id],
            due_date=due_date,
            title=f"Giải quyết kiến nghị: {text[:120]}",
            owner_label=unit_name,
            assignment_id=pk,
            unit_id=unit_id,
            url=assignment_url(public_id),
            plan_label=labels[plan_id],
        )
        for pk, public_id, due_date, unit_id, unit_name, text, plan_id in assignment_rows
    ]
    return items


def _owners_of(items: list[Due]) -> dict:
    """Who acts on each item, read in two queries: the members of the units assigned, and
    the staff of each commune by role."""
    owners = {}
    units = {item.unit_id for item in items if item.unit_id}
    for membership in Membership.objects.filter(
        unit_id__in=units, user__is_active=True
    ).select_related("user"):
        owners.setdefault(("unit", membership.unit_id), []).append(membership.user)
    communes = {item.plan.commune_id for item in items if item.milestone is not None}
    for user in User.objects.filter(commune_id__in=communes, is_active=True).exclude(role=""):
        owners.setdefault(("role", user.commune_id, user.role), []).append(user)
    return owners


def _owners(item: Due, owners: dict) -> list[User]:
    if item.unit_id is not None:
        return owners.get(("unit", item.unit_id), [])
    return owners.get(("role", item.plan.commune_id, item.milestone.owner_role), [])


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
        f"Cuộc tiếp xúc, đối thoại {item.plan_label} của {item.plan.commune}.\n"
        f"Việc: {item.title}.\nPhụ trách: {item.owner_label}.\n"
        f"Hạn: {_fmt(item.due_date)} – {when}.\n"
        + (f"Hạn rơi vào ngày nghỉ ({day_off}): nên xong trước ngày đó.\n" if day_off else "")
    )
    return subject, body


def _rows_for(recipient: User, plan, milestone=None, **fields) -> list[dict]:
    channels = [Channel.IN_APP] + ([Channel.EMAIL] if recipient.email else [])
    return [
        {
            "recipient_id": recipient.pk,
            "channel": channel,
            "plan_id": plan.pk,
            "milestone_id": milestone.pk if milestone else None,
            "assignment_id": None,
            **fields,
        }
        for channel in channels
    ]


def plan_reminders(
    today: dt.date, calendar: workdays.WorkCalendar | None = None, communes=None
) -> list[dict]:
    """Every reminder due today, as rows to insert (field → value). Nothing goes out on a
    day off: what falls on one is sent on the working day before it."""
    calendar = calendar or workdays.calendar()
    if not calendar.is_working_day(today):
        return []
    covers = (calendar.next_working_day(today) - today).days
    items = _open_items(today + dt.timedelta(days=covers - 1), communes)
    rows, owners, overdue_by_plan = [], _owners_of(items), {}
    for item in items:
        offset = _offset_for(item.due_date, today, covers)
        if offset is None:
            continue
        if offset == Offset.OVERDUE:
            overdue_by_plan.setdefault(item.plan, []).append(item)
            if today != calendar.next_working_day(item.due_date):
                continue  # the owner hears of the lateness once; the chairman every working day
        subject, body = _text(item, offset, today, calendar)
        for owner in _owners(item, owners):
            rows += _rows_for(
                owner,
                plan=item.plan,
                milestone=item.milestone,
                assignment_id=item.assignment_id,
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


def record(today: dt.date, communes=None) -> int:
    """Store today's reminders, a few INSERTs for all of them; rows that exist already are
    left as they are (the unique constraints make a second sweep add nothing)."""
    with tenancy.all_communes(SWEEP_READS_EVERY_COMMUNE):
        rows = plan_reminders(today, communes=communes)
        mine = Reminder.objects.all()
        if communes is not None:
            mine = mine.filter(plan__commune__in=communes)
        before = mine.count()
        bulk.insert_ignoring_duplicates(Reminder, rows, batch_size=INSERT_BATCH)
        return mine.count() - before


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


def _claim_waiting(waiting, size: int, now, **marks) -> str:
    """Take up to ``size`` waiting rows with one conditional UPDATE: a row another worker
    took meanwhile no longer matches and is left to it. Gives the claim's token."""
    token = uuid.uuid4().hex
    chosen = waiting.order_by("pk").values("pk")[:size]
    Reminder.objects.deliverable(now).filter(pk__in=Subquery(chosen)).update(
        claim=token, attempts=F("attempts") + 1, **{"status": ReminderStatus.SENDING, **marks}
    )
    return token


def _deliver_in_app_batch(waiting, now) -> int:
    """Claimed as sent and shown in one transaction: exactly once, a batch at a time. The
    notices are copied from the claimed rows inside the database (one UPDATE and one
    INSERT a batch, no row through Python)."""
    with transaction.atomic():
        token = _claim_waiting(
            waiting.filter(channel=Channel.IN_APP),
            IN_APP_BATCH,
            now,
            status=ReminderStatus.SENT,
            sent_at=now,
        )
        claimed = Reminder.objects.filter(claim=token).order_by("pk")
        return bulk.insert_selected(
            Notification,
            ["user", "text", "url", "created_at"],
            claimed.values_list(
                "recipient_id", "subject", "url", Value(now, output_field=DateTimeField())
            ),
        )


def _message(reminder: Reminder, connection) -> EmailMessage:
    return ReadableSubjectMessage(
        subject=reminder.subject,
        body=reminder.body,
        to=[reminder.recipient.email],
        headers={"X-Kesat-Reminder": str(reminder.pk)},
        connection=connection,
    )


def _deliver_email_batch(waiting, now) -> int:
    """A batch claimed (committed: at most once), sent over one SMTP connection, then marked.
    A relay that must be paced gets one message a claim, so a stop between two messages
    leaves nothing in doubt."""
    pause = settings.REMINDER_EMAIL_PAUSE_SECONDS
    token = _claim_waiting(waiting.filter(channel=Channel.EMAIL), 1 if pause else EMAIL_BATCH, now)
    rows = list(
        Reminder.objects.filter(claim=token)
        .select_related("recipient")
        .only("subject", "body", "attempts", "recipient__email")
        .order_by("pk")
    )
    if not rows:
        return 0
    sent, failed = [], []
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # no relay at all: the whole batch waits for the next round
        failed = [(reminder, exc) for reminder in rows]
    else:
        try:
            for reminder in rows:
                try:
                    _message(reminder, connection).send()
                    sent.append(reminder.pk)
                except Exception as exc:  # refused, timed out…: tried again later
                    failed.append((reminder, exc))
        finally:
            connection.close()
    Reminder.objects.filter(pk__in=sent).update(status=ReminderStatus.SENT, sent_at=timezone.now())
    for reminder, exc in failed:
        gave_up = reminder.attempts >= MAX_ATTEMPTS
        Reminder.objects.filter(pk=reminder.pk).update(
            status=ReminderStatus.GAVE_UP if gave_up else ReminderStatus.FAILED,
            last_error=f"{type(exc).__name__}: {exc}"[:1000],
            next_attempt_at=now + dt.timedelta(minutes=2**reminder.attempts),
        )
        log.warning("reminder %s not sent (attempt %s): %s", reminder.pk, reminder.attempts, exc)
    if pause:
        time.sleep(pause)  # pace the commune's mail relay
    return len(rows)


def deliver(now=None, communes=None) -> int:
    """Send what is waiting (of ``communes`` only, when given), in batches."""
    now = now or timezone.now()
    delivered = 0
    with tenancy.all_communes(SWEEP_READS_EVERY_COMMUNE):
        waiting = Reminder.objects.deliverable(now)
        if communes is not None:
            waiting = waiting.filter(plan__commune__in=communes)
        while batch := _deliver_in_app_batch(waiting, now):
            delivered += batch
        while batch := _deliver_email_batch(waiting, now):
            delivered += batch
    return delivered


def commune_parts(count: int) -> list[list[int]]:
    """The communes with open work split into ``count`` parts, for as many workers."""
    with tenancy.all_communes(SWEEP_READS_EVERY_COMMUNE):
        running = DialoguePlan.objects.exclude(status=PlanStatus.ARCHIVED)
        followed = Assignment.objects.still_followed()
        ids = sorted(
            set(running.values_list("commune_id", flat=True).order_by().distinct())
            | set(
                followed.values_list("petition__plan__commune_id", flat=True).order_by().distinct()
            )
        )
    parts = [ids[n::count] for n in range(count)]
    return [part for part in parts if part]


def data_request_notices(
    today: dt.date, calendar: workdays.WorkCalendar | None = None, communes=None
) -> int:
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
        requests = DataRequest.objects.due_by(horizon)
        if communes is not None:
            requests = requests.filter(commune__in=communes)
        for request in requests.select_related("commune"):
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


def sweep(today: dt.date | None = None, communes=None) -> tuple[int, int]:
    """Record today's reminders and deliver them: every commune's, or one part's."""
    today = today or timezone.localdate()
    recorded = record(today, communes) + data_request_notices(today, communes=communes)
    return recorded, deliver(communes=communes)
