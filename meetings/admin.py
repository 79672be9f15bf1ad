from django.contrib import admin

from .models import (
    AgendaItem,
    DialoguePlan,
    Meeting,
    Membership,
    Milestone,
    Participant,
    Unit,
    Village,
)


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


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "position", "category", "attendance", "plan"]
    list_filter = ["plan__commune", "category", "attendance"]
    search_fields = ["name", "position"]
    raw_id_fields = ["plan", "added_by"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "is_current", "plan"]
    raw_id_fields = ["plan"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["plan", "chaired_by", "secretary", "minutes"]
    raw_id_fields = ["plan", "chaired_by", "minutes"]
