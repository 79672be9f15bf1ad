"""Kè Sắt's 2026 cycle to its end: decisions, notice, replies, posting, budget, dossier.

Thử Nghiệm stays mid-way: its meeting is still ahead.
"""

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from kesat_dialogue import demo_pki, papers
from kesat_dialogue.models import Commune, User
from meetings import demo
from meetings.models import Membership
from opinions.models import Petition

from . import archive, province_demo, services
from .models import Assignment, BudgetLine, BudgetSheet, EvaluationMeeting, Outcome, Reply

ESCALATED = {"Đề nghị đầu tư hệ thống nước sạch tập trung cho các thôn."}
REJECTED = {
    "Đề nghị công khai các khoản thu, đóng góp trong năm tại các thôn.": (
        "Các khoản thu đã được công khai đầy đủ tại hội nghị thôn và nhà văn hóa; không có "
        "khoản thu nào ngoài quy định."
    ),
}
REPLY_TEXT = "Đã kiểm tra thực tế, bố trí kinh phí và triển khai theo chỉ đạo của Chủ tịch UBND xã."
BUDGET = [
    ("Trang trí hội trường, khánh tiết", 1, 1_500_000, 1_450_000),
    ("Nước uống đại biểu", 100, 15_000, 1_380_000),
    ("In ấn phiếu lấy ý kiến, giấy mời, tài liệu", 1, 2_000_000, 2_150_000),
    ("Hỗ trợ đại biểu Nhân dân dự hội nghị", 40, 50_000, 2_000_000),
]


PROVINCE_DEMO_COMMUNES = 12


def load(*, stdout):
    _province(stdout)
    plan = demo.seed_plan()
    if plan is None or plan.is_closed or not hasattr(plan, "meeting"):
        return
    chair = User.objects.get(username="chutich")
    office = User.objects.get(username="vanphong")
    front = User.objects.get(username="mattran")
    _decide(plan, chair)
    notice = services.notice_for_change(plan)
    services.approve_notice(notice=notice, by=chair)
    services.issue_notice(notice=notice, by=office, issued_on=dt.date(2026, 6, 26))
    for offset, village in enumerate(plan.villages.all()):
        services.confirm_posting(
            plan=plan, village=village, posted_on=dt.date(2026, 6, 27 + offset % 2), by=office
        )
    _replies(plan, chair, front)
    services.issue_results_report(plan=plan, by=office, issued_on=dt.date(2026, 7, 6))
    for position, (item, quantity, price, actual) in enumerate(BUDGET, start=1):
        BudgetLine.objects.create(
            plan=plan,
            position=position,
            item=item,
            quantity=quantity,
            unit_price=price,
            actual_amount=actual,
        )
    BudgetSheet.objects.create(
        plan=plan,
        preparer_name="Nguyễn Thị Lan",
        accountant_name="Đỗ Thị Mai",
        estimated_on=dt.date(2026, 5, 25),
        settled_on=dt.date(2026, 7, 8),
    )
    signed = demo_pki.load_signatures(
        plan.commune,
        chair=chair,
        vice_chair=User.objects.get(username="phochutich"),
        front_chair=front,
        office=office,
        password=settings.DEMO_PASSWORD,
    )
    archive.close(plan=plan, by=office, confirmed=True)
    stdout.write(
        "Sau hội nghị Kè Sắt: đã quyết định, ban hành thông báo, trả lời, đóng hồ sơ; "
        f"{signed} văn bản đã ký số bằng chứng thư mẫu (mật khẩu như tài khoản mẫu)."
    )


def _decide(plan, chair):
    EvaluationMeeting.objects.update_or_create(
        plan=plan,
        defaults={
            "held_on": dt.date(2026, 6, 24),
            "attendees": "Lãnh đạo UBND xã, Văn phòng HĐND và UBND xã, thủ trưởng các cơ quan",
            "notes": "Hội nghị đúng kế hoạch, đủ thành phần; cần chuẩn bị trả lời bằng văn bản "
            "sớm hơn để đại biểu nghiên cứu trước.",
        },
    )
    petitions = Petition.objects.filter(plan=plan).select_related("unit", "answer").order_by("pk")
    for number, petition in enumerate(petitions):
        if petition.text in ESCALATED:
            services.decide(
                petition=petition,
                outcome=Outcome.ESCALATED,
                by=chair,
                escalated_to="UBND tỉnh, Sở Xây dựng",
            )
        elif petition.text in REJECTED:
            services.decide(
                petition=petition, outcome=Outcome.REJECTED, by=chair, note=REJECTED[petition.text]
            )
        elif number % 4 == 3:
            services.decide(
                petition=petition,
                outcome=Outcome.RESOLVED,
                by=chair,
                note="Đã giải quyết xong, trả lời tại hội nghị.",
            )
        else:
            services.decide(
                petition=petition,
                outcome=Outcome.ASSIGNED,
                by=chair,
                unit=petition.unit,
                due_date=dt.date(2026, 6, 30),
                instruction="Kiểm tra thực tế, giải quyết dứt điểm.",
            )


def _letter_pdf(reply, assignment) -> bytes:
    return papers.render_pdf(
        f"<!doctype html><html lang='vi'><body><article class='paper'>"
        f"<p>{assignment.unit.name.upper()}</p><p>Số: {reply.letter_number}</p>"
        f"<h1>BÁO CÁO</h1><p>Kết quả giải quyết kiến nghị: {assignment.petition.text}</p>"
        f"<p>{reply.text}</p></article></body></html>"
    )


def _replies(plan, chair, front):
    """Every agency answers; one answers late, and the Front sends one back once."""
    assignments = Assignment.objects.filter(petition__plan=plan).select_related("petition", "unit")
    for number, assignment in enumerate(assignments.order_by("pk"), start=1):
        member = Membership.objects.filter(unit=assignment.unit).select_related("user").first()
        author = member.user if member else User.objects.get(username="vanphong")
        late = number == 2
        abbreviation = demo.UNIT_ABBREVIATIONS[assignment.unit.name]
        reply = Reply(
            text=REPLY_TEXT,
            letter_number=f"{number:02d}/BC-{abbreviation}",
            letter_date=dt.date(2026, 7, 3) if late else dt.date(2026, 6, 29),
        )
        if number == 1:
            # One agency uploads its signed letter, as most will; it joins the dossier.
            reply.attachment.save(
                "bao-cao.pdf", ContentFile(_letter_pdf(reply, assignment)), save=False
            )
        services.submit_reply(assignment=assignment, reply=reply, by=author)
        if number == 3:
            services.send_back(
                assignment=assignment,
                by=front,
                by_front=True,
                reason="Nhân dân phản ánh chưa thi công; đề nghị báo cáo tiến độ cụ thể.",
            )
            services.submit_reply(
                assignment=assignment,
                by=author,
                reply=Reply(
                    text="Đã thi công xong ngày 02/7/2026, Nhân dân thôn đồng tình.",
                    letter_number=f"{number + 10:02d}/BC-{abbreviation}",
                    letter_date=dt.date(2026, 7, 3),
                ),
            )
        services.accept(assignment=assignment, by=chair)


def _province(stdout):
    """A dozen more communes of the province, so that its overview means something."""
    if Commune.objects.filter(slug__startswith="hp-").exists():
        return
    today = timezone.localdate()
    communes = province_demo.populate(
        PROVINCE_DEMO_COMMUNES, year=today.year, today=today, villages=8, slug_prefix="hp"
    )
    stdout.write(f"Tỉnh: thêm {len(communes)} xã, phường với các cuộc đối thoại năm {today.year}.")
