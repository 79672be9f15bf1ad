"""Demo villages, units and plans.

Kè Sắt's 2026 plan is the seed plan word for word, on the seed's own dates; its steps that
have passed by the day this runs are marked done. Thử Nghiệm's plan is dated around that
day, so its timeline shows every state at once.
"""

import datetime as dt

from django.utils import timezone

from kesat_dialogue.models import Commune, User

from . import meeting_day, plan_texts, services
from .models import (
    DialoguePlan,
    Membership,
    Participant,
    ParticipantCategory,
    Unit,
    UnitKind,
    Village,
)

KE_SAT_VILLAGES = ["Quán Gỏi", "Phương Độ", "Ngọc Mai", "Thượng Khuông"]
THU_NGHIEM_VILLAGES = ["Đông Hà", "Tây Sơn", "Nam Sơn"]

KE_SAT_UNITS = [
    ("Văn phòng HĐND và UBND xã", UnitKind.OFFICE),
    ("Ủy ban MTTQ xã", UnitKind.FRONT),
    ("Hội Liên hiệp Phụ nữ xã", UnitKind.MASS_ORGANISATION),
    ("Hội Nông dân xã", UnitKind.MASS_ORGANISATION),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", UnitKind.MASS_ORGANISATION),
    ("Hội Cựu chiến binh xã", UnitKind.MASS_ORGANISATION),
    ("Ban xây dựng Đảng", UnitKind.PARTY),
    ("Bộ phận Địa chính - Xây dựng", UnitKind.AGENCY),
    ("Bộ phận Văn hóa - Xã hội", UnitKind.AGENCY),
    ("Bộ phận Tài chính - Kế toán", UnitKind.AGENCY),
    ("Công an xã", UnitKind.AGENCY),
]
THU_NGHIEM_UNITS = [
    ("Văn phòng HĐND và UBND xã", UnitKind.OFFICE),
    ("Ủy ban MTTQ xã", UnitKind.FRONT),
    ("Bộ phận Địa chính - Xây dựng", UnitKind.AGENCY),
]

KE_SAT_BASIS = (
    "Thực hiện Kế hoạch số 24-KH/ĐU ngày 19/01/2026 của Ban Thường vụ Đảng ủy về tiếp xúc, "
    "đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền với Nhân dân trên địa bàn "
    "xã Kè Sắt năm 2026."
)
KE_SAT_MEETING = dt.date(2026, 6, 18)


def _villages(commune, names):
    return [
        Village.objects.get_or_create(commune=commune, name=name, defaults={"position": i})[0]
        for i, name in enumerate(names, start=1)
    ]


def _units(commune, rows):
    return {
        name: Unit.objects.get_or_create(
            commune=commune, name=name, defaults={"kind": kind, "position": i}
        )[0]
        for i, (name, kind) in enumerate(rows, start=1)
    }


def _plan(
    commune,
    *,
    year,
    plan_date,
    meeting_date,
    villages,
    basis,
    signer_title,
    signer_name,
    chairman,
    vice_chairman,
):
    existing = DialoguePlan.objects.filter(commune=commune, year=year).first()
    if existing:
        return existing, False
    plan = DialoguePlan(
        commune=commune,
        year=year,
        plan_date=plan_date,
        basis=basis,
        signer_title=signer_title,
        signer_name=signer_name,
        chairman=chairman,
        vice_chairman=vice_chairman,
        **{k: v for k, v in plan_texts.defaults(year).items() if k != "signer_title"},
    )
    return services.create_plan(plan=plan, villages=villages, meeting_date=meeting_date), True


def _owner_of(commune, role):
    return User.objects.filter(commune=commune, role=role).order_by("pk").first()


def _mark_done(plan, milestones, commune):
    """Done on its due day, in the afternoon, by someone of the owning role."""
    tz = timezone.get_current_timezone()
    for milestone in milestones:
        milestone.done_at = dt.datetime.combine(milestone.due_date, dt.time(16, 0), tzinfo=tz)
        milestone.done_by = _owner_of(commune, milestone.owner_role)
        milestone.save(update_fields=["done_at", "done_by"])


