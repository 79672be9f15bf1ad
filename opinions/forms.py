from django import forms
from django.utils.html import format_html

from kesat_dialogue.uploads import validate_upload
from kesat_dialogue.widgets import QuickSelect
from meetings.forms import DATE_WIDGET
from meetings.models import Unit, UnitKind, Village

from .models import (
    Answer,
    Field,
    Opinion,
    OpinionForm,
    OpinionKind,
    OpinionSlip,
    OpinionSource,
    OpinionStatus,
    Petition,
    RespondentKind,
)


class OpinionFormEditForm(forms.ModelForm):
    class Meta:
        model = OpinionForm
        fields = ["heading", "instructions", "questions"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 3})}


class PrintBlanksForm(forms.Form):
    villages = forms.ModelMultipleChoiceField(
        label="In cho các thôn",
        queryset=Village.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Hãy chọn ít nhất một thôn."},
    )
    copies = forms.IntegerField(
        label="Số bản mỗi thôn",
        min_value=1,
        max_value=100,
        initial=30,
        error_messages={
            "min_value": "In ít nhất 1 bản.",
            "max_value": "Mỗi lần in tối đa 100 bản một thôn; cần nhiều hơn thì in nhiều đợt.",
            "invalid": "Số bản phải là một số, ví dụ 30.",
        },
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = plan.villages.all()
        self.fields["villages"].initial = list(plan.villages.all())


def check_phone(phone: str) -> str:
    phone = phone.strip()
    digits = phone.replace(" ", "").replace(".", "").replace("-", "")
    if phone and not (digits.lstrip("+").isdigit() and 8 <= len(digits) <= 12):
        raise forms.ValidationError(
            "Số điện thoại chỉ gồm chữ số, ví dụ 0912 345 678. Để trống nếu không có."
        )
    return phone


class SlipForm(forms.ModelForm):
    consent = forms.BooleanField(
        label="Người góp ý đã đánh dấu ô «Đồng ý» cho lưu họ tên, địa chỉ, số điện thoại",
        required=False,
        help_text="Không đánh dấu: ý kiến vẫn được lưu, nhưng không lưu họ tên và liên lạc "
        "(như phiếu giấu tên).",
    )

    class Meta:
        model = OpinionSlip
        fields = [
            "serial",
            "village",
            "anonymous",
            "name",
            "address",
            "phone",
            "respondent",
            "collected_by",
            "collected_on",
        ]
        widgets = {
            "collected_on": DATE_WIDGET,
            "respondent": forms.RadioSelect,
            "serial": forms.NumberInput(attrs={"autofocus": True, "min": 1}),
        }
        error_messages = {
            "serial": {"invalid": "Số phiếu là số in ở góc phiếu, ví dụ 12."},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["village"].queryset = plan.villages.all()
        self.fields["collected_by"].queryset = Unit.objects.for_commune(plan.commune).filter(
            kind__in=[UnitKind.FRONT, UnitKind.MASS_ORGANISATION]
        )
        self.fields["collected_by"].empty_label = "Thôn (trưởng thôn thu phiếu)"
        self.fields["respondent"].choices = RespondentKind.choices
        if self.instance.pk:
            self.fields["consent"].initial = bool(self.instance.consent)
        # Erased or restricted on the person's request: the form neither shows nor writes them.
        self.identity_locked = self.instance.identity_label if self.instance.pk else ""
        if self.instance.identity_erased_at or self.instance.identity_restricted_at:
            for name in ("consent", "anonymous", "name", "address", "phone"):
                del self.fields[name]

    def clean_serial(self):
        serial = self.cleaned_data["serial"]
        existing = OpinionSlip.objects.filter(plan=self.plan, serial=serial)
        if self.instance.pk:
            existing = existing.exclude(pk=self.instance.pk)
        slip = existing.first()
        if slip:
            raise forms.ValidationError(
                format_html(
                    'Phiếu số {} đã được nhập (thôn {}). <a href="{}">Mở phiếu đã nhập</a> '
                    "để sửa, hoặc kiểm tra lại số phiếu.",
                    serial,
                    slip.village,
                    slip.get_absolute_url(),
                )
            )
        return serial

    def clean_phone(self):
        return check_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            # The person asked to stay anonymous: their identity is not kept at all.
            for name in ("name", "address", "phone"):
                cleaned[name] = ""
        return cleaned


class OpinionEntryForm(forms.Form):
    text = forms.CharField(
        label="Nội dung ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label="Loại", choices=OpinionKind.choices, initial="request")
    field = forms.ModelChoiceField(label="Lĩnh vực", queryset=Field.objects.none())

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.for_commune(commune)
        self.fields["field"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("text", "").strip() and not cleaned.get("field"):
            self.add_error("field", "Hãy chọn lĩnh vực cho ý kiến này.")
        return cleaned

    def opinion_data(self) -> dict | None:
        text = self.cleaned_data.get("text", "").strip()
        if not text:
            return None
        return {
            "text": text,
            "kind": self.cleaned_data["kind"],
            "field_id": self.cleaned_data["field"].pk,
        }


class BaseOpinionEntryFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": "Một phiếu ghi tối đa %(num)d ý kiến; hãy nhập phần còn lại thành "
        "phiếu khác.",
    }

    def clean(self):
        if any(self.errors):
            return
        if not self.opinions():
            raise forms.ValidationError("Phiếu cần ít nhất một ý kiến có nội dung.")

    def opinions(self) -> list[dict]:
        return [data for form in self.forms if (data := form.opinion_data())]


OPINIONS_PER_SLIP = 20
# absolute_max: a forged form count builds no more forms than a slip can hold.
OpinionEntryFormSet = forms.formset_factory(
    OpinionEntryForm,
    formset=BaseOpinionEntryFormSet,
    extra=3,
    max_num=OPINIONS_PER_SLIP,
    absolute_max=OPINIONS_PER_SLIP,
    validate_max=True,
)


class OpinionFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (không cần dấu)", required=False, max_length=200)
    # Ids among the plan's villages and the commune's fields, listed from rows already read
    # (the plan's villages) or read as plain pairs, not as models: a filter bar on the page
    # read most.
    village = forms.TypedChoiceField(
        label="Thôn", coerce=int, empty_value=None, required=False, widget=QuickSelect
    )
    field = forms.TypedChoiceField(
        label="Lĩnh vực", coerce=int, empty_value=None, required=False, widget=QuickSelect
    )
    kind = forms.ChoiceField(
        label="Loại",
        choices=[("", "Tất cả"), *OpinionKind.choices],
        required=False,
        widget=QuickSelect,
    )
    source = forms.ChoiceField(
        label="Nguồn",
        choices=[("", "Tất cả"), *OpinionSource.choices],
        required=False,
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label="Trạng thái",
        choices=[("", "Tất cả"), *OpinionStatus.choices],
        required=False,
        widget=QuickSelect,
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.village_names = {village.pk: village.name for village in plan.villages.all()}
        self.field_names = dict(Field.objects.for_commune(plan.commune).values_list("pk", "name"))
        everything = [("", "Tất cả")]
        self.fields["village"].choices = everything + list(self.village_names.items())
        self.fields["field"].choices = everything + list(self.field_names.items())
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def filter(self, opinions):
        if not self.is_valid():
            return opinions
        data = self.cleaned_data
        opinions = opinions.matching(data["q"])
        for name in ("village", "field"):
            if data[name]:
                opinions = opinions.filter(**{f"{name}_id": data[name]})
        for name in ("kind", "source"):
            if data[name]:
                opinions = opinions.filter(**{name: data[name]})
        return opinions.with_status(data["status"]) if data["status"] else opinions


class PetitionForm(forms.ModelForm):
    class Meta:
        model = Petition
        fields = ["text", "field", "unit"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"text": "Một câu nêu rõ Nhân dân đề nghị gì, ở đâu."}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.for_commune(plan.commune)
        self.fields["unit"].queryset = Unit.objects.for_commune(plan.commune)


class MergeForm(PetitionForm):
    opinions = forms.ModelMultipleChoiceField(
        label="Các ý kiến gộp vào kiến nghị",
        queryset=Opinion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Hãy chọn ít nhất một ý kiến để tổng hợp."},
    )

    class Meta(PetitionForm.Meta):
        pass

    def __init__(self, *args, plan, mergeable, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["opinions"].queryset = mergeable


class AttachToPetitionForm(forms.Form):
    opinions = forms.ModelMultipleChoiceField(
        label="Thêm các ý kiến",
        queryset=Opinion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Hãy chọn ít nhất một ý kiến."},
    )

    def __init__(self, *args, mergeable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinions"].queryset = mergeable


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["text", "letter_number", "letter_date", "attachment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), "letter_date": DATE_WIDGET}

    def clean_attachment(self):
        return validate_attachment(self.cleaned_data.get("attachment"))


def validate_attachment(upload):
    return validate_upload(upload)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx) theo mẫu",
        error_messages={"required": "Hãy chọn tệp Excel để tải lên."},
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "Chỉ nhận tệp Excel .xlsx. Nếu tệp là .xls hoặc .csv, hãy mở bằng Excel và "
                "lưu lại dưới dạng .xlsx."
            )
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                f"Tệp nặng {upload.size / 1024 / 1024:.1f} MB; tối đa 5 MB (khoảng 20.000 dòng)."
            )
        if upload.read(4) != b"PK\x03\x04":
            raise forms.ValidationError(
                "Tệp không đọc được như một tệp Excel .xlsx (có thể bị hỏng hoặc đổi tên). "
                "Hãy tải mẫu và điền lại."
            )
        upload.seek(0)
        return upload
