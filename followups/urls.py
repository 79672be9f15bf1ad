from django.urls import path

from .views import assignments, evaluation, notice, province, public, publication

app_name = "followups"

PLAN = "ke-hoach/<uuid:plan_id>/"
PUBLIC = "cong-khai/<slug:commune_slug>/"

urlpatterns = [
    path("tinh/", province.province, name="province"),
    path("tinh/tong-hop.xlsx", province.province_xlsx, name="province-xlsx"),
    path("tinh/tong-hop.pdf", province.province_pdf, name="province-pdf"),
    path("tinh/xa/<slug:commune_slug>/", province.province_commune, name="province-commune"),
    path("tinh/van-ban/<uuid:paper_id>.pdf", province.province_paper, name="province-paper"),
    path("bao-cao-dinh-ky/", province.periodic_report, name="periodic-report"),
    path(
        "bao-cao-dinh-ky/bao-cao.xlsx", province.periodic_report_xlsx, name="periodic-report-xlsx"
    ),
    path("bao-cao-dinh-ky/xem/", province.periodic_report_preview, name="periodic-report-preview"),
    path("bao-cao-dinh-ky/ban-hanh/", province.periodic_report_issue, name="periodic-report-issue"),
    path(PLAN + "danh-gia/", evaluation.evaluation, name="evaluation"),
    path(PLAN + "danh-gia/cuoc-hop/", evaluation.evaluation_meeting, name="evaluation-meeting"),
    path("kien-nghi/<uuid:petition_id>/quyet-dinh/", evaluation.decide, name="decide"),
    path(PLAN + "thong-bao-ket-luan/", notice.notice, name="notice"),
    path(PLAN + "thong-bao-ket-luan/xem/", notice.notice_preview, name="notice-preview"),
    path(PLAN + "thong-bao-ket-luan/duyet/", notice.notice_approve, name="notice-approve"),
    path(PLAN + "thong-bao-ket-luan/ban-hanh/", notice.notice_issue, name="notice-issue"),
    path(PLAN + "thong-bao-ket-luan/niem-yet.pdf", notice.notice_extracts, name="notice-extracts"),
    path(PLAN + "bao-cao-ket-qua/", notice.results_report_issue, name="results-report"),
    path(PLAN + "giao-viec/", assignments.assignment_list, name="assignments"),
    path("viec-duoc-giao/", assignments.my_assignments, name="my-assignments"),
    path(
        "giao-viec/<uuid:assignment_id>/", assignments.assignment_detail, name="assignment-detail"
    ),
    path("giao-viec/<uuid:assignment_id>/tra-loi/", assignments.reply, name="reply"),
    path("giao-viec/<uuid:assignment_id>/giam-sat/", assignments.supervise, name="supervise"),
    path("tra-loi/<uuid:reply_id>/tep/", assignments.reply_attachment, name="reply-attachment"),
    path("giao-viec/<uuid:assignment_id>/<slug:action>/", assignments.review, name="review"),
    path(PLAN + "niem-yet/", publication.postings, name="postings"),
    path(PLAN + "niem-yet/<int:village_id>/", publication.posting_confirm, name="posting-confirm"),
    path("tong-quan-giai-quyet/", publication.overview, name="overview"),
    path(PLAN + "ho-so/", publication.dossier, name="dossier"),
    path(PLAN + "ho-so/dong/", publication.dossier_close, name="dossier-close"),
    path(PLAN + "ho-so/mang-sang/", publication.dossier_carry_over, name="dossier-carry-over"),
    path(PLAN + "ho-so/mo-lai/", publication.dossier_reopen, name="dossier-reopen"),
    path(
        PLAN + "ho-so/bo-sung/<uuid:reply_id>/",
        publication.dossier_add_late_reply,
        name="dossier-add-late-reply",
    ),
    path(PLAN + "ho-so.zip", publication.dossier_download, name="dossier-download"),
    path(
        PLAN + "ho-so-lan-<int:version>.zip",
        publication.dossier_download,
        name="dossier-download-version",
    ),
    path(PLAN + "kinh-phi/", publication.budget, name="budget"),
    path(PLAN + "nhac-han/", publication.reminder_list, name="reminders"),
    path(PLAN + "kinh-phi/<slug:kind>.pdf", publication.budget_pdf, name="budget-pdf"),
    path("cong-khai/", public.public_communes, name="public-communes"),
    path(PUBLIC, public.public_plans, name="public-plans"),
    path(PUBLIC + "<int:year>/<int:number>/", public.public_plan, name="public-plan"),
    path(
        PUBLIC + "<int:year>/<int:number>/thong-bao.pdf",
        public.public_notice_pdf,
        name="public-notice",
    ),
    # Printed before a commune held several dialogues a year: the year's first dialogue.
    path(PUBLIC + "<int:year>/", public.public_plan, {"number": 1}, name="public-plan-of-year"),
    path(
        PUBLIC + "<int:year>/thong-bao.pdf",
        public.public_notice_pdf,
        {"number": 1},
        name="public-notice-of-year",
    ),
    path(PUBLIC + "tra-cuu/", public.public_lookup, name="public-lookup"),
]
