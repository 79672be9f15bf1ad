from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import signing
from .models import (
    AuditEntry,
    CalendarDay,
    Commune,
    IdentityView,
    Notification,
    Paper,
    PaperCopy,
    PaperSignature,
    PrivacyNotice,
    SigningCertificate,
    User,
)


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "slug"]
    search_fields = ["name", "province"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "commune", "role", "position", "is_active"]
    list_filter = ["commune", "role", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    list_select_related = ["commune"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("full_name", "position", "email")}),
        ("Xã và vai trò", {"fields": ("commune", "role", "reads_province")}),
        (
            "Quyền hạn",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Thời gian", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "commune",
                    "role",
                    "reads_province",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that are what happened: shown, never added, edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin):
    """A paper is issued through its page, numbered and frozen."""

    list_display = ["symbol", "issued_on", "code", "subject", "commune", "issued_by"]
    list_filter = ["commune", "year", "code"]
    search_fields = ["subject"]
    list_select_related = ["commune", "issued_by"]
    exclude = ["html", "pdf", "signed_pdf"]


@admin.register(PaperSignature)
class PaperSignatureAdmin(ReadOnlyAdmin):
    """Made on the paper's signing page, in the decree's order."""

    list_display = ["paper", "order", "signer", "signed_at", "signed_by"]
    list_select_related = ["paper", "signed_by"]


@admin.register(PaperCopy)
class PaperCopyAdmin(ReadOnlyAdmin):
    """Made on the paper's signing page: numbered and signed by the organisation."""

    list_display = ["__str__", "paper", "made_at", "made_by"]
    list_select_related = ["paper", "made_by"]
    exclude = ["pdf"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["text", "user", "created_at", "read_at"]
    list_filter = ["user__commune"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "action", "step", "content_type", "object_label", "commune"]
    list_filter = ["commune", "action", "content_type"]
    list_select_related = ["user", "content_type", "commune"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """The province's swapped days; the public holidays come from the holidays package."""

    list_display = ["day", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "day"


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(ReadOnlyAdmin):
    """Published versions stay as they were read; the office publishes new ones in the app."""

    list_display = ["commune", "version", "published_at", "published_by"]
    list_filter = ["commune"]


@admin.register(IdentityView)
class IdentityViewAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "page", "subject_count", "commune"]
    list_filter = ["commune"]
    list_select_related = ["user", "commune"]


class CertificateUploadForm(forms.ModelForm):
    """A signer's PKCS#12 file, or the labels of a key held on a token, and the image; the
    password or PIN only opens the file or the token here and is not kept."""

    container = forms.FileField(label="Tệp chứng thư số (.p12, .pfx)", required=False)
    password = forms.CharField(
        label="Mật khẩu của tệp, hoặc mã PIN của token",
        strip=False,
        widget=forms.PasswordInput(render_value=False),
    )
    picture = forms.FileField(label="Ảnh chữ ký (xanh) hoặc con dấu (đỏ), PNG nền trong suốt")
    authority = forms.FileField(
        label="Chứng thư của tổ chức chứng thực (.pem), với khóa trên token", required=False
    )

    class Meta:
        model = SigningCertificate
        fields = ["commune", "kind", "holder", "label", "token_label", "key_label"]
        help_texts = {"token_label": "Để trống khi nạp tệp .p12"}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        common = {
            "commune": data["commune"],
            "kind": data["kind"],
            "label": data["label"],
            "image": data["picture"].read(),
            "holder": data.get("holder"),
        }
        try:
            if data.get("token_label"):
                authority = data.get("authority")
                self.instance = signing.add_token_certificate(
                    **common,
                    token_label=data["token_label"],
                    key_label=data.get("key_label") or data["label"],
                    pin=data["password"],
                    authority_pem=authority.read().decode("ascii", "replace") if authority else "",
                )
            elif data.get("container"):
                self.instance = signing.add_certificate(
                    **common, container=data["container"].read(), password=data["password"]
                )
            else:
                raise forms.ValidationError("Hãy chọn tệp .p12, hoặc ghi nhãn USB token và khóa.")
        except signing.SigningRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return data

    def save(self, commit=True):
        self.save_m2m = lambda: None  # stored whole by kesat_dialogue.signing
        return self.instance


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = CertificateUploadForm
    list_display = ["label", "commune", "kind", "holder", "not_before", "not_after"]
    list_filter = ["commune", "kind"]
    readonly_fields = ["subject", "not_before", "not_after"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:  # a stored certificate is not edited: load a new one instead
            kwargs["form"] = forms.ModelForm
            kwargs["fields"] = ["label"]
        return super().get_form(request, obj, **kwargs)
