from django.contrib import admin

from kesat_dialogue.admin import ReadOnlyAdmin

from .models import (
    Assignment,
    BudgetLine,
    BudgetSheet,
    ConclusionNotice,
    Decision,
    Dossier,
    DossierAddendum,
    EvaluationMeeting,
    PeriodicReport,
    Posting,
    Reminder,
    Reply,
    SupervisionNote,
)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["petition", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome", "petition__plan__commune"]
    raw_id_fields = ["petition", "decided_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["petition", "unit", "due_date", "status"]
    list_filter = ["status", "petition__plan__commune"]
    raw_id_fields = ["petition", "assigned_by"]


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["assignment", "letter_number", "letter_date", "replied_by"]
    raw_id_fields = ["assignment", "replied_by"]
    # Attachments are served only through the app's access check, never as media links.
    exclude = ["attachment"]


@admin.register(SupervisionNote)
class SupervisionNoteAdmin(admin.ModelAdmin):
    list_display = ["assignment", "satisfaction", "written_by", "written_at"]
    raw_id_fields = ["assignment", "written_by"]


@admin.register(EvaluationMeeting)
class EvaluationMeetingAdmin(admin.ModelAdmin):
    list_display = ["plan", "held_on"]
    raw_id_fields = ["plan"]


@admin.register(ConclusionNotice)
class ConclusionNoticeAdmin(admin.ModelAdmin):
    list_display = ["plan", "approved_by", "approved_at", "paper"]
    raw_id_fields = ["plan", "approved_by", "paper", "results_report"]


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    list_display = ["plan", "village", "posted_on", "confirmed_by"]
    raw_id_fields = ["plan", "confirmed_by"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["item", "plan", "quantity", "unit_price", "actual_amount"]
    raw_id_fields = ["plan"]


@admin.register(BudgetSheet)
class BudgetSheetAdmin(admin.ModelAdmin):
    list_display = ["plan", "preparer_name", "accountant_name", "estimated_on", "settled_on"]
    raw_id_fields = ["plan"]


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    """The archive is stored once."""

    list_display = ["plan", "version", "closed_by", "closed_at", "sha256"]
    exclude = ["content"]


@admin.register(DossierAddendum)
class DossierAddendumAdmin(ReadOnlyAdmin):
    """A late reply's register entry, added to the archive once."""

    list_display = ["plan", "paper", "assignment", "added_at"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["subject", "recipient", "channel", "offset", "status", "sent_at"]
    list_filter = ["status", "channel", "offset"]


@admin.register(PeriodicReport)
class PeriodicReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "commune", "period_kind", "year", "month"]
    list_filter = ["commune", "year"]