def load(*, stdout):
    today = timezone.localdate()
    ke_sat = Commune.objects.get(slug="ke-sat")
    villages = _villages(ke_sat, KE_SAT_VILLAGES)
    units = _units(ke_sat, KE_SAT_UNITS)
    Membership.objects.get_or_create(
        user=User.objects.get(username="diachinh"),
        defaults={"unit": units["Bộ phận Địa chính - Xây dựng"]},
    )
    Membership.objects.get_or_create(
        user=User.objects.get(username="quangoi"), defaults={"village": villages[0]}
    )
    for username, unit in (("vanhoa", "Bộ phận Văn hóa - Xã hội"), ("congan", "Công an xã")):
        Membership.objects.get_or_create(
            user=User.objects.get(username=username), defaults={"unit": units[unit]}
        )
    plan, created = _plan(
        ke_sat,
        year=2026,
        plan_date=dt.date(2026, 5, 20),
        meeting_date=KE_SAT_MEETING,
        villages=villages,
        basis=KE_SAT_BASIS,
        signer_title="Q. CHỦ TỊCH",
        signer_name="Phạm Thị Thu Hiền",
        chairman=User.objects.get(username="chutich"),
        vice_chairman=User.objects.get(username="phochutich"),
    )
    if created:
        _mark_done(plan, plan.milestones.filter(due_date__lt=today), ke_sat)

    thu_nghiem = Commune.objects.get(slug="thu-nghiem")
    meeting = today + dt.timedelta(days=2)
    test_villages = _villages(thu_nghiem, THU_NGHIEM_VILLAGES)
    _units(thu_nghiem, THU_NGHIEM_UNITS)
    test_plan, created = _plan(
        thu_nghiem,
        year=meeting.year,
        plan_date=today - dt.timedelta(days=30),
        meeting_date=meeting,
        villages=test_villages,
        basis="Thực hiện Kế hoạch của Ban Thường vụ Đảng ủy xã Thử Nghiệm về tiếp xúc, đối "
        f"thoại trực tiếp với Nhân dân năm {meeting.year}.",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn An",
        chairman=None,
        vice_chairman=None,
    )
    if created:
        # The form step and the announcement are done; synthesis and answers are late.
        _mark_done(
            test_plan,
            test_plan.milestones.filter(kind__in=["form_ready", "announcement"]),
            thu_nghiem,
        )
    _invite(plan, created_by=User.objects.get(username="vanphong"), held=today > KE_SAT_MEETING)
    _invite(test_plan, created_by=User.objects.get(username="thunghiem"), held=False)
    stdout.write(f"Kế hoạch: {plan}; {test_plan}.")


RESIDENTS = [
    "Nguyễn Văn Khánh",
    "Trần Thị Nga",
    "Lê Văn Thành",
    "Phạm Thị Duyên",
    "Hoàng Văn Toàn",
    "Vũ Thị Hạnh",
    "Đỗ Văn Lâm",
    "Bùi Thị Yến",
    "Ngô Văn Bảy",
    "Đặng Thị Hiền",
    "Trịnh Văn Đông",
    "Lương Thị Thoa",
]


def _invite(plan, *, created_by, held):
    """Delegates by the plan's composition, three residents per village, the programme."""
    if Participant.objects.filter(plan=plan).exists():
        return
    meeting_day.invite_composition(plan, by=created_by)
    names = iter(RESIDENTS * 2)
    for village in plan.villages.all():
        for order in range(1, 4):
            Participant.objects.create(
                plan=plan,
                category=ParticipantCategory.RESIDENT,
                name=next(names),
                village=village,
                position=f"Đại diện hộ dân thôn {village.name}",
                order=order,
                added_by=created_by,
            )
    meeting_day.prepare(plan)
    if held:
        _hold(plan)


def _hold(plan):
    """As the day went: everyone came but two residents, and the police head sent his deputy."""
    meeting = meeting_day.meeting_for_change(plan)
    meeting.starts_at, meeting.ends_at = dt.time(7, 30), dt.time(11, 15)
    meeting.secretary = "Nguyễn Thị Lan"
    meeting.save(update_fields=["starts_at", "ends_at", "secretary"])
    participants = list(Participant.objects.filter(plan=plan).select_related("unit"))
    absent = [p for p in participants if p.category == ParticipantCategory.RESIDENT][:2]
    for participant in participants:
        if participant in absent:
            meeting_day.mark_absent(participant)
        elif participant.unit and participant.unit.name == "Công an xã":
            meeting_day.record_substitute(
                participant, name="Trần Văn Hải", position="Phó Trưởng Công an xã", reported=True
            )
        else:
            meeting_day.check_in(participant)
