from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms

from kesat_dialogue.models import Role, User

from .models import DialoguePlan, Meeting, Participant, Unit, Village
from .schedule import STEPS, MilestoneKind, complete_due_dates, sequence_errors

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


def due_field_name(kind: str) -> str:
    return f"due_{kind}"


class ChairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name()} – {user.position}" if user.position else str(user)


class PlanForm(forms.ModelForm):
    """The plan's facts, texts and the due date of each step.

    Due dates left blank fall on their default, counted from the meeting date as in the seed.
    """

    meeting_date = forms.DateField(
        label="Ngày tổ chức hội nghị (dự kiến)",
        widget=DATE_WIDGET,
        help_text="Các hạn để trống sẽ được tính theo ngày này như kế hoạch mẫu.",
    )

    class Meta:
        model = DialoguePlan
        fields = [
            "year",
            "plan_date",
            "title",
            "villages",
            "chairman",
            "vice_chairman",
            "expected_attendance",
            "venue",
            "duration",
            *DialoguePlan.PARAGRAPH_FIELDS,
            "signer_capacity",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "plan_date": DATE_WIDGET,
            "villages": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in DialoguePlan.PARAGRAPH_FIELDS},
        }
        field_classes = {"chairman": ChairChoiceField, "vice_chairman": ChairChoiceField}
        # Django's Vietnamese says "Nhập một số tổng thể", which nobody reads as intended.
        error_messages = {
            "year": {"invalid": "Năm phải là một số, ví dụ 2026."},
            "expected_attendance": {"invalid": "Số người dự kiến phải là một số, ví dụ 100."},
        }

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["villages"].queryset = Village.objects.for_commune(commune)
        chairs = User.objects.for_commune(commune).filter(role=Role.CHAIR, is_active=True)
        self.fields["chairman"].queryset = chairs
        self.fields["vice_chairman"].queryset = chairs
        if self.instance.pk:
            self.fields["meeting_date"].initial = self.instance.meeting_date
        current = self.instance.due_dates() if self.instance.pk else {}
        for spec in STEPS:
            if spec.kind == MilestoneKind.MEETING:
                continue
            self.fields[due_field_name(spec.kind)] = forms.DateField(
                label=f"Hạn: {spec.kind.label}",
                required=False,
                widget=DATE_WIDGET,
                initial=current.get(spec.kind),
                help_text="Theo luật; để trống để tính tự động." if spec.from_law else "",
            )
        self.helper = self._layout()

    def _layout(self):
        helper = FormHelper()
        helper.layout = Layout(
            Fieldset(
                "Thông tin chung",
                Div(
                    Div("year", css_class="col-sm-4"),
                    Div("plan_date", css_class="col-sm-4"),
                    css_class="row",
                ),
                "title",
                "villages",
                Div(
                    Div("chairman", css_class="col-md-6"),
                    Div("vice_chairman", css_class="col-md-6"),
                    css_class="row",
                ),
                Div(
                    Div("expected_attendance", css_class="col-sm-4"),
                    Div("duration", css_class="col-sm-4"),
                    css_class="row",
                ),
                "venue",
            ),
            Fieldset(
                "Các mốc thời gian",
                "meeting_date",
                *[due_field_name(s.kind) for s in STEPS if s.kind != MilestoneKind.MEETING],
                css_id="moc-thoi-gian",
            ),
            Fieldset(
                "Nội dung kế hoạch",
                "basis",
                "purpose",
                "requirements",
                "attendee_groups",
                "content",
                "programme",
                "budget",
            ),
            Fieldset(
                "Tổ chức thực hiện",
                "duties_units",
                "duties_office",
                "duties_front",
                "duties_villages",
            ),
            Fieldset(
                "Nơi nhận và người ký",
                "recipients",
                Div(
                    Div("signer_capacity", css_class="col-md-4"),
                    Div("signer_title", css_class="col-md-4"),
                    Div("signer_name", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            HTML('<div class="mt-3">'),
            Submit("save", "Lưu kế hoạch"),
            HTML("</div>"),
        )
        return helper

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = DialoguePlan.objects.for_commune(self.commune).filter(year=year)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                f"Xã đã có kế hoạch năm {year}. Hãy mở kế hoạch đó để sửa, hoặc chọn năm khác."
            )
        return year

    def clean(self):
        cleaned = super().clean()
        year, meeting = cleaned.get("year"), cleaned.get("meeting_date")
        if year and meeting and meeting.year != year:
            self.add_error(
                "meeting_date",
                f"Ngày hội nghị {meeting:%d/%m/%Y} không thuộc năm {year} của kế hoạch. "
                f"Hãy chọn một ngày trong năm {year}.",
            )
        chairman, vice = cleaned.get("chairman"), cleaned.get("vice_chairman")
        if chairman and vice and chairman == vice:
            self.add_error(
                "vice_chairman", "Phó Chủ tịch được ủy quyền phải là người khác với Chủ tịch."
            )
        if meeting:
            dates = complete_due_dates(meeting, self.typed_due_dates())
            for kind, message in sequence_errors(dates).items():
                self.add_error(self.field_of(kind), message)
        return cleaned

    @staticmethod
    def field_of(kind: str) -> str:
        return "meeting_date" if kind == MilestoneKind.MEETING else due_field_name(kind)

    def typed_due_dates(self) -> dict:
        """The due dates typed in; steps left blank are left out."""
        dates = {
            spec.kind: self.cleaned_data.get(due_field_name(spec.kind))
            for spec in STEPS
            if spec.kind != MilestoneKind.MEETING
        }
        return {kind: day for kind, day in dates.items() if day}


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["category", "name", "position", "village", "unit", "is_head"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = plan.villages.all()
        self.fields["unit"].queryset = Unit.objects.for_commune(plan.commune)


class ResidentForm(forms.ModelForm):
    """What a village leader fills in for a resident of their village."""

    class Meta:
        model = Participant
        fields = ["name", "position"]
        help_texts = {"position": "Ví dụ: Đại diện hộ dân xóm 2, Hội viên Hội Người cao tuổi"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True


class SubstituteForm(forms.Form):
    name = forms.CharField(label="Họ tên người dự thay", max_length=150)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    reported = forms.BooleanField(label="Đã báo cáo Chủ tịch UBND xã", required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Thêm mục chương trình", max_length=300)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "chaired_by", "secretary"]
        widgets = {
            "starts_at": forms.TimeInput(format="%H:%M", attrs={"placeholder": "07:30"}),
            "ends_at": forms.TimeInput(format="%H:%M", attrs={"placeholder": "11:30"}),
        }
        field_classes = {"chaired_by": ChairChoiceField}
        error_messages = {
            "starts_at": {"invalid": "Giờ ghi dạng 07:30."},
            "ends_at": {"invalid": "Giờ ghi dạng 11:30."},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        chairs = [u.pk for u in (plan.chairman, plan.vice_chairman) if u]
        self.fields["chaired_by"].queryset = User.objects.filter(pk__in=chairs)
        self.fields[
            "chaired_by"
        ].help_text = (
            "Nếu Chủ tịch vắng mặt vì lý do bất khả kháng, chọn Phó Chủ tịch được ủy quyền."
        )
