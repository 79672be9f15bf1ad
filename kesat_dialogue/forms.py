from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .signing_models import CertificateKind, CopyKind, SigningCertificate


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại; mật khẩu phân biệt "
            "chữ hoa và chữ thường."
        ),
        "inactive": "Tài khoản này đã bị khóa. Hãy liên hệ Văn phòng HĐND và UBND xã.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class SigningForm(forms.Form):
    """Which certificate, and its password: asked at each signing, never kept."""

    certificate = forms.ModelChoiceField(label="Chứng thư số", queryset=None, empty_label=None)
    password = forms.CharField(
        label="Mật khẩu của chứng thư số",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "Hãy nhập mật khẩu của chứng thư số."},
    )

    def __init__(self, *args, user, paper, seal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        mine = SigningCertificate.objects.filter(commune=paper.commune)
        if seal:
            mine = mine.filter(kind=CertificateKind.ORGANISATION)
        else:
            mine = mine.filter(kind=CertificateKind.PERSON, holder=user)
        self.fields["certificate"].queryset = mine.order_by("label")
        self.fields["certificate"].widget.attrs["class"] = "form-select"
        self.fields["password"].widget.attrs["class"] = "form-control"
        self.fields["certificate"].error_messages["required"] = (
            "Chưa có chứng thư số nào để ký: hãy nhờ quản trị nạp chứng thư."
        )


class CopyForm(SigningForm):
    """An electronic copy (or an appendix in a file of its own): its kind, and the
    organisation's certificate."""

    kind = forms.ChoiceField(label="Hình thức", choices=())
    pages = forms.CharField(
        label="Trang cần trích (trích sao)",
        required=False,
        max_length=100,
        help_text="Ví dụ: 1-2, 4",
    )
    appendix = forms.FileField(label="Tệp PDF phụ lục (phụ lục tệp riêng)", required=False)

    field_order = ["kind", "pages", "appendix", "certificate", "password"]

    def __init__(self, *args, user, paper, **kwargs):
        super().__init__(*args, user=user, paper=paper, seal=True, prefix="sao", **kwargs)
        self.fields["kind"].choices = CopyKind.choices
        self.fields["kind"].widget.attrs["class"] = "form-select"
        self.fields["pages"].widget.attrs["class"] = "form-control"
        self.fields["appendix"].widget.attrs.update(
            {"class": "form-control", "accept": "application/pdf"}
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == CopyKind.EXTRACT and not data.get("pages"):
            self.add_error("pages", "Trích sao: hãy ghi các trang cần trích, ví dụ 1-2, 4.")
        appendix = data.get("appendix")
        if data.get("kind") == CopyKind.APPENDIX:
            if appendix is None:
                self.add_error("appendix", "Hãy chọn tệp PDF của phụ lục.")
            elif appendix.size > 20 * 1024 * 1024 or appendix.read(5) != b"%PDF-":
                self.add_error("appendix", "Phụ lục phải là tệp PDF, không quá 20 MB.")
            else:
                appendix.seek(0)
        return data


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="Tệp PDF cần kiểm tra",
        error_messages={"required": "Hãy chọn tệp PDF đã ký số.", "empty": "Tệp rỗng."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 20 MB: không phải văn bản của xã.")
        return upload


class LookupForm(forms.Form):
    commune_slug = forms.SlugField(label="Mã xã (trên đường dẫn trang công khai)", max_length=80)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    symbol = forms.CharField(label="Số, ký hiệu (ví dụ 01/TB-UBND)", max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
