"""Forms of a citizen's request about their data."""

from django import forms
from django.utils import timezone

from meetings.forms import DATE_WIDGET

from .forms import check_phone
from .models import DataRequest, OpinionSlip, SpeakerRequest


class DataRequestForm(forms.ModelForm):
    class Meta:
        model = DataRequest
        fields = ["kind", "person_name", "person_phone", "details", "received_on", "needs_agency"]
        widgets = {
            "kind": forms.RadioSelect,
            "received_on": DATE_WIDGET,
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no empty radio

    def clean_person_phone(self):
        return check_phone(self.cleaned_data.get("person_phone", ""))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person_name", "").strip() and not cleaned.get("person_phone"):
            raise forms.ValidationError(
                "Hãy ghi họ tên hoặc số điện thoại của người yêu cầu: không có thì không tìm "
                "được dữ liệu của họ và không báo kết quả cho họ được."
            )
        if cleaned.get("received_on") and cleaned["received_on"] > timezone.localdate():
            self.add_error("received_on", "Ngày nhận yêu cầu không thể sau hôm nay.")
        return cleaned


class ChooseRecordsForm(forms.Form):
    slips = forms.ModelMultipleChoiceField(
        label="Phiếu của người này",
        queryset=OpinionSlip.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    speakers = forms.ModelMultipleChoiceField(
        label="Lượt đăng ký phát biểu của người này",
        queryset=SpeakerRequest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, slips, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slips"].queryset = OpinionSlip.objects.filter(pk__in=[s.pk for s in slips])
        self.fields["slips"].label_from_instance = _slip_label
        self.fields["speakers"].queryset = SpeakerRequest.objects.filter(
            pk__in=[s.pk for s in speakers]
        )
        self.fields["speakers"].label_from_instance = _speaker_label
        for name, found in (("slips", slips), ("speakers", speakers)):
            if not found:
                del self.fields[name]  # no empty heading on the page


def _slip_label(slip) -> str:
    who = slip.identity_label or ", ".join(
        part for part in (slip.name, slip.address, slip.phone) if part
    )
    return f"Đối thoại {slip.plan.label} · phiếu {slip.serial:04d} · thôn {slip.village} · {who}"


def _speaker_label(speaker) -> str:
    return f"Đối thoại {speaker.plan.label} · phát biểu: {speaker.name} ({speaker.topic or '…'})"


class CorrectionForm(forms.Form):
    name = forms.CharField(label="Họ và tên đúng", max_length=150, required=False)
    address = forms.CharField(label="Địa chỉ đúng", max_length=300, required=False)
    phone = forms.CharField(label="Số điện thoại đúng", max_length=20, required=False)

    def clean_phone(self):
        return check_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(k, "").strip() for k in ("name", "address", "phone")):
            raise forms.ValidationError("Hãy ghi ít nhất một thông tin cần sửa.")
        return cleaned


class ExtensionForm(forms.Form):
    reason = forms.CharField(
        label="Lý do gia hạn",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Gia hạn phải nêu lý do (ghi vào hồ sơ yêu cầu)."},
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label="Kết quả giải quyết",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi kết quả giải quyết, ví dụ ngày giao bản dữ liệu."},
    )
