"""Communes of a province with a year's dialogues, written in bulk: a dozen for the demo's
province overview, 114 or 3,321 for `bench/province.py`. Realistic counts (villages,
delegates, opinions, petitions, decisions, assignments, the Front's supervision), the steps
done on time or late, a few communes behind.

Rows are inserted with bulk_create, a statement per table and batch, so a national province
loads in minutes; the signals that bulk writes skip are done here (each commune's fields).
"""

import datetime as dt
import random
import uuid

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kesat_dialogue.models import Commune, User
from meetings.models import (
    DialoguePlan,
    Milestone,
    Participant,
    ParticipantCategory,
    PlanStatus,
    Unit,
    UnitKind,
    Village,
)
from meetings.models.meeting import AttendanceStatus
from meetings.schedule import STEPS, MilestoneKind, default_due_dates
from opinions.models import DEFAULT_FIELDS, Field, Opinion, OpinionKind, Petition

from .models import Assignment, AssignmentStatus, Decision, Outcome, SupervisionNote

NAMES = [
    "An Biên",
    "An Hải",
    "Bạch Đằng",
    "Cát Hải",
    "Chấn Hưng",
    "Dương Kinh",
    "Đông Hải",
    "Đồ Sơn",
    "Hà Nam",
    "Hồng An",
    "Hưng Đạo",
    "Kiến An",
    "Kiến Thụy",
    "Lê Chân",
    "Lưu Kiếm",
    "Nam Triệu",
    "Nghi Dương",
    "Ngô Quyền",
    "Phù Liễn",
    "Quang Trung",
    "Tân Minh",
    "Thủy Nguyên",
    "Tiên Lãng",
    "Trần Phú",
    "Vĩnh Bảo",
    "Vĩnh Thịnh",
    "Yên Hưng",
    "Hòa Bình",
    "Gia Viên",
]
UNITS = [
    ("Văn phòng HĐND và UBND xã", UnitKind.OFFICE),
    ("Ủy ban MTTQ xã", UnitKind.FRONT),
    ("Hội Nông dân xã", UnitKind.MASS_ORGANISATION),
    ("Bộ phận Địa chính - Xây dựng", UnitKind.AGENCY),
    ("Bộ phận Văn hóa - Xã hội", UnitKind.AGENCY),
    ("Công an xã", UnitKind.AGENCY),
]
TEXTS = [
    "Đề nghị sửa đường trục thôn bị xuống cấp",
    "Đề nghị nạo vét kênh mương nội đồng",
    "Đề nghị lắp đèn chiếu sáng đường liên thôn",
    "Phản ánh rác thải tồn đọng ở điểm tập kết",
    "Đề nghị công khai các khoản đóng góp",
    "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất",
    "Phản ánh tình trạng xe quá tải trên đê",
    "Đề nghị hỗ trợ giống cây trồng sau bão",
]
BATCH = 2000
PLAN_TEXT = "Theo kế hoạch của Ban Thường vụ Đảng ủy."


def _commune_name(index: int) -> str:
    name = NAMES[index % len(NAMES)]
    return name if index < len(NAMES) else f"{name} {index // len(NAMES) + 1}"


