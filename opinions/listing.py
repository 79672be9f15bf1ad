"""The opinion list's rows, read as plain values.

The list is the page the office and the Front read most, fifty rows at a time out of
thousands: fifty opinions built as five models each, then looked up attribute by attribute
in the template, were half of its cost. Here one query reads only what the row prints, and
each row is a dict the template reads directly. What the rules decide (a hidden identity,
a referral) is still asked of the models.
"""

from kesat_dialogue import links

from .models import REFERRAL_KINDS, OpinionKind, OpinionSlip, OpinionSource

COLUMNS = (
    "public_id",
    "slip_serial",
    "slip__public_id",
    "source",
    "village__name",
    "text",
    "kind",
    "field__name",
    "petition__public_id",
    "petition__text",
)
IDENTITY_COLUMNS = (
    "slip_id",
    "slip__name",
    "slip__phone",
    "slip__address",
    "slip__anonymous",
    "slip__identity_erased_at",
    "slip__identity_restricted_at",
)
PETITION_TEXT_LENGTH = 60
KIND_LABELS = dict(OpinionKind.choices)
SOURCE_LABELS = dict(OpinionSource.choices)


def rows(opinions, *, with_identity: bool) -> list[dict]:
    """One dict per opinion of ``opinions`` (a page: a sliced queryset), with ``slip`` the
    writer's identity only for those who see it, so no other role's page even decrypts it."""
    page_values = opinions.values(*COLUMNS, *(IDENTITY_COLUMNS if with_identity else ()))
    slips = {}
    result = []
    for value in page_values:
        petition = value["petition__public_id"]
        slip = value["slip__public_id"]
        row = {
            "public_id": value["public_id"],
            "serial": f"{value['slip_serial']:04d}" if slip else "",
            "slip_url": links.object_url("opinions:slip-edit", "slip_id", slip) if slip else "",
            "source": SOURCE_LABELS.get(value["source"], value["source"]),
            "village": value["village__name"],
            "text": value["text"],
            "kind": KIND_LABELS.get(value["kind"], value["kind"]),
            "referral": value["kind"] in REFERRAL_KINDS,
            "field": value["field__name"],
            "merged": petition is not None,
            "petition_url": (
                links.object_url("opinions:petition-detail", "petition_id", petition)
                if petition
                else ""
            ),
            "petition_text": _clipped(value["petition__text"] or ""),
            "slip": None,
        }
        row["mergeable"] = not row["merged"] and not row["referral"]
        if slip and "slip_id" in value:
            if value["slip_id"] not in slips:
                slips[value["slip_id"]] = _identity(value)
            row["slip"] = slips[value["slip_id"]]
        result.append(row)
    return result


def identities(rows_: list[dict]) -> list[OpinionSlip]:
    """The distinct slips whose writer the rows show, for the identity-view log."""
    return list({id(row["slip"]): row["slip"] for row in rows_ if row["slip"]}.values())


def _identity(value) -> OpinionSlip:
    """An unsaved slip holding only the writer's identity, so the model's own rules
    (``identity_hidden``, ``identity_label``) decide what the row shows."""
    return OpinionSlip(
        pk=value["slip_id"],
        serial=value["slip_serial"],
        name=value["slip__name"],
        phone=value["slip__phone"],
        address=value["slip__address"],
        anonymous=value["slip__anonymous"],
        identity_erased_at=value["slip__identity_erased_at"],
        identity_restricted_at=value["slip__identity_restricted_at"],
    )


def _clipped(text: str) -> str:
    """``truncatechars:60`` without its per-call cost: a petition's text, clipped with an
    ellipsis to 60 characters."""
    if len(text) <= PETITION_TEXT_LENGTH:
        return text
    return text[: PETITION_TEXT_LENGTH - 1] + "…"
