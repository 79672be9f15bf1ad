from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kesat_dialogue import access, papers, todo, workdays
from kesat_dialogue.access import require, staff_view
from kesat_dialogue.htmx import is_htmx
from kesat_dialogue.tenancy import scoped

from .. import documents, plan_texts, services
from ..forms import CopyPlanForm, PlanForm
from ..models import DialoguePlan, Milestone, Village
from ..schedule import MilestoneKind, describe_state
from .base import plan_for


def _timeline_context(request, plan):
    today = timezone.localdate()
    rows = []
    for milestone in plan.milestone_list():
        state = milestone.state(today)
        rows.append((milestone, state, describe_state(state, milestone.days_left(today))))
    warnings = plan.law_warnings() + plan.day_off_warnings(workdays.calendar())
    return {"plan": plan, "today": today, "rows": rows, "warnings": warnings}


@staff_view()
def dashboard(request):
    """The start page: the user's to-do list across the commune's running dialogues, most
    urgent first; the running dialogues; archived ones below."""
    today = timezone.localdate()
    plans = scoped(request, DialoguePlan).with_steps().in_order()
    running = [plan for plan in plans if not plan.is_closed]
    archived = [plan for plan in plans if plan.is_closed]
    context = {
        "items": todo.items_for(request.user, running, today),
        "running": running,
        "archived": archived,
        "today": today,
    }
    return render(request, "meetings/dashboard.html", context)


@staff_view()
def plan_list(request):
    plans = scoped(request, DialoguePlan).in_order().prefetch_related("villages", "milestones")
    return render(request, "meetings/plan_list.html", {"plans": plans})


def _warn_about_shared_villages(request, plan) -> None:
    """A village may be in several dialogues of a year: say so, it may be a slip."""
    for other, shared in services.overlapping_dialogues(
        commune=plan.commune, year=plan.year, villages=plan.villages.all(), exclude=plan
    ):
        messages.warning(
            request,
            f"Thôn {', '.join(shared)} cũng có trong cuộc đối thoại {other.label}. "
            "Nếu không đúng ý, hãy sửa danh sách thôn.",
        )


@staff_view()
def plan_detail(request, plan_id):
    plan = plan_for(request, plan_id, queryset=DialoguePlan.objects.with_timeline())
    return render(request, "meetings/plan_detail.html", _timeline_context(request, plan))


@staff_view()
def plan_create(request):
    require(request.user, "plan.manage")
    year = timezone.localdate().year
    form = PlanForm(
        request.POST or None,
        commune=request.commune,
        instance=DialoguePlan(commune=request.commune),
        initial={
            "year": year,
            "plan_date": timezone.localdate(),
            "villages": scoped(request, Village),
            **plan_texts.defaults(year),
        },
    )
    if form.is_valid():
        plan = services.create_plan(
            plan=form.save(commit=False),
            villages=form.cleaned_data["villages"],
            meeting_date=form.cleaned_data["meeting_date"],
            due_dates=form.typed_due_dates(),
        )
        messages.success(request, f"Đã tạo kế hoạch cuộc đối thoại {plan.label}.")
        _warn_about_shared_villages(request, plan)
        return redirect(plan)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/plan_form.html", {"form": form, "plan": None}, status=status)


@staff_view()
def plan_edit(request, plan_id):
    plan = plan_for(request, plan_id, "plan.manage", DialoguePlan.objects.with_timeline())
    form = PlanForm(request.POST or None, commune=request.commune, instance=plan)
    if form.is_valid():
        services.update_plan(
            plan=form.save(commit=False),
            villages=form.cleaned_data["villages"],
            meeting_date=form.cleaned_data["meeting_date"],
            due_dates=form.typed_due_dates(),
        )
        messages.success(request, "Đã lưu kế hoạch.")
        _warn_about_shared_villages(request, plan)
        return redirect(plan)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/plan_form.html", {"form": form, "plan": plan}, status=status)


@staff_view()
def plan_copy(request, plan_id):
    """Start from any dialogue, archived ones too: a new draft with its villages, texts,
    composition and questions, dates moved to the new meeting date."""
    plan = plan_for(request, plan_id, "plan.copy", DialoguePlan.objects.with_timeline())
    today = timezone.localdate()
    year = services.copy_year_for(plan, today)
    form = CopyPlanForm(
        request.POST or None,
        source=plan,
        initial={"year": year, "meeting_date": services.copy_meeting_date_for(plan, year, today)},
    )
    if form.is_valid():
        new_plan = services.copy_plan(
            plan=plan,
            year=form.cleaned_data["year"],
            meeting_date=form.cleaned_data["meeting_date"],
            by=request.user,
        )
        messages.success(
            request,
            f"Đã tạo dự thảo kế hoạch cuộc đối thoại {new_plan.label} từ cuộc {plan.label}. "
            "Hãy xem lại từng mục rồi lưu.",
        )
        return redirect("meetings:plan-edit", plan_id=new_plan.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"plan": plan, "form": form}
    return render(request, "meetings/plan_copy.html", context, status=status)


def _milestone_for_owner(request, plan_id, kind):
    return access.fetch(
        request,
        "milestone.complete",
        Milestone.objects.select_related("plan"),
        plan__public_id=plan_id,
        kind=kind if kind in MilestoneKind.values else None,
    )


def _after_milestone_change(request, milestone):
    if is_htmx(request):
        plan = DialoguePlan.objects.with_timeline().get(pk=milestone.plan_id)
        return render(request, "meetings/_timeline.html#timeline", _timeline_context(request, plan))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect(milestone.plan)


@require_POST
@staff_view()
def milestone_complete(request, plan_id, kind):
    milestone = _milestone_for_owner(request, plan_id, kind)
    milestone.mark_done(by=request.user)
    messages.success(request, f"Đã đánh dấu hoàn thành: {milestone.get_kind_display()}.")
    return _after_milestone_change(request, milestone)


@require_POST
@staff_view()
def milestone_reopen(request, plan_id, kind):
    milestone = _milestone_for_owner(request, plan_id, kind)
    milestone.reopen()
    messages.info(request, f"Đã bỏ đánh dấu hoàn thành: {milestone.get_kind_display()}.")
    return _after_milestone_change(request, milestone)


@staff_view()
def plan_paper_preview(request, plan_id):
    plan = plan_for(request, plan_id, queryset=DialoguePlan.objects.with_timeline())
    html = plan.paper.html if plan.paper else documents.plan_paper_html(plan)
    return HttpResponse(papers.for_browser(html))


@staff_view("paper.download")
def plan_paper_pdf(request, plan_id):
    plan = plan_for(request, plan_id, queryset=DialoguePlan.objects.with_timeline())
    if plan.paper:
        return papers.pdf_response(bytes(plan.paper.pdf), plan.paper.filename)
    return papers.pdf_response(
        documents.plan_draft_pdf(plan), f"du-thao-ke-hoach-{plan.file_tag}.pdf"
    )


@require_POST
@staff_view()
def plan_issue(request, plan_id):
    plan = plan_for(request, plan_id, "paper.issue", DialoguePlan.objects.with_timeline())
    corrected = plan.paper
    paper = services.issue_plan(plan=plan, by=request.user)
    what = f"bản thay thế văn bản số {corrected.symbol}" if corrected else "kế hoạch"
    messages.success(
        request,
        f"Đã ban hành {what}: số {paper.symbol} ngày {paper.issued_on:%d/%m/%Y}. "
        "Bản PDF đã được lưu và không thay đổi nữa.",
    )
    return redirect(plan)
