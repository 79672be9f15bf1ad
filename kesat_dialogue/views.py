import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import access, notifications, papers, privacy, signing, tenancy, throttle, verification, word
from .access import staff_view
from .celery import app as celery_app
from .forms import CopyForm, LookupForm, SigningForm, VerifyForm
from .models import Commune, IdentityView, Notification, Paper, PaperCode, PaperCopy
from .tenancy import scoped

log = logging.getLogger(__name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class RegisterFilter(forms.Form):
    year = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2026.",
            "min_value": "Năm phải từ 2000 trở đi.",
            "max_value": "Năm phải trước 2100.",
        },
    )
    code = forms.ChoiceField(
        label="Loại văn bản",
        choices=[("", "Tất cả"), *PaperCode.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Loại văn bản không có trong danh sách; hãy chọn lại."},
    )
    q = forms.CharField(
        label="Trích yếu có chứa",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


@staff_view("register.view")
def register(request):
    form = RegisterFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or timezone.localdate().year
    entries = scoped(request, Paper).for_year(year).select_related("issued_by", "replaces")
    if filters.get("code"):
        entries = entries.filter(code=filters["code"])
    if filters.get("q"):
        entries = entries.filter(subject__icontains=filters["q"])
    entries = entries.defer(*Paper.CONTENT_FIELDS).order_by("code", "number")
    context = {
        "form": form,
        "year": year,
        "entries": entries,
        "filtered": bool(filters.get("code") or filters.get("q")),
    }
    return render(request, "kesat_dialogue/register.html", context)


@staff_view()
def paper_download(request, paper_id):
    paper = access.fetch(request, "paper.download", Paper, public_id=paper_id)
    return papers.pdf_response(bytes(paper.pdf), paper.filename)


@staff_view()
def paper_signed(request, paper_id):
    """The signed paper: the record once both signatures are on it."""
    paper = access.fetch(request, "paper.download", Paper, public_id=paper_id)
    if not paper.signed_sha256:
        raise Http404("Văn bản chưa được ký số đủ.")
    return papers.pdf_response(bytes(paper.signed_pdf), paper.signed_filename)


def _signing_steps(user, paper) -> tuple[bool, bool]:
    """What this user may do on the paper now: sign first, or seal after the signature."""
    may_sign = access.can(user, "paper.sign", paper) and not paper.signatures.exists()
    may_seal = (
        access.can(user, "paper.seal", paper)
        and paper.signatures.filter(order=1).exists()
        and not paper.signed_sha256
    )
    return may_sign, may_seal


def _signing_page(request, paper, *, form=None, copy_form=None):
    may_sign, may_seal = _signing_steps(request.user, paper)
    if form is None and (may_sign or may_seal):
        form = SigningForm(user=request.user, paper=paper, seal=may_seal)
    if copy_form is None and access.can(request.user, "paper.seal", paper):
        copy_form = CopyForm(user=request.user, paper=paper)
    context = {
        "paper": paper,
        "signatures": paper.signatures.select_related("signed_by"),
        "form": form,
        "sealing": may_seal,
        "copies": paper.copies.defer("pdf"),
        "copy_form": copy_form,
    }
    return render(request, "kesat_dialogue/paper_sign.html", context)


def _attempt(form, act, paper, by, **extra):
    """Sign as the form says; a refusal goes to the form, in Vietnamese. True when done."""
    try:
        act(
            paper,
            certificate=form.cleaned_data["certificate"],
            password=form.cleaned_data["password"],
            by=by,
            **extra,
        )
    except signing.SigningRefused as refusal:
        form.add_error(None, str(refusal))
        return False
    return True


@staff_view()
def paper_sign(request, paper_id):
    """Sign (the person with authority) or seal (the clerk) an issued paper."""
    paper = access.fetch(request, "paper.download", Paper, public_id=paper_id)
    may_sign, may_seal = _signing_steps(request.user, paper)
    if request.method != "POST" or not (may_sign or may_seal):
        return _signing_page(request, paper)
    form = SigningForm(request.POST, user=request.user, paper=paper, seal=may_seal)
    act = signing.seal if may_seal else signing.sign_as_person
    if form.is_valid() and _attempt(form, act, paper, request.user):
        done = "Đã đóng dấu, văn bản đã ký số đủ." if may_seal else "Đã ký. Văn thư đóng dấu."
        messages.success(request, done)
        return redirect("paper-sign", paper.public_id)
    return _signing_page(request, paper, form=form)


@staff_view()
@require_POST
def paper_copy(request, paper_id):
    """An electronic copy, signed by the organisation (its clerk)."""
    paper = access.fetch(request, "paper.seal", Paper, public_id=paper_id)
    form = CopyForm(request.POST, request.FILES, user=request.user, paper=paper)
    if form.is_valid() and _attempt(
        form,
        signing.certify_copy,
        paper,
        request.user,
        kind=form.cleaned_data["kind"],
        pages=form.cleaned_data["pages"],
        appendix=form.cleaned_data["appendix"].read() if form.cleaned_data["appendix"] else None,
    ):
        messages.success(request, "Đã sao và ký số bản sao điện tử.")
        return redirect("paper-sign", paper.public_id)
    return _signing_page(request, paper, copy_form=form)


@staff_view()
def paper_copy_download(request, copy_id):
    """A copy is read by who may read its paper."""
    copy = tenancy.get_scoped_or_404(
        request, PaperCopy.objects.select_related("paper"), public_id=copy_id
    )
    access.require(request.user, "paper.download", copy.paper)
    return papers.pdf_response(bytes(copy.pdf), copy.filename)


def verify(request):
    """Public: is a signed paper intact, who signed it, and is it the register's?"""
    form = VerifyForm(request.POST or None, request.FILES or None)
    lookup = LookupForm(request.GET or None)
    verdict = found = None
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(request, "verify", settings.LOOKUP_TRIES_PER_MINUTE):
            form.add_error(None, "Quá nhiều lượt kiểm tra trong một phút; xin thử lại sau.")
        else:
            verdict = verification.verify(form.cleaned_data["file"].read())
    elif lookup.is_valid():
        found = verification.find(**lookup.cleaned_data)
    context = {"form": form, "lookup": lookup, "verdict": verdict, "found": found}
    return render(request, "kesat_dialogue/verify.html", context)


@staff_view()
def paper_docx(request, paper_id):
    """The paper's Word twin, a draft for last edits: the issued PDF stays the record."""
    paper = access.fetch(request, "paper.download", Paper, public_id=paper_id)
    response = HttpResponse(word.docx_of(paper), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{paper.docx_filename}"'
    return response


@staff_view()
def notification_list(request):
    """The user's notices; reading the list marks nothing (a GET changes no state)."""
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(
        request.GET.get("trang")
    )
    unread = Notification.objects.filter(user=request.user).unread().exists()
    return render(request, "kesat_dialogue/notifications.html", {"page": page, "unread": unread})


@require_POST
@staff_view()
def notification_open(request, notification_id):
    """Open a notice: it is read now, and the user goes where it points."""
    notice = get_object_or_404(Notification, pk=notification_id, user=request.user)
    notifications.mark_read(notice)
    if notice.url and url_has_allowed_host_and_scheme(notice.url, {request.get_host()}):
        return redirect(notice.url)
    return redirect("notifications")


@require_POST
@staff_view()
def notifications_read(request):
    notifications.mark_all_read(request.user)
    return redirect("notifications")


def healthz(request):
    """200 when the database and the broker answer; 503 naming the one that does not."""
    checks = {"database": _database_answers(), "broker": _broker_answers()}
    body = {name: "ok" if fine else "không trả lời" for name, fine in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means "not answering"; the details stay in the logs
        log.warning("health check: database not answering", exc_info=True)
        return False


def _broker_answers() -> bool:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=1)
        return True
    except Exception:
        log.warning("health check: broker not answering", exc_info=True)
        return False


# --- Personal data: the commune's notice -------------------------------------------------


class PrivacyNoticeForm(forms.Form):
    text = forms.CharField(
        label="Nội dung thông báo",
        widget=forms.Textarea(attrs={"rows": 14, "class": "form-control"}),
        error_messages={"required": "Hãy ghi nội dung thông báo; không để trống."},
        help_text="Mỗi lần lưu là một phiên bản mới; các phiên bản cũ được giữ cùng các đồng ý "
        "đã ghi nhận theo chúng.",
    )


def privacy_index(request):
    """Public: every commune's notice, for the login page's link."""
    with tenancy.all_communes("the public reads every commune's privacy notice"):
        communes = list(Commune.objects.order_by("name"))
    return render(request, "kesat_dialogue/privacy_index.html", {"communes": communes})


def privacy_notice(request, commune_slug):
    """Public: the commune's notice in force, with its version."""
    with tenancy.all_communes("the public reads a commune's privacy notice"):
        commune = get_object_or_404(Commune, slug=commune_slug)
        with tenancy.commune_scope(commune):
            notice = privacy.current(commune)
    return render(
        request,
        "kesat_dialogue/privacy_notice.html",
        {"commune": commune, "notice": notice, "paragraphs": notice.text.splitlines()},
    )


@staff_view("privacy.edit")
def privacy_edit(request):
    commune = request.user.commune
    notice = privacy.current(commune)
    form = PrivacyNoticeForm(request.POST or None, initial={"text": notice.text})
    if request.method == "POST" and form.is_valid():
        published = privacy.publish(commune, form.cleaned_data["text"], by=request.user)
        messages.success(request, f"Đã công bố thông báo phiên bản {published.version}.")
        return redirect("privacy-edit")
    return render(
        request,
        "kesat_dialogue/privacy_edit.html",
        {"form": form, "notice": notice, "commune": commune},
        status=400 if request.method == "POST" else 200,
    )


@staff_view("privacy.log")
def identity_log(request):
    """Who looked at whose name, address or phone, and when: newest first."""
    entries = scoped(request, IdentityView).select_related("user")
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(subjects__icontains=query)
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    return render(request, "kesat_dialogue/identity_log.html", {"page": page, "query": query})
