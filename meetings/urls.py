from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ke-hoach/", views.plan_list, name="plan-list"),
    path("ke-hoach/moi/", views.plan_create, name="plan-create"),
    path("ke-hoach/<uuid:plan_id>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<uuid:plan_id>/sua/", views.plan_edit, name="plan-edit"),
    path("ke-hoach/<uuid:plan_id>/sao-chep/", views.plan_copy, name="plan-copy"),
    path("ke-hoach/<uuid:plan_id>/van-ban/", views.plan_paper_preview, name="plan-paper"),
    path("ke-hoach/<uuid:plan_id>/van-ban.pdf", views.plan_paper_pdf, name="plan-paper-pdf"),
    path("ke-hoach/<uuid:plan_id>/ban-hanh/", views.plan_issue, name="plan-issue"),
    path(
        "ke-hoach/<uuid:plan_id>/buoc/<slug:kind>/hoan-thanh/",
        views.milestone_complete,
        name="milestone-complete",
    ),
    path(
        "ke-hoach/<uuid:plan_id>/buoc/<slug:kind>/mo-lai/",
        views.milestone_reopen,
        name="milestone-reopen",
    ),
]
