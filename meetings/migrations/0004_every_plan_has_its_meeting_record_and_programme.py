"""Every plan gets the meeting record and programme it used to get on the first page view:
pages only read them now, and a new plan is made with them."""

from django.db import migrations

# The programme of seed section II.4, as meetings.meeting_day.DEFAULT_AGENDA had it.
DEFAULT_AGENDA = [
    "Văn phòng HĐND và UBND xã tuyên bố lý do, giới thiệu đại biểu",
    "Quán triệt nội quy tiếp xúc, đối thoại",
    "Giới thiệu chủ tọa, thư ký hội nghị",
    "Chủ trì thông báo nội dung tiếp xúc, đối thoại và kết quả phát triển kinh tế - xã hội "
    "của xã từ đầu năm",
    "Nhân dân phát biểu ý kiến theo thứ tự đăng ký",
    "Chủ trì trả lời hoặc điều hành việc trả lời từng ý kiến",
    "Nhân dân tiếp tục có ý kiến sau khi nghe trả lời",
    "Chủ trì hội nghị kết luận",
]


def add_missing(apps, schema_editor):
    DialoguePlan = apps.get_model("meetings", "DialoguePlan")
    Meeting = apps.get_model("meetings", "Meeting")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for plan in DialoguePlan.objects.filter(meeting__isnull=True):
        Meeting.objects.create(plan=plan, chaired_by_id=plan.chairman_id)
    for plan in DialoguePlan.objects.filter(agenda__isnull=True):
        AgendaItem.objects.bulk_create(
            AgendaItem(plan=plan, position=i, title=title)
            for i, title in enumerate(DEFAULT_AGENDA, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_meeting_participants_agenda")]

    operations = [migrations.RunPython(add_missing, migrations.RunPython.noop)]
