"""One audit log for every app: each registered model's changes, with who and when.

Apps register their models in AppConfig.ready(); the middleware names the user of the
request. Besides field changes, the log holds the named steps of the workflow (a decision,
a reply accepted, a notice approved…) with their explanation: apps register the steps'
names with :func:`register_steps` and write them with :func:`step`.

Entries are written by model signals inside the change's own transaction, so a change that
rolls back leaves no entry. Queryset .update() and bulk writes bypass signals:
services that use them call :func:`record` themselves.
"""

import contextlib
import contextvars
import datetime as dt
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_save

from . import crypto
from .models import AuditAction, AuditEntry

current_user = contextvars.ContextVar("audit_user", default=None)
_REGISTRY: dict[type, frozenset[str]] = {}
_ENCRYPTED: dict[type, frozenset[str]] = {}
_STEP_LABELS: dict[str, str] = {}
# Derived, bulky or timestamp-only columns say nothing a reader needs.
_SKIPPED = {"updated_at", "search_text", "pdf", "html", "content", "password", "last_login"}


class AuditUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = current_user.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            current_user.reset(token)


def register(*models) -> None:
    for model in models:
        _REGISTRY[model] = frozenset(
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in _SKIPPED and not f.primary_key
        )
        # An encrypted column's value never reaches the log in clear (crypto.audit_marker).
        _ENCRYPTED[model] = frozenset(
            f.attname for f in model._meta.concrete_fields if getattr(f, "encrypted", False)
        )
        uid = f"audit-{model._meta.label}"
        pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-delete")


def _plain(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "<tệp>"
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _values(instance) -> dict:
    encrypted = _ENCRYPTED.get(type(instance), frozenset())
    return {
        name: crypto.audit_marker(getattr(instance, name) or "")
        if name in encrypted
        else _plain(getattr(instance, name))
        for name in _REGISTRY[type(instance)]
    }


def _remember_before(sender, instance, **kwargs):
    if instance.pk is None:
        instance._audit_before = None
        return
    # The row as stored, whatever scope the save runs in (the base manager reads by key).
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = _values(old) if old is not None else None


def _commune_id(instance):
    *path, last = sender_lookup(type(instance)).split("__")
    value = instance
    for part in path:
        value = getattr(value, part, None)
        if value is None:
            return None
    if last == "pk":
        return value.pk
    # The last hop needs only the key held on the row, never the commune itself.
    return getattr(value, value._meta.get_field(last).attname)


def sender_lookup(model) -> str:
    return getattr(model, "commune_lookup", "pk")


def register_steps(choices) -> None:
    """Name an app's workflow steps (a TextChoices) so every page can read them."""
    _STEP_LABELS.update({choice.value: str(choice.label) for choice in choices})


def step_label(code: str) -> str:
    return _STEP_LABELS.get(code, code)


def record(instance, action: str, changes: dict, *, user=None, step="", note="") -> AuditEntry:
    return AuditEntry.objects.create(
        commune_id=_commune_id(instance),
        user=user or current_user.get(),
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_label=str(instance)[:300],
        changes=changes,
        step=step,
        note=note,
    )


def record_many(instances, action: str, changes_of, *, user=None) -> None:
    """One entry per instance, written in one INSERT: for services that bulk-write rows.
    ``changes_of(instance)`` gives each entry's changes."""
    user = user or current_user.get()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            commune_id=_commune_id(instance),
            user=user,
            action=action,
            content_type=ContentType.objects.get_for_model(type(instance)),
            object_id=str(instance.pk),
            object_label=str(instance)[:300],
            changes=changes_of(instance),
        )
        for instance in instances
    )


def step(instance, code: str, *, user, note: str = "") -> AuditEntry:
    """A named step of the workflow taken on ``instance``, e.g. a reply sent back, and why."""
    return record(instance, AuditAction.STEP, {}, user=user, step=code, note=note)


@contextlib.contextmanager
def recorded_by_caller(instance):
    """The caller writes the entry for this save itself, e.g. a slip corrected together with
    its opinions as one change; the signals stay quiet for ``instance`` meanwhile."""
    instance._audit_by_caller = True
    try:
        yield
    finally:
        instance._audit_by_caller = False


def creation_changes(instance) -> dict:
    """What a new record's entry holds: every field it was created with."""
    return {
        name: [None, value] for name, value in _values(instance).items() if value not in (None, "")
    }


def _after_save(sender, instance, created, **kwargs):
    if getattr(instance, "_audit_by_caller", False):
        return
    after = _values(instance)
    before = None if created else getattr(instance, "_audit_before", None)
    if before is None:
        record(instance, AuditAction.CREATED, creation_changes(instance))
        return
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if changes:
        record(instance, AuditAction.CHANGED, changes)


def _after_delete(sender, instance, **kwargs):
    record(
        instance,
        AuditAction.DELETED,
        {name: [value, None] for name, value in _values(instance).items()},
    )


def history(instance):
    return entries_of(type(instance), [instance.pk])


def steps(model, pks):
    """The named workflow steps taken on these records, oldest first."""
    return entries_of(model, pks).filter(action=AuditAction.STEP).order_by("at", "pk")


def entries_of(model, pks):
    """The log of several records of one model (pks), newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).select_related("user")


def labelled(entries, instance, limit=50) -> list[AuditEntry]:
    """Entries of ``instance`` with ``.labels``: the changed fields, named for a reader."""
    entries = list(entries[:limit])
    for entry in entries:
        entry.labels = field_labels(instance, entry.changes)
    return entries


def field_labels(instance, changes: dict) -> list[str]:
    """The changed fields as a commune officer reads them: "địa điểm", not "venue"."""
    labels = []
    extra = getattr(type(instance), "audit_labels", {})
    # PostgreSQL's jsonb does not keep key order: list the fields as the form does.
    order = {f.attname: i for i, f in enumerate(type(instance)._meta.concrete_fields)}
    for name in sorted(changes, key=lambda n: (n not in order, order.get(n, 0), n)):
        if name in extra:
            labels.append(extra[name])
            continue
        try:
            labels.append(
                str(type(instance)._meta.get_field(name.removesuffix("_id")).verbose_name)
            )
        except Exception:  # a column no longer on the model: show its stored name
            labels.append(name)
    return labels