def populate(
    count: int,
    *,
    year: int,
    today: dt.date,
    seed: int = 2026,
    villages: int = 20,
    behind: float = 0.25,
    slug_prefix: str = "tinh",
) -> list[Commune]:
    """``count`` communes with two dialogues each in ``year`` (June and November); the share
    ``behind`` of them late on their steps and assignments."""
    rng = random.Random(seed)
    communes = Commune.objects.bulk_create(
        Commune(name=_commune_name(i), slug=f"{slug_prefix}-{i + 1:04d}", province="Hải Phòng")
        for i in range(count)
    )
    Field.objects.bulk_create(
        (
            Field(commune=c, name=name, position=p)
            for c in communes
            for p, name in enumerate(DEFAULT_FIELDS, start=1)
        ),
        batch_size=BATCH,
    )
    Village.objects.bulk_create(
        (
            Village(commune=c, name=f"Thôn {v}", position=v)
            for c in communes
            for v in range(1, villages + 1)
        ),
        batch_size=BATCH,
    )
    Unit.objects.bulk_create(
        (
            Unit(commune=c, name=name, kind=kind, position=p)
            for c in communes
            for p, (name, kind) in enumerate(UNITS, start=1)
        ),
        batch_size=BATCH,
    )
    # The records' authors: no role and no login, they only sign the rows below.
    password = make_password(None)
    User.objects.bulk_create(
        (
            User(
                username=f"{c.slug}-vp",
                commune=c,
                is_active=False,
                password=password,
                full_name=f"Văn phòng {c.name}",
            )
            for c in communes
        ),
        batch_size=BATCH,
    )
    office = dict(User.objects.filter(commune__in=communes).values_list("commune_id", "pk"))
    fields = {}
    for commune_id, pk in Field.objects.filter(commune__in=communes).values_list("commune", "pk"):
        fields.setdefault(commune_id, []).append(pk)
    villages_of = {}
    for commune_id, pk in Village.objects.filter(commune__in=communes).values_list("commune", "pk"):
        villages_of.setdefault(commune_id, []).append(pk)
    units_of = {}
    for commune_id, pk, kind in Unit.objects.filter(commune__in=communes).values_list(
        "commune", "pk", "kind"
    ):
        if kind in (UnitKind.AGENCY, UnitKind.MASS_ORGANISATION):
            units_of.setdefault(commune_id, []).append(pk)
    late_communes = {c.pk for c in communes if rng.random() < behind}

    plans = []
    for commune in communes:
        for number, meeting in enumerate((dt.date(year, 6, 18), dt.date(year, 11, 12)), start=1):
            plans.append(
                DialoguePlan(
                    commune=commune,
                    year=year,
                    number=number,
                    plan_date=meeting - dt.timedelta(days=60),
                    title=f"Kế hoạch tiếp xúc, đối thoại năm {year}",
                    basis=PLAN_TEXT,
                    purpose=PLAN_TEXT,
                    requirements=PLAN_TEXT,
                    expected_attendance=100,
                    attendee_groups=PLAN_TEXT,
                    content=PLAN_TEXT,
                    venue="Hội trường UBND xã",
                    duration="Một buổi",
                    programme=PLAN_TEXT,
                    budget=PLAN_TEXT,
                    duties_units=PLAN_TEXT,
                    duties_office=PLAN_TEXT,
                    duties_front=PLAN_TEXT,
                    duties_villages=PLAN_TEXT,
                    recipients="Lưu: VT, VP",
                    signer_capacity="TM. ỦY BAN NHÂN DÂN",
                    signer_title="CHỦ TỊCH",
                    signer_name="Nguyễn Văn Chủ Tịch",
                    status=PlanStatus.ISSUED if meeting <= today else PlanStatus.DRAFT,
                )
            )
    plans = DialoguePlan.objects.bulk_create(plans, batch_size=BATCH)
    through = DialoguePlan.villages.through
    through.objects.bulk_create(
        (
            through(dialogueplan_id=plan.pk, village_id=v)
            for plan in plans
            for v in villages_of[plan.commune_id][: villages // 2]
        ),
        batch_size=BATCH,
    )

    milestones, participants, opinions, petitions = [], [], [], []
    for plan in plans:
        meeting = dt.date(year, 6, 18) if plan.number == 1 else dt.date(year, 11, 12)
        late = plan.commune_id in late_communes
        dates = default_due_dates(meeting)
        for spec in STEPS:
            due = dates[spec.kind]
            done = None
            if due <= today:
                slip = rng.randint(1, 6) if late and spec.kind != MilestoneKind.MEETING else 0
                if not (late and spec.kind == MilestoneKind.ARCHIVE):
                    done = timezone.make_aware(
                        dt.datetime.combine(due + dt.timedelta(days=slip), dt.time(9))
                    )
            milestones.append(
                Milestone(
                    plan=plan,
                    kind=spec.kind,
                    owner_role=spec.owner_role,
                    due_date=due,
                    done_at=done,
                )
            )
        held = meeting <= today
        invited = rng.randint(70, 110)
        for n in range(invited):
            category = ParticipantCategory.RESIDENT if n % 3 == 0 else ParticipantCategory.AGENCY
            attended = held and rng.random() < 0.9
            participants.append(
                Participant(
                    plan=plan,
                    category=category,
                    position="Đại biểu",
                    order=n,
                    name="" if category == ParticipantCategory.RESIDENT else f"Đại biểu {n}",
                    attendance=AttendanceStatus.PRESENT if attended else AttendanceStatus.INVITED,
                )
            )
        if not held:
            continue
        commune_villages = villages_of[plan.commune_id]
        commune_fields = fields[plan.commune_id]
        for n in range(rng.randint(25, 60)):
            opinions.append(
                Opinion(
                    plan=plan,
                    village_id=rng.choice(commune_villages),
                    text=rng.choice(TEXTS),
                    kind=OpinionKind.REQUEST,
                    field_id=rng.choice(commune_fields),
                    meeting_answer_mode="chair" if n % 5 == 0 else "",
                )
            )
        for n in range(rng.randint(8, 16)):
            petitions.append(
                Petition(
                    plan=plan,
                    text=f"{TEXTS[n % len(TEXTS)]} ({n + 1})",
                    field_id=rng.choice(commune_fields),
                    created_by_id=office[plan.commune_id],
                )
            )
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    Opinion.objects.bulk_create(opinions, batch_size=BATCH)
    petitions = Petition.objects.bulk_create(petitions, batch_size=BATCH)

    decisions, assignments = [], []
    plan_of = {plan.pk: plan for plan in plans}
    for petition in petitions:
        plan = plan_of[petition.plan_id]
        meeting = dt.date(year, 6, 18) if plan.number == 1 else dt.date(year, 11, 12)
        evaluated = meeting + dt.timedelta(days=7)
        if evaluated > today:
            continue
        roll = rng.random()
        outcome = (
            Outcome.RESOLVED
            if roll < 0.2
            else Outcome.ESCALATED
            if roll < 0.3
            else Outcome.REJECTED
            if roll < 0.35
            else Outcome.ASSIGNED
        )
        decisions.append(
            Decision(
                petition=petition,
                outcome=outcome,
                escalated_to="UBND thành phố" if outcome == Outcome.ESCALATED else "",
                note="Không thuộc thẩm quyền, đã giải thích" if outcome == Outcome.REJECTED else "",
                decided_by_id=office[plan.commune_id],
                decided_at=timezone.make_aware(dt.datetime.combine(evaluated, dt.time(9))),
            )
        )
        if outcome == Outcome.ASSIGNED:
            due = evaluated + dt.timedelta(days=14)
            late = plan.commune_id in late_communes and rng.random() < 0.5
            status = (
                AssignmentStatus.OPEN
                if due > today or late
                else rng.choice(
                    [AssignmentStatus.ACCEPTED, AssignmentStatus.ACCEPTED, AssignmentStatus.REPLIED]
                )
            )
            assignments.append(
                Assignment(
                    petition=petition,
                    unit_id=rng.choice(units_of[plan.commune_id]),
                    due_date=due,
                    status=status,
                    assigned_by_id=office[plan.commune_id],
                    public_id=uuid.uuid4(),
                )
            )
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    assignments = Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    SupervisionNote.objects.bulk_create(
        (
            SupervisionNote(
                assignment=a,
                findings="Đã kiểm tra thực tế tại thôn.",
                satisfaction=rng.choice(list(SupervisionNote.Satisfaction.values)),
                written_by_id=office[plan_of[a.petition.plan_id].commune_id],
            )
            for a in assignments
            if a.status == AssignmentStatus.ACCEPTED and rng.random() < 0.5
        ),
        batch_size=BATCH,
    )
    return communes
