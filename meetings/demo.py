"""Demo villages, units and dialogues.

Kè Sắt's 2026 plan is the seed plan word for word, on the seed's own dates; its steps that
have passed by the day this runs are marked done. Kè Sắt then holds a second dialogue, for
another cluster of villages (one of them, Ngọc Mai, also in the seed's), its meeting two
weeks after the day the demo is loaded. Thử Nghiệm's plan is dated around that day, so its
timeline shows every state at once.
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
# The merged commune's other villages; the second dialogue is for this cluster.
KE_SAT_OTHER_VILLAGES = ["An Lạc", "Đông Thịnh", "Hòa Bình", "Trung Hòa", "Phú Xuân"]
SECOND_CLUSTER = ["Ngọc Mai", "An Lạc", "Đông Thịnh", "Hòa Bình"]
SECOND_CLUSTER_MARK = "An Lạc"
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
# How each unit signs its letters, for the demo's written answers and replies.
UNIT_ABBREVIATIONS = {
    "Văn phòng HĐND và UBND xã": "VP",
    "Ủy ban MTTQ xã": "MTTQ",
    "Bộ phận Địa chính - Xây dựng": "ĐCXD",
    "Bộ phận Văn hóa - Xã hội": "VHXH",
    "Bộ phận Tài chính - Kế toán": "TCKT",
    "Công an xã": "CAX",
}
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


def _villages(commune, names, first_position=1):
    return [
        Village.objects.get_or_create(commune=commune, name=name, defaults={"position": i})[0]
        for i, name in enumerate(names, start=first_position)
    ]


def seed_plan():
    """Kè Sắt's dialogue of the seed: the first of 2026."""
    return DialoguePlan.objects.filter(commune__slug="ke-sat", year=2026, number=1).first()


def second_cluster_plan():
    """Kè Sắt's dialogue for the second cluster of villages, made relative to load day."""
    return (
        DialoguePlan.objects.filter(commune__slug="ke-sat", villages__name=SECOND_CLUSTER_MARK)
        .order_by("-year", "-number")
        .first()
    )


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
    existing = (
        DialoguePlan.objects.filter(commune=commune, year=year, villages__in=villages)
        .distinct()
        .first()
    )
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
        services.issue_plan(
            plan=plan, by=User.objects.get(username="vanphong"), issued_on=plan.plan_date
        )
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
    second = _second_cluster(ke_sat, today)
    stdout.write(f"Kế hoạch: {plan}; {second}; {test_plan}.")


def _second_cluster(ke_sat, today):
    """Kè Sắt's next dialogue, for another cluster: its meeting two weeks from today."""
    existing = second_cluster_plan()
    if existing:
        return existing
    _villages(ke_sat, KE_SAT_OTHER_VILLAGES, first_position=len(KE_SAT_VILLAGES) + 1)
    villages = [Village.objects.get(commune=ke_sat, name=name) for name in SECOND_CLUSTER]
    meeting = today + dt.timedelta(days=14)
    plan = DialoguePlan(
        commune=ke_sat,
        year=meeting.year,
        plan_date=today - dt.timedelta(days=10),
        basis=KE_SAT_BASIS.replace("2026", str(meeting.year)),
        signer_title="Q. CHỦ TỊCH",
        signer_name="Phạm Thị Thu Hiền",
        chairman=User.objects.get(username="chutich"),
        vice_chairman=User.objects.get(username="phochutich"),
        **{k: v for k, v in plan_texts.defaults(meeting.year).items() if k != "signer_title"},
    )
    plan.title = (
        "Tổ chức tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân dân các thôn "
        f"{', '.join(SECOND_CLUSTER)} năm {meeting.year}"
    )
    services.create_plan(plan=plan, villages=villages, meeting_date=meeting)
    _mark_done(plan, plan.milestones.filter(due_date__lt=today), ke_sat)
    _invite(plan, created_by=User.objects.get(username="vanphong"), held=False)
    return plan


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
        # Sent a week before the meeting, as the plan asks.
        meeting_day.issue_invitations(
            plan, by=created_by, issued_on=plan.meeting_date - dt.timedelta(days=7)
        )
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
