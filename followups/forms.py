from django import forms

from kesat_dialogue import workdays
from meetings.forms import DATE_WIDGET
from meetings.models import Unit
from opinions.forms import validate_attachment

from .models import (
    BudgetLine,
    BudgetSheet,
    EvaluationMeeting,
    Outcome,
    Reply,
    SupervisionNote,
)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Quyết định", choices=Outcome.choices, widget=forms.RadioSelect
    )
    unit = forms.ChoiceField(label="Cơ quan được giao", required=False)
    due_date = forms.DateField(label="Hạn trả lời", required=False, widget=DATE_WIDGET)
    instruction = forms.CharField(
        label="Chỉ đạo", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    escalated_to = forms.CharField(label="Kiến nghị lên", required=False, max_length=200)
    note = forms.CharField(
        label="Kết quả giải quyết / lý do", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units: list[Unit], default_due=None, **kwargs):
        # One list of units serves every petition's form on the page: no query per form.
        super().__init__(*args, **kwargs)
        if default_due:
            self.fields[
                "due_date"
            ].help_text = f"Để trống: 10 ngày làm việc, đến {workdays.describe(default_due)}."
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["unit"].choices = [("", "---------")] + [
            (k, str(u)) for k, u in self.units.items()
        ]

    def clean_unit(self):
        return self.units.get(self.cleaned_data.get("unit") or "")

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == Outcome.ASSIGNED and not cleaned.get("unit"):
            self.add_error("unit", "Hãy chọn cơ quan được giao giải quyết.")
        if outcome == Outcome.ESCALATED and not cleaned.get("escalated_to", "").strip():
            self.add_error("escalated_to", "Hãy ghi cấp có thẩm quyền, ví dụ: UBND tỉnh.")
        if outcome == Outcome.REJECTED and not cleaned.get("note", "").strip():
            self.add_error("note", "Hãy ghi lý do không chấp nhận để Nhân dân được biết.")
        return cleaned


class EvaluationMeetingForm(forms.ModelForm):
    class Meta:
        model = EvaluationMeeting
        fields = ["held_on", "attendees", "notes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class NoticeForm(forms.Form):
    """A plain form: the service compares the new texts with the stored ones."""

    assessment = forms.CharField(label="Đánh giá chung", widget=forms.Textarea(attrs={"rows": 5}))
    closing = forms.CharField(
        label="Yêu cầu tổ chức thực hiện", widget=forms.Textarea(attrs={"rows": 4})
    )


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["text", "letter_number", "letter_date", "attachment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "letter_date": DATE_WIDGET}

    def clean_attachment(self):
        return validate_attachment(self.cleaned_data.get("attachment"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi lý do để cơ quan biết cần làm lại gì."},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Lý do mở lại",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi lý do mở lại hồ sơ (ô «Lý do mở lại»)."},
        help_text="Được ghi vào nhật ký; hồ sơ đã lưu trữ vẫn giữ nguyên.",
    )


class SupervisionForm(forms.ModelForm):
    class Meta:
        model = SupervisionNote
        fields = ["findings", "satisfaction"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 3})}


class PostingForm(forms.Form):
    posted_on = forms.DateField(label="Ngày niêm yết", widget=DATE_WIDGET)


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["item", "quantity", "unit_price", "actual_amount"]


class BudgetSheetForm(forms.ModelForm):
    class Meta:
        model = BudgetSheet
        fields = ["preparer_name", "accountant_name", "estimated_on", "settled_on"]
        widgets = {"estimated_on": DATE_WIDGET, "settled_on": DATE_WIDGET}


class BaseBudgetFormSet(forms.BaseModelFormSet):
    default_error_messages = {
        "too_many_forms": "Dự toán có tối đa %(num)d dòng; hãy gộp bớt các khoản chi nhỏ.",
    }


BUDGET_LINES = 100
# absolute_max: a forged form count builds no more forms than a budget can hold.
BudgetFormSet = forms.modelformset_factory(
    BudgetLine,
    form=BudgetLineForm,
    formset=BaseBudgetFormSet,
    extra=3,
    can_delete=True,
    max_num=BUDGET_LINES,
    absolute_max=BUDGET_LINES,
    validate_max=True,
)
