from django.contrib import admin

from kesat_dialogue.admin import ReadOnlyAdmin

from .models import (
    Answer,
    DataRequest,
    Field,
    ImportJob,
    Opinion,
    OpinionForm,
    OpinionSlip,
    Petition,
    SlipBatch,
    SlipPrintJob,
    SpeakerRequest,
    SynthesisReport,
)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "position"]
    list_filter = ["commune"]


@admin.register(OpinionForm)
class OpinionFormAdmin(admin.ModelAdmin):
    list_display = ["heading", "plan", "ready_at"]
    raw_id_fields = ["plan"]


@admin.register(SlipBatch)
class SlipBatchAdmin(admin.ModelAdmin):
    list_display = ["plan", "village", "first_serial", "count", "printed_at"]
    raw_id_fields = ["plan"]


class OpinionInline(admin.TabularInline):
    model = Opinion
    extra = 0
    fields = ["text", "kind", "field", "petition"]
    raw_id_fields = ["petition"]


@admin.register(OpinionSlip)
class OpinionSlipAdmin(admin.ModelAdmin):
    list_display = ["serial", "village", "plan", "anonymous", "created_by", "created_at"]
    list_filter = ["plan__commune", "village"]
    search_fields = ["serial", "name"]
    raw_id_fields = ["plan", "created_by"]
    inlines = [OpinionInline]


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "field", "village", "source", "petition"]
    list_filter = ["plan__commune", "kind", "source"]
    search_fields = ["search_text"]
    raw_id_fields = ["plan", "slip", "petition"]


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ["text", "field", "unit", "plan"]
    list_filter = ["plan__commune", "field"]
    search_fields = ["search_text"]
    raw_id_fields = ["plan", "created_by"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["petition", "unit", "letter_number", "letter_date"]
    raw_id_fields = ["petition", "answered_by"]
    # Attachments are served only through the app's access check, never as media links.
    exclude = ["attachment"]


@admin.register(SynthesisReport)
class SynthesisReportAdmin(admin.ModelAdmin):
    list_display = ["paper", "plan", "sent_by", "sent_at"]
    raw_id_fields = ["plan", "paper", "sent_by"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "plan", "status", "slips_created", "created_at"]
    raw_id_fields = ["plan", "created_by"]
    exclude = ["file"]  # an uploaded workbook holds citizens' names: not a media link


@admin.register(SlipPrintJob)
class SlipPrintJobAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "plan", "status", "created_by", "created_at", "downloaded_at"]
    exclude = ["pdf"]


@admin.register(SpeakerRequest)
class SpeakerRequestAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "village", "status", "plan"]
    list_filter = ["plan__commune", "status"]
    raw_id_fields = ["plan", "petition"]


@admin.register(DataRequest)
class DataRequestAdmin(ReadOnlyAdmin):
    """A citizen's request is the office's record under the law: read here, handled on its
    page."""

    list_display = ["number", "commune", "kind", "status", "received_on", "due_on"]
    list_filter = ["commune", "kind", "status"]
    exclude = ["person_phone", "person_phone_digest"]
