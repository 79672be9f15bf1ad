"""Demo opinions: slips typed and imported, petitions, the synthesis and written answers.

Kè Sắt's June 2026 is over: its synthesis was sent on 09/6 and every petition answered.
Kè Sắt's second dialogue is at work: slips typed, some merged, and one of its petitions
repeats what Ngọc Mai asked at the seed's dialogue. Thử Nghiệm is at work too.
"""

import datetime as dt
import random
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone

from kesat_dialogue.models import Role, User
from meetings import demo
from meetings.models import DialoguePlan, Membership, Unit

from . import data_requests, excel, imports, meeting_record, services
from .demo_topics import (
    CONCLUSION,
    FAMILY_NAMES,
    FOLLOWUPS,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    REFERRALS,
    TOPICS,
)
from .models import (
    Answer,
    DataRequest,
    Field,
    ImportJob,
    Opinion,
    OpinionSlip,
    Petition,
    RequestKind,
)


def _person(rng):
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _slip_rows(plan, rng, count, first_serial, topics, collected_on):
    """Rows as the import template has them: one row per opinion."""
    villages = list(plan.villages.all())
    collectors = [
        "Thôn",
        *Unit.objects.for_commune(plan.commune)
        .filter(kind__in=["front", "mass_org"])
        .values_list("name", flat=True),
    ]
    rows = []
    for serial in range(first_serial, first_serial + count):
        village = villages[serial % len(villages)]
        anonymous = rng.random() < 0.3
        name = "" if anonymous else _person(rng)
        address = (
            ""
            if anonymous or rng.random() < 0.4
            else f"Xóm {rng.randint(1, 6)}, thôn {village.name}"
        )
        phone = (
            ""
            if anonymous or rng.random() < 0.5
            else f"09{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        )
        respondent = rng.choices(["Nhân dân", "Cán bộ", "Đảng viên"], weights=[8, 1, 1])[0]
        collector = rng.choice(collectors)
        for topic in rng.sample(topics, k=min(len(topics), rng.choice([1, 1, 2]))):
            rows.append(
                [
                    serial,
                    village.name,
                    name,
                    address,
                    phone,
                    "có" if anonymous else "không",
                    "không" if anonymous else "có",
                    respondent,
                    collector,
                    collected_on.strftime("%d/%m/%Y"),
                    rng.choice(topic["opinions"]),
                    "Kiến nghị" if rng.random() < 0.7 else "Phản ánh",
                    topic["field"],
                ]
            )
    return rows


def _type_in(plan, rows, by):
    """Slips entered one by one, as the Front does on the entry page."""
    slips, errors = excel.parse(
        plan,
        (
            (i, dict(zip([k for k, _ in excel.COLUMNS], row, strict=True)))
            for i, row in enumerate(rows, start=2)
        ),
    )
    assert not errors, errors
    for parsed in slips:
        values = dict(parsed.values)
        consent = values.pop("consent")
        services.create_slip(
            consent=consent,
            slip=OpinionSlip(plan=plan, **values),
            opinions=[
                {"text": o["text"], "kind": o["kind"], "field_id": o["field"].pk}
                for o in parsed.opinions
            ],
            by=by,
        )


def _import(plan, rows, by, when):
    """Slips brought in from a workbook, through the same path as an upload."""
    content = excel.workbook_from_rows(rows)
    job = ImportJob.objects.create(
        plan=plan, filename=f"phieu-hoi-phu-nu-{when:%d-%m}.xlsx", created_by=by
    )
    job.file.save(job.filename, ContentFile(content), save=True)
    imports.run(job)
    return job


def _merge_topics(plan, topics, front, leave_unmerged=0):
    fields = {f.name: f for f in Field.objects.for_commune(plan.commune)}
    units = {u.name: u for u in Unit.objects.for_commune(plan.commune)}
    for topic in topics[: len(topics) - leave_unmerged]:
        opinions = Opinion.objects.filter(plan=plan, text__in=topic["opinions"]).mergeable()
        if opinions.exists():
            services.merge(
                plan=plan,
                opinions=list(opinions),
                text=topic["petition"],
                field=fields[topic["field"]],
                unit=units.get(topic["unit"]),
                by=front,
            )


def _answer_all(plan, answered_on):
    topics = {t["petition"]: t for t in TOPICS}
    office = User.objects.get(commune=plan.commune, role=Role.OFFICE, username="vanphong")
    for number, petition in enumerate(
        Petition.objects.filter(plan=plan).select_related("unit"), start=1
    ):
        member = Membership.objects.filter(unit=petition.unit).select_related("user").first()
        services.submit_answer(
            petition=petition,
            answer=Answer(
                text=topics[petition.text]["answer"],
                letter_number=f"{number:02d}/UBND-{demo.UNIT_ABBREVIATIONS[petition.unit.name]}",
                letter_date=answered_on,
            ),
            by=member.user if member else office,
        )


def _referrals(plan, by):
    fields = {f.name: f for f in Field.objects.for_commune(plan.commune)}
    village = plan.villages.first()
    serial = (OpinionSlip.objects.filter(plan=plan).order_by("-serial").first().serial) + 1
    for offset, (text, kind, field) in enumerate(REFERRALS):
        services.create_slip(
            slip=OpinionSlip(
                plan=plan,
                serial=serial + offset,
                village=village,
                anonymous=True,
                collected_on=plan.due_dates()["synthesis"] - dt.timedelta(days=3),
            ),
            opinions=[{"text": text, "kind": kind, "field_id": fields[field].pk}],
            by=by,
        )


def load(*, stdout):
    ke_sat = demo.seed_plan()
    if ke_sat and not ke_sat.slips.exists():
        rng = random.Random(2026)
        services.ensure_fields(ke_sat.commune)
        front = User.objects.get(username="mattran")
        form = services.opinion_form_for_change(ke_sat)
        services.mark_form_ready(form=form, by=User.objects.get(username="vanphong"))
        collected = dt.date(2026, 6, 5)
        _type_in(ke_sat, _slip_rows(ke_sat, rng, 58, 1, TOPICS, collected), front)
        _import(ke_sat, _slip_rows(ke_sat, rng, 20, 59, TOPICS, collected), front, collected)
        _referrals(ke_sat, front)
        _merge_topics(ke_sat, TOPICS, front)
        services.send_synthesis(plan=ke_sat, by=front, issued_on=dt.date(2026, 6, 9))
        _answer_all(ke_sat, dt.date(2026, 6, 14))
        stdout.write(
            f"Ý kiến Kè Sắt: {ke_sat.slips.count()} phiếu, {ke_sat.opinions.count()} ý kiến, "
            f"{ke_sat.petitions.count()} kiến nghị, đã gửi báo cáo tổng hợp và trả lời."
        )
    if ke_sat and not ke_sat.speakers.exists() and hasattr(ke_sat, "meeting"):
        _speeches(ke_sat, random.Random(618))
        stdout.write(
            f"Hội nghị Kè Sắt: {ke_sat.speakers.count()} người phát biểu, biên bản đã ban hành."
        )
    second = demo.second_cluster_plan()
    if second and not second.slips.exists():
        _second_cluster(second, ke_sat, random.Random(2027))
        stdout.write(
            f"Ý kiến Kè Sắt, cụm thôn thứ hai: {second.slips.count()} phiếu, "
            f"{second.petitions.count()} kiến nghị, "
            f"{second.petitions.filter(repeats__isnull=False).count()} kiến nghị nhắc lại."
        )
    test_plan = DialoguePlan.objects.filter(commune__slug="thu-nghiem").first()
    if test_plan and not test_plan.slips.exists():
        rng = random.Random(7)
        services.ensure_fields(test_plan.commune)
        office = User.objects.get(username="thunghiem")
        services.opinion_form_for_change(test_plan)
        topics = TOPICS[:8]
        rows = _slip_rows(test_plan, rng, 30, 1, topics, test_plan.due_dates()["form_ready"])
        _type_in(test_plan, rows, office)
        _merge_topics(test_plan, topics, office, leave_unmerged=3)
        for name in ("Phạm Văn Lực", "Đỗ Thị Thanh", "Vũ Minh Quân", "Bùi Thị Hằng", "Ngô Văn Sáu"):
            meeting_record.register_speaker(
                plan=test_plan,
                name=name,
                village=rng.choice(list(test_plan.villages.all())),
                topic=rng.choice(topics)["petition"][:120],
            )
        stdout.write(f"Ý kiến Thử Nghiệm: {test_plan.slips.count()} phiếu, đang tổng hợp.")
    if ke_sat and not DataRequest.objects.filter(commune=ke_sat.commune).exists():
        _data_request(ke_sat)


def _data_request(plan):
    """A villager who wrote a slip asks to see what the commune holds about them."""
    slip = plan.slips.holding_identity().exclude(phone="").order_by("serial").first()
    if slip is None:
        return
    request = data_requests.register(
        DataRequest(
            kind=RequestKind.ACCESS,
            person_name=slip.name,
            person_phone=slip.phone,
            details="Xin bản thông tin cá nhân xã đang lưu về tôi.",
            received_on=timezone.localdate(),
        ),
        commune=plan.commune,
        by=User.objects.get(username="vanphong"),
    )
    data_requests.choose(request, slips=data_requests.candidate_slips(request), speakers=[])


def _second_cluster(plan, seed, rng):
    """Slips of the second cluster typed; most topics merged, three left for the Front; and
    Ngọc Mai raises again what it raised at the seed's dialogue."""
    front = User.objects.get(username="mattran")
    services.mark_form_ready(
        form=services.opinion_form_for_change(plan), by=User.objects.get(username="vanphong")
    )
    collected = plan.due_dates()["form_ready"]
    topics = TOPICS[3:12]
    _type_in(plan, _slip_rows(plan, rng, 24, 1, topics, collected), front)
    again = (
        Petition.objects.filter(plan=seed, opinions__village__name="Ngọc Mai")
        .exclude(text__in=[t["petition"] for t in topics])
        .order_by("pk")
        .first()
    )
    if again is not None:
        topic = next(t for t in TOPICS if t["petition"] == again.text)
        rows = _slip_rows(plan, rng, 4, 25, [topic], collected)
        for row in rows:
            row[1] = "Ngọc Mai"
            row[3] = "Xóm 2, thôn Ngọc Mai" if row[3] else ""
        _type_in(plan, rows, front)
        topics = [*topics[:-3], topic, *topics[-3:]]
    _merge_topics(plan, topics, front, leave_unmerged=3)


def _speeches(plan, rng):
    """About twenty people speak; the chair answers most, agencies some, a few later."""
    office = User.objects.get(username="vanphong")
    petitions = list(Petition.objects.filter(plan=plan).select_related("field", "unit"))
    topics = {t["petition"]: t for t in TOPICS}
    villages = list(plan.villages.all())
    for number in range(20):
        petition = petitions[number % len(petitions)]
        topic = topics[petition.text]
        speaker = meeting_record.register_speaker(
            plan=plan,
            name=_person(rng),
            village=villages[number % len(villages)],
            topic=petition.text[:120],
            petition=petition,
        )
        meeting_record.call(speaker)
        mode = ["chair", "chair", "agency", "later"][number % 4]
        meeting_record.record(
            plan=plan,
            token=uuid.uuid4(),
            by=office,
            data={
                "speaker": speaker,
                "village": speaker.village,
                "kind": "request",
                "text": rng.choice(topic["opinions"]) + " Đề nghị xã quan tâm giải quyết sớm.",
                "field": petition.field,
                "petition": petition,
                "answer_mode": mode,
                "answer": topic["answer"] if mode != "later" else "",
                "answer_unit": petition.unit if mode == "agency" else None,
                "followup": FOLLOWUPS[number % 3] if number % 5 == 0 else "",
            },
        )
    meeting_record.call_next(plan)
    meeting = plan.meeting
    meeting.conclusion = CONCLUSION
    meeting.save(update_fields=["conclusion"])
    meeting_record.issue_minutes(plan=plan, by=office)
