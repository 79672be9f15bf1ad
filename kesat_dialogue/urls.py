from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm

admin.site.site_header = "Quản trị hệ thống tiếp xúc, đối thoại"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Dữ liệu các xã"

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("du-lieu-ca-nhan/", views.privacy_index, name="privacy-index"),
    path("du-lieu-ca-nhan/sua/", views.privacy_edit, name="privacy-edit"),
    path("du-lieu-ca-nhan/ai-da-xem/", views.identity_log, name="identity-log"),
    path("du-lieu-ca-nhan/<slug:commune_slug>/", views.privacy_notice, name="privacy-notice"),
    path("so-van-ban/", views.register, name="register"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications-read"),
    path("thong-bao/<int:notification_id>/mo/", views.notification_open, name="notification-open"),
    path("so-van-ban/<uuid:paper_id>.pdf", views.paper_download, name="paper-download"),
    path("so-van-ban/<uuid:paper_id>.docx", views.paper_docx, name="paper-docx"),
    path("so-van-ban/<uuid:paper_id>-da-ky-so.pdf", views.paper_signed, name="paper-signed"),
    path("so-van-ban/<uuid:paper_id>/ky-so/", views.paper_sign, name="paper-sign"),
    path("so-van-ban/<uuid:paper_id>/sao/", views.paper_copy, name="paper-copy"),
    path("ban-sao/<uuid:copy_id>.pdf", views.paper_copy_download, name="paper-copy-download"),
    path("xac-minh/", views.verify, name="verify"),
    path("", include("meetings.urls")),
    path("", include("opinions.urls")),
    path("", include("followups.urls")),
]
