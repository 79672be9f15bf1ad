from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms

from kesat_dialogue.models import Role, User

from .models import (
    REQUEST_PERCENT,
    DialogueKind,
    DialoguePlan,
    Meeting,
    Participant,
    RequestBasis,
    Unit,
    Village,
)
from .schedule import STEPS, MilestoneKind, complete_due_dates, sequence_errors
from .services import overlapping_dialogues

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


def due_field_name(kind: str) -> str:
    return f"due_{kind}"


def _count(number: int) -> str:
    """1.000 as a Vietnamese reader writes it."""
    return f"{number:,}".replace(",", ".")


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
            "kind",
            "request_basis",
            "signatures",
            "voters",
            "request_reason",
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
            "kind": forms.RadioSelect,
            "request_basis": forms.RadioSelect,
            "request_reason": forms.Textarea(attrs={"rows": 2}),
            "villages": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in DialoguePlan.PARAGRAPH_FIELDS},
        }
        field_classes = {"chairman": ChairChoiceField, "vice_chairman": ChairChoiceField}
        # Django's Vietnamese says "Nhập một số tổng thể", which nobody reads as intended.
        error_messages = {
            "year": {"invalid": "Năm phải là một số, ví dụ 2026."},
            "expected_attendance": {"invalid": "Số người dự kiến phải là một số, ví dụ 100."},
            "signatures": {"invalid": "Số cử tri ký đề nghị phải là một số, ví dụ 120."},
            "voters": {"invalid": "Tổng số cử tri phải là một số, ví dụ 1000."},
        }

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["request_basis"].choices = RequestBasis.choices
        self.fields["request_basis"].required = False
        self.fields["villages"].queryset = Village.objects.for_commune(commune)
        self.fields[
            "villages"
        ].help_text = "Cụm thôn của cuộc đối thoại này. Một thôn có thể dự nhiều cuộc trong năm."
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
            ),
            Fieldset(
                "Loại đối thoại",
                "kind",
                Div(
                    "request_basis",
                    Div(
                        Div("signatures", css_class="col-sm-6"),
                        Div("voters", css_class="col-sm-6"),
                        css_class="row",
                    ),
                    "request_reason",
                    css_class="border-start ps-3",
                ),
            ),
            Fieldset(
                "Thành phần",
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

    def _clean_request(self, cleaned) -> None:
        """A requested dialogue records why; voters' request needs 10 % of the voters."""
        if cleaned.get("kind") != DialogueKind.REQUESTED:
            cleaned.update(request_basis="", signatures=None, voters=None, request_reason="")
            return
        basis = cleaned.get("request_basis")
        if not basis:
            self.add_error("request_basis", "Đối thoại đột xuất: hãy chọn căn cứ tổ chức.")
        elif basis == RequestBasis.VOTERS:
            cleaned["request_reason"] = cleaned.get("request_reason") or ""
            signatures, voters = cleaned.get("signatures"), cleaned.get("voters")
            if not signatures:
                self.add_error("signatures", "Hãy ghi số cử tri đã ký đề nghị.")
            if not voters:
                self.add_error("voters", "Hãy ghi tổng số cử tri của các thôn.")
            if signatures and voters:
                needed = -(-voters * REQUEST_PERCENT // 100)
                if signatures > voters:
                    self.add_error(
                        "signatures",
                        f"Số cử tri ký đề nghị ({_count(signatures)}) lớn hơn tổng số cử tri "
                        f"({_count(voters)}): hãy kiểm tra lại.",
                    )
                elif signatures < needed:
                    share = f"{100 * signatures / voters:.1f}".replace(".", ",")
                    self.add_error(
                        "signatures",
                        f"{_count(signatures)} cử tri ký đề nghị mới bằng {share}% trong "
                        f"{_count(voters)} cử tri của các thôn; luật cần từ {REQUEST_PERCENT}% "
                        f"({_count(needed)} cử tri) trở lên. Nếu xã thấy cần thiết vẫn tổ chức, "
                        "hãy chọn căn cứ «Ủy ban nhân dân xã thấy cần thiết» và ghi lý do.",
                    )
        else:
            cleaned.update(signatures=None, voters=None)
            if not (cleaned.get("request_reason") or "").strip():
                self.add_error("request_reason", "Hãy ghi lý do Ủy ban nhân dân xã tổ chức.")

    def clean(self):
        cleaned = super().clean()
        self._clean_request(cleaned)
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


class CopyPlanForm(forms.Form):
    """Where a copied dialogue goes: its year and meeting date; a confirmation when that
    year already has a dialogue for the same villages."""

    year = forms.IntegerField(
        label="Năm của cuộc đối thoại mới",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2027.",
            "min_value": "Năm phải từ 2000 trở đi.",
            "max_value": "Năm phải trước 2100.",
        },
    )
    meeting_date = forms.DateField(
        label="Ngày tổ chức hội nghị (dự kiến)",
        widget=DATE_WIDGET,
        help_text="Các hạn khác dời theo đúng khoảng cách như cuộc được sao chép.",
        error_messages={"invalid": "Ngày ghi theo ngày/tháng/năm, ví dụ 18/06/2027."},
    )
    confirm_same_villages = forms.BooleanField(
        label="Tôi biết năm đó đã có cuộc đối thoại cho các thôn này; vẫn tạo bản sao.",
        required=False,
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.overlaps = []

    def clean(self):
        cleaned = super().clean()
        year, meeting = cleaned.get("year"), cleaned.get("meeting_date")
        if year and meeting and meeting.year != year:
            self.add_error(
                "meeting_date",
                f"Ngày hội nghị {meeting:%d/%m/%Y} không thuộc năm {year}. "
                f"Hãy chọn một ngày trong năm {year}.",
            )
        if year:
            villages = set(self.source.villages.all())
            same = {village.pk for village in villages}
            self.overlaps = [
                (other, shared)
                for other, shared in overlapping_dialogues(
                    commune=self.source.commune, year=year, villages=villages
                )
                if {village.pk for village in other.villages.all()} == same
            ]
            if self.overlaps and not cleaned.get("confirm_same_villages"):
                self.add_error(
                    "confirm_same_villages",
                    f"Năm {year} đã có cuộc đối thoại cho đúng các thôn này. Hãy đánh dấu ô "
                    "này nếu vẫn muốn tạo thêm, hoặc chọn năm khác.",
                )
        return cleaned


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
