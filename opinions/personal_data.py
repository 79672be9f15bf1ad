"""Erasing and restricting a citizen's identity (Luật 91/2025/QH15): on the person's request
or when the retention period ends. The name, address and phone go from the slip and from
every copy the app keeps of them (the audit log's before/after values, the log of who
looked); the opinions, petitions, minutes and issued papers stay as they are.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from kesat_dialogue.models import AuditEntry, IdentityView

from .models import OpinionSlip

ERASED = "[đã xóa]"
ERASED_SPEAKER = "Người phát biểu (đã xóa họ tên theo yêu cầu)"
IDENTITY_COLUMNS = ("name", "address", "phone")


@transaction.atomic
def erase_identities(slips, *, at=None) -> int:
    """Erase the identity of these slips (a queryset); the number of slips erased."""
    at = at or timezone.now()
    held = list(slips.holding_identity().values_list("pk", "serial", "name", "plan__commune_id"))
    if not held:
        return 0
    pks = [pk for pk, *_ in held]
    OpinionSlip.objects.filter(pk__in=pks).update(
        name="",
        address="",
        phone="",
        phone_digest="",
        identity_erased_at=at,
        identity_restricted_at=None,
    )
    _scrub_audit(OpinionSlip, pks, IDENTITY_COLUMNS)
    _scrub_identity_views(
        {(commune, f"Phiếu {serial:04d}: {name}") for _, serial, name, commune in held if name}
    )
    return len(held)


@transaction.atomic
def erase_speakers(speakers) -> int:
    """A speaker's name on the speaking list; the minutes already issued keep theirs (they
    are the meeting's legal record, kept under the archives law)."""
    return speakers.exclude(name=ERASED_SPEAKER).update(name=ERASED_SPEAKER)


def restrict(slips, *, at=None) -> int:
    open_ = slips.filter(identity_restricted_at__isnull=True, identity_erased_at__isnull=True)
    return open_.update(identity_restricted_at=at or timezone.now())


def lift_restriction(slips) -> int:
    return slips.filter(identity_restricted_at__isnull=False).update(identity_restricted_at=None)


def _scrub_audit(model, pks, columns) -> None:
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    )
    for entry in entries.iterator():
        touched = [c for c in columns if c in entry.changes]
        if not touched:
            continue
        for column in touched:
            entry.changes[column] = [ERASED if value else value for value in entry.changes[column]]
        entry.save(update_fields=["changes"])


def _scrub_identity_views(lines: set[tuple[int, str]]) -> None:
    for commune_id, line in lines:
        name = line.split(": ", 1)[1]
        views = IdentityView.objects.filter(commune_id=commune_id, subjects__contains=name)
        for view in views.iterator():
            view.subjects = "\n".join(
                f"{row.split(': ', 1)[0]}: {ERASED}" if row == line else row
                for row in view.subjects.split("\n")
            )
            view.save(update_fields=["subjects"])
