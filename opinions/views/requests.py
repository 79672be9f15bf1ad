"""Citizens' requests about their data: the register, one request's page and its answers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesat_dialogue import papers, privacy, workdays
from kesat_dialogue.access import fetch, staff_view
from kesat_dialogue.tenancy import scoped

from .. import data_requests
from ..models import DataRequest, RequestKind
from ..request_forms import (
    ChooseRecordsForm,
    CloseForm,
    CorrectionForm,
    DataRequestForm,
    ExtensionForm,
)

RULE = "privacy.requests"


def _get(request, request_id) -> DataRequest:
    return fetch(
        request, RULE, DataRequest.objects.select_related("registered_by"), public_id=request_id
    )


@staff_view(RULE)
def data_request_list(request):
    rows = scoped(request, DataRequest).select_related("registered_by")
    return render(
        request,
        "opinions/data_request_list.html",
        {"open": list(rows.open()), "done": list(rows.filter(status="done")[:50])},
    )


@staff_view(RULE)
def data_request_create(request):
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = data_requests.register(
            form.save(commit=False), commune=request.user.commune, by=request.user
        )
        messages.success(
            request,
            f"Đã tiếp nhận yêu cầu số {created.number}: báo nhận trước "
            f"{workdays.describe(created.ack_due)}, giải quyết xong trước "
            f"{workdays.describe(created.due_on)}.",
        )
        return redirect(created)
    return render(
        request,
        "opinions/data_request_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _page(request, data_request, status=200, **forms):
    slips = list(data_requests.candidate_slips(data_request))
    speakers = data_requests.candidate_speakers(data_request)
    chosen = {
        "slips": list(data_request.slips.values_list("pk", flat=True)),
        "speakers": list(data_request.speakers.values_list("pk", flat=True)),
    }
    privacy.record_view(request, f"Yêu cầu về dữ liệu cá nhân số {data_request.number}", slips)
    context = {
        "data_request": data_request,
        "candidates": slips,
        "choose_form": forms.get("choose_form")
        or ChooseRecordsForm(initial=chosen, slips=slips, speakers=speakers),
        "correction_form": forms.get("correction_form") or CorrectionForm(),
        "extension_form": forms.get("extension_form") or ExtensionForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "chosen_count": len(chosen["slips"]) + len(chosen["speakers"]),
        "kinds": RequestKind,
        "today": timezone.localdate(),
    }
    return render(request, "opinions/data_request_detail.html", context, status=status)


@staff_view(RULE)
def data_request_detail(request, request_id):
    return _page(request, _get(request, request_id))


@require_POST
@staff_view(RULE)
def data_request_acknowledge(request, request_id):
    data_request = _get(request, request_id)
    data_request.acknowledge(timezone.localdate())
    messages.success(request, "Đã ghi nhận: người yêu cầu được báo là yêu cầu đã được nhận.")
    return redirect(data_request)


@require_POST
@staff_view(RULE)
def data_request_choose(request, request_id):
    data_request = _get(request, request_id)
    form = ChooseRecordsForm(
        request.POST,
        slips=data_requests.candidate_slips(data_request),
        speakers=data_requests.candidate_speakers(data_request),
    )
    if not form.is_valid():
        return _page(request, data_request, status=400, choose_form=form)
    slips, speakers = form.cleaned_data.get("slips", []), form.cleaned_data.get("speakers", [])
    data_requests.choose(data_request, slips=slips, speakers=speakers)
    count = len(slips) + len(speakers)
    messages.success(request, f"Đã lưu {count} bản ghi là của người yêu cầu.")
    return redirect(data_request)


@require_POST
@staff_view(RULE)
def data_request_extend(request, request_id):
    data_request = _get(request, request_id)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        return _page(request, data_request, status=400, extension_form=form)
    try:
        data_request.extend(form.cleaned_data["reason"], workdays.calendar())
    except ValueError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Đã gia hạn đến {workdays.describe(data_request.due_on)}.")
    return redirect(data_request)


@staff_view(RULE)
def data_request_pdf(request, request_id):
    data_request = _get(request, request_id)
    found = data_requests.held(data_request)
    privacy.record_view(
        request, f"Bản dữ liệu cá nhân – yêu cầu số {data_request.number}", found.slips
    )
    pdf = data_requests.held_data_pdf(data_request, by=request.user, found=found)
    return papers.pdf_response(pdf, f"du-lieu-ca-nhan-yeu-cau-{data_request.number}.pdf")


def _refuse_if_done(request, data_request):
    if data_request.is_done:
        messages.error(request, "Yêu cầu này đã giải quyết xong; không làm lại được.")
        return redirect(data_request)
    if not data_request.slips.exists() and not data_request.speakers.exists():
        messages.error(
            request, "Hãy chọn và lưu các phiếu của người yêu cầu trước (mục «Dữ liệu đang lưu»)."
        )
        return redirect(data_request)
    return None


@require_POST
@staff_view(RULE)
def data_request_correct(request, request_id):
    data_request = _get(request, request_id)
    if refused := _refuse_if_done(request, data_request):
        return refused
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _page(request, data_request, status=400, correction_form=form)
    count = data_requests.correct(data_request, **form.cleaned_data, today=timezone.localdate())
    messages.success(request, f"Đã sửa {count} phiếu; yêu cầu đã giải quyết xong.")
    return redirect(data_request)


@staff_view(RULE)
def data_request_erase(request, request_id):
    """A confirmation first: what goes, and what is kept."""
    data_request = _get(request, request_id)
    if refused := _refuse_if_done(request, data_request):
        return refused
    if request.method == "POST" and request.POST.get("xac-nhan"):
        erased, speakers = data_requests.erase(data_request, today=timezone.localdate())
        messages.success(
            request,
            f"Đã xóa họ tên, liên lạc trên {erased} phiếu và {speakers} lượt phát biểu; "
            "yêu cầu đã giải quyết xong.",
        )
        return redirect(data_request)
    held = data_requests.held(data_request)
    privacy.record_view(request, f"Xác nhận xóa – yêu cầu số {data_request.number}", held.slips)
    return render(
        request,
        "opinions/data_request_erase.html",
        {"data_request": data_request, "held": held},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_view(RULE)
def data_request_restrict(request, request_id):
    data_request = _get(request, request_id)
    if refused := _refuse_if_done(request, data_request):
        return refused
    count = data_requests.restrict(data_request, today=timezone.localdate())
    messages.success(request, f"Đã hạn chế xử lý {count} phiếu; yêu cầu đã giải quyết xong.")
    return redirect(data_request)


@require_POST
@staff_view(RULE)
def data_request_close(request, request_id):
    data_request = _get(request, request_id)
    form = CloseForm(request.POST)
    if data_request.is_done or not form.is_valid():
        return _page(request, data_request, status=400, close_form=form)
    data_request.close(form.cleaned_data["outcome"], timezone.localdate())
    messages.success(request, f"Yêu cầu số {data_request.number} đã giải quyết xong.")
    return redirect(data_request)
