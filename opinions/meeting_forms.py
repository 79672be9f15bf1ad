"""Forms of the meeting day: registering to speak and the secretary's record."""

import uuid

from django import forms

from meetings.models import Unit

from .models import (
    Field,
    MeetingAnswer,
    OpinionKind,
    OpinionSource,
    Petition,
    SpeakerRequest,
)


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = SpeakerRequest
        fields = ["name", "village", "topic", "petition"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = plan.villages.all()
        self.fields["petition"].queryset = Petition.objects.filter(plan=plan).select_related(
            "field"
        )
        self.fields["petition"].label_from_instance = lambda p: p.text[:90]


class AnswerFields(forms.Form):
    answer_mode = forms.ChoiceField(
        label="Trả lời",
        choices=[("", "Chưa trả lời"), *MeetingAnswer.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="Nội dung trả lời", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    answer_unit = forms.ModelChoiceField(
        label="Cơ quan trả lời", queryset=Unit.objects.none(), required=False
    )
    followup = forms.CharField(
        label="Ý kiến tiếp sau khi nghe trả lời",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer_unit"].queryset = Unit.objects.for_commune(plan.commune)

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("answer_mode")
        if mode == MeetingAnswer.AGENCY and not cleaned.get("answer_unit"):
            self.add_error("answer_unit", "Hãy chọn cơ quan đã trả lời.")
        if (
            mode in (MeetingAnswer.CHAIR, MeetingAnswer.AGENCY)
            and not cleaned.get("answer", "").strip()
        ):
            self.add_error("answer", "Hãy ghi nội dung đã trả lời tại hội nghị.")
        return cleaned


class RecordForm(AnswerFields):
    """One opinion as the secretary records it; the token makes a retried save harmless."""

    # The queue's buttons send the text along (to keep it if typed); a browser "required"
    # check on it would stop them. The server checks what is required.
    use_required_attribute = False

    token = forms.UUIDField(widget=forms.HiddenInput)
    source = forms.ChoiceField(
        label="Nguồn",
        widget=forms.RadioSelect,
        initial=OpinionSource.SPEECH,
        choices=[
            (OpinionSource.SPEECH, "Phát biểu"),
            (OpinionSource.MEETING_SLIP, "Phiếu ghi ý kiến tại hội nghị"),
        ],
    )
    speaker = forms.ModelChoiceField(
        label="Người phát biểu", queryset=SpeakerRequest.objects.none(), required=False
    )
    village = forms.ModelChoiceField(label="Thôn", queryset=None)
    text = forms.CharField(
        label="Nội dung ý kiến (ghi đầy đủ)", widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(label="Loại", choices=OpinionKind.choices, initial=OpinionKind.REQUEST)
    field = forms.ModelChoiceField(label="Lĩnh vực", queryset=Field.objects.none())
    petition = forms.ModelChoiceField(
        label="Gắn với kiến nghị đã tổng hợp", queryset=Petition.objects.none(), required=False
    )
    new_petition = forms.CharField(
        label="hoặc tạo kiến nghị mới",
        required=False,
        max_length=1000,
        help_text="Để trống nếu đã chọn kiến nghị ở trên hoặc chưa cần tổng hợp.",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["speaker"].queryset = SpeakerRequest.objects.filter(plan=plan)
        self.fields["village"].queryset = plan.villages.all()
        self.fields["field"].queryset = Field.objects.for_commune(plan.commune)
        self.fields["petition"].queryset = Petition.objects.filter(plan=plan)
        self.fields["petition"].label_from_instance = lambda p: p.text[:90]
        self.fields["text"].error_messages["required"] = "Hãy ghi nội dung ý kiến."

    @classmethod
    def fresh(cls, *, plan, speaker=None):
        initial = {"token": uuid.uuid4(), "source": OpinionSource.SPEECH}
        if speaker:
            initial.update(
                speaker=speaker.pk, village=speaker.village_id, petition=speaker.petition_id
            )
        return cls(plan=plan, initial=initial)
