from django.contrib import admin

from .models import DialoguePlan, Membership, Milestone, Unit, Village


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "position"]
    list_filter = ["commune"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune", "position"]
    list_filter = ["commune", "kind"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "village"]
    list_select_related = ["user", "unit", "village"]
    autocomplete_fields = ["user"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["kind", "owner_role", "due_date", "done_at", "done_by"]
    raw_id_fields = ["done_by"]


@admin.register(DialoguePlan)
class DialoguePlanAdmin(admin.ModelAdmin):
    list_display = ["year", "commune", "status", "title"]
    list_filter = ["commune", "status", "year"]
    search_fields = ["title"]
    filter_horizontal = ["villages"]
    raw_id_fields = ["chairman", "vice_chairman"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["kind", "plan", "owner_role", "due_date", "done_at"]
    list_filter = ["kind", "owner_role", "plan__commune"]
    list_select_related = ["plan__commune"]
    raw_id_fields = ["plan", "done_by"]
