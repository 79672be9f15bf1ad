from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Commune, User


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
        ("Xã và vai trò", {"fields": ("commune", "role")}),
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
                "fields": ("username", "full_name", "commune", "role", "password1", "password2"),
            },
        ),
    )
