from django.urls import path

from .views import (
    answers,
    console,
    form,
    imports,
    minutes,
    petitions,
    requests,
    slips,
    statistics,
    synthesis,
)

app_name = "opinions"

PLAN = "ke-hoach/<uuid:plan_id>/"

REQUEST = "yeu-cau-du-lieu/<uuid:request_id>/"

urlpatterns = [
    path("yeu-cau-du-lieu/", requests.data_request_list, name="data-requests"),
    path("yeu-cau-du-lieu/moi/", requests.data_request_create, name="data-request-create"),
    path(REQUEST, requests.data_request_detail, name="data-request"),
    path(REQUEST + "bao-nhan/", requests.data_request_acknowledge, name="data-request-ack"),
    path(REQUEST + "chon/", requests.data_request_choose, name="data-request-choose"),
    path(REQUEST + "gia-han/", requests.data_request_extend, name="data-request-extend"),
    path(REQUEST + "du-lieu.pdf", requests.data_request_pdf, name="data-request-pdf"),
    path(REQUEST + "sua/", requests.data_request_correct, name="data-request-correct"),
    path(REQUEST + "xoa/", requests.data_request_erase, name="data-request-erase"),
    path(REQUEST + "han-che/", requests.data_request_restrict, name="data-request-restrict"),
    path(REQUEST + "xong/", requests.data_request_close, name="data-request-close"),
    path(PLAN + "mau-phieu/", form.opinion_form, name="form"),
    path(PLAN + "mau-phieu/in/", form.opinion_form_print, name="form-print"),
    path(PLAN + "mau-phieu/san-sang/", form.opinion_form_ready, name="form-ready"),
    path("phieu-in/<uuid:job_id>/", form.print_status, name="print-status"),
    path("phieu-in/<uuid:job_id>/tai/", form.print_download, name="print-download"),
    path(PLAN + "phieu/nhap/", slips.slip_create, name="slip-create"),
    path("phieu/<uuid:slip_id>/", slips.slip_edit, name="slip-edit"),
    path(PLAN + "y-kien/", slips.opinion_list, name="opinion-list"),
    path(PLAN + "nhap-excel/", imports.import_upload, name="import"),
    path(PLAN + "nhap-excel/mau.xlsx", imports.import_template, name="import-template"),
    path("nhap-excel/<uuid:job_id>/", imports.import_status, name="import-status"),
    path(PLAN + "xuat-excel.xlsx", imports.export, name="export"),
    path(PLAN + "kien-nghi/", petitions.petition_list, name="petition-list"),
    path(PLAN + "kien-nghi/tong-hop/", petitions.petition_create, name="petition-create"),
    path(PLAN + "kien-nghi/giao/", petitions.petition_assign, name="petition-assign"),
    path("kien-nghi/<uuid:petition_id>/", petitions.petition_detail, name="petition-detail"),
    path("kien-nghi/<uuid:petition_id>/sua/", petitions.petition_update, name="petition-update"),
    path("kien-nghi/<uuid:petition_id>/them/", petitions.petition_attach, name="petition-attach"),
    path("y-kien/<uuid:opinion_id>/tach/", petitions.opinion_unmerge, name="opinion-unmerge"),
    path("tra-loi/", answers.answer_queue, name="answer-queue"),
    path("kien-nghi/<uuid:petition_id>/tra-loi/", answers.answer_edit, name="answer-edit"),
    path(
        "kien-nghi/<uuid:petition_id>/tra-loi/tep/",
        answers.answer_attachment,
        name="answer-attachment",
    ),
    path(PLAN + "tra-loi/", answers.answer_coverage, name="answer-coverage"),
    path(PLAN + "tai-lieu-hoi-nghi.pdf", answers.answer_booklet, name="answer-booklet"),
    path(PLAN + "bao-cao-tong-hop/", synthesis.synthesis, name="synthesis"),
    path(PLAN + "bao-cao-tong-hop/xem/", synthesis.synthesis_preview, name="synthesis-preview"),
    path(PLAN + "bao-cao-tong-hop/gui/", synthesis.synthesis_send, name="synthesis-send"),
    path(PLAN + "thong-ke/", statistics.statistics, name="statistics"),
    path(PLAN + "hoi-nghi/thu-ky/", console.console, name="console"),
    path(PLAN + "hoi-nghi/ghi/", console.console_record, name="console-record"),
    path(
        "y-kien/<uuid:opinion_id>/tra-loi-tai-hoi-nghi/",
        console.console_answer,
        name="console-answer",
    ),
    path(PLAN + "hoi-nghi/dang-ky-phat-bieu/", console.speaker_register, name="speaker-register"),
    path(PLAN + "hoi-nghi/moi-nguoi-tiep/", console.speaker_next, name="speaker-next"),
    path(
        "phat-bieu/<uuid:speaker_id>/<slug:action>/", console.speaker_action, name="speaker-action"
    ),
    # Not under "chuong-trinh/<id>/<action>/": the programme page's own actions live there.
    path("hoi-nghi/muc/<uuid:item_id>/bat-dau/", console.agenda_current, name="agenda-current"),
    path(PLAN + "hoi-nghi/man-chieu/", console.projector, name="projector"),
    path(PLAN + "hoi-nghi/bien-ban/", minutes.minutes, name="minutes"),
    path(PLAN + "hoi-nghi/bien-ban/xem/", minutes.minutes_preview, name="minutes-preview"),
    path(PLAN + "hoi-nghi/bien-ban/ban-hanh/", minutes.minutes_issue, name="minutes-issue"),
]
