import datetime as dt

from kesat_dialogue.models import Role
from kesat_dialogue.tests.factories import UserFactory
from meetings.models import Membership, Unit, UnitKind
from opinions import services
from opinions.models import Field, OpinionKind, OpinionSlip


def field_named(commune, name="Giao thông") -> Field:
    services.ensure_fields(commune)
    return Field.objects.get(commune=commune, name=name)


def make_slip(
    plan,
    serial,
    texts=("Đề nghị sửa đường làng",),
    *,
    village=None,
    by=None,
    kind=OpinionKind.REQUEST,
    field="Giao thông",
    **identity,
):
    """A typed slip with one opinion per text."""
    by = by or UserFactory(commune=plan.commune, role=Role.FRONT)
    slip = OpinionSlip(
        plan=plan,
        serial=serial,
        village=village or plan.villages.first(),
        collected_on=dt.date(plan.year, 6, 5),
        **identity,
    )
    field_id = field_named(plan.commune, field).pk
    return services.create_slip(
        slip=slip, opinions=[{"text": t, "kind": kind, "field_id": field_id} for t in texts], by=by
    )


def agency_of(commune, unit_name="Bộ phận Địa chính - Xây dựng"):
    unit, _ = Unit.objects.get_or_create(
        commune=commune, name=unit_name, defaults={"kind": UnitKind.AGENCY}
    )
    user = UserFactory(commune=commune, role=Role.AGENCY)
    Membership.objects.create(user=user, unit=unit)
    return user, unit
