from django.urls import path

from .views import meeting, plans

app_name = "meetings"

urlpatterns = [
    path("", plans.dashboard, name="dashboard"),
    path("ke-hoach/", plans.plan_list, name="plan-list"),
    path("ke-hoach/moi/", plans.plan_create, name="plan-create"),
    path("ke-hoach/<uuid:plan_id>/", plans.plan_detail, name="plan-detail"),
    path("ke-hoach/<uuid:plan_id>/sua/", plans.plan_edit, name="plan-edit"),
    path("ke-hoach/<uuid:plan_id>/sao-chep/", plans.plan_copy, name="plan-copy"),
    path("ke-hoach/<uuid:plan_id>/van-ban/", plans.plan_paper_preview, name="plan-paper"),
    path("ke-hoach/<uuid:plan_id>/van-ban.pdf", plans.plan_paper_pdf, name="plan-paper-pdf"),
    path("ke-hoach/<uuid:plan_id>/ban-hanh/", plans.plan_issue, name="plan-issue"),
    path(
        "ke-hoach/<uuid:plan_id>/buoc/<slug:kind>/hoan-thanh/",
        plans.milestone_complete,
        name="milestone-complete",
    ),
    path(
        "ke-hoach/<uuid:plan_id>/buoc/<slug:kind>/mo-lai/",
        plans.milestone_reopen,
        name="milestone-reopen",
    ),
    path("ke-hoach/<uuid:plan_id>/dai-bieu/", meeting.delegates, name="delegates"),
    path("ke-hoach/<uuid:plan_id>/dai-bieu/them/", meeting.delegate_add, name="delegate-add"),
    path(
        "ke-hoach/<uuid:plan_id>/dai-bieu/theo-thanh-phan/",
        meeting.delegates_invite_composition,
        name="delegates-compose",
    ),
    path("ke-hoach/<uuid:plan_id>/giay-moi.pdf", meeting.invitations_pdf, name="invitations-pdf"),
    path(
        "ke-hoach/<uuid:plan_id>/giay-moi/ban-hanh/",
        meeting.invitations_issue,
        name="invitations-issue",
    ),
    path(
        "ke-hoach/<uuid:plan_id>/danh-sach-dai-bieu.pdf",
        meeting.delegate_list_pdf,
        name="delegate-list-pdf",
    ),
    path("ke-hoach/<uuid:plan_id>/diem-danh/", meeting.attendance, name="attendance"),
    path(
        "ke-hoach/<uuid:plan_id>/diem-danh.pdf",
        meeting.attendance_sheet_pdf,
        name="attendance-sheet-pdf",
    ),
    path(
        "dai-bieu/<uuid:participant_id>/<slug:action>/",
        meeting.attendance_mark,
        name="attendance-mark",
    ),
    path("ke-hoach/<uuid:plan_id>/hoi-nghi/", meeting.meeting_settings, name="meeting-settings"),
    path("ke-hoach/<uuid:plan_id>/chuong-trinh/", meeting.agenda, name="agenda"),
    path("ke-hoach/<uuid:plan_id>/chuong-trinh/them/", meeting.agenda_add, name="agenda-add"),
    path("chuong-trinh/<uuid:item_id>/<slug:action>/", meeting.agenda_action, name="agenda-action"),
]
