"""Signing an issued paper: the chair signs, the clerk seals (Nghị định 30/2020); both are
PAdES signatures that Poppler and pyHanko find valid; a changed byte is shown as changed on
the public verification page; bad input is refused in Vietnamese and nothing is kept."""

import asyncio
import datetime as dt
import io
import os
import subprocess
import tempfile

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

# ruff: noqa: F811  (the fixture below is a test argument)
from followups.tests.test_dossier import finished  # noqa: F401  (the fixture)
from kesat_dialogue import demo_pki, signing, verification
from kesat_dialogue.models import CertificateKind, Paper, PaperCode, PaperSignature, Role
from kesat_dialogue.tests import pdf
from kesat_dialogue.tests.factories import CommuneFactory, UserFactory
from meetings import services as plan_services

pytestmark = pytest.mark.django_db
CHAIR_PASSWORD, SEAL_PASSWORD = "chu-tich-2026", "con-dau-2026"


@pytest.fixture(scope="module")
def authority():
    return demo_pki.DemoAuthority()


@pytest.fixture
def keys(finished, authority):
    commune = finished.plan.commune
    person = signing.add_certificate(
        commune=commune,
        kind=CertificateKind.PERSON,
        label="Chủ tịch UBND xã",
        container=authority.issue("Phạm Thị Thu Hiền", "UBND xã", CHAIR_PASSWORD),
        password=CHAIR_PASSWORD,
        image=demo_pki.signature_image(),
        holder=finished.chair,
    )
    seal = signing.add_certificate(
        commune=commune,
        kind=CertificateKind.ORGANISATION,
        label="Con dấu UBND xã",
        container=authority.issue("UBND xã", "UBND xã", SEAL_PASSWORD),
        password=SEAL_PASSWORD,
        image=demo_pki.seal_image(),
    )
    notice = Paper.objects.get(commune=commune, code=PaperCode.NOTICE)
    return notice, person, seal


def _sign_through_the_pages(client, year, paper, person, seal):
    url = reverse("paper-sign", args=[paper.public_id])
    client.force_login(year.chair)
    client.post(url, {"certificate": person.pk, "password": CHAIR_PASSWORD})
    client.force_login(year.office)
    client.post(url, {"certificate": seal.pk, "password": SEAL_PASSWORD})
    paper.refresh_from_db()
    return url


def _pdfsig(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        run = subprocess.run(["pdfsig", handle.name], capture_output=True, text=True, timeout=60)
    return run.stdout


def test_the_chair_signs_then_the_clerk_seals_and_poppler_and_pyhanko_find_both_valid(
    client,
    finished,
    keys,
):
    paper, person, seal = keys

    url = _sign_through_the_pages(client, finished, paper, person, seal)
    page = client.get(url).content.decode()
    first = client.get(reverse("paper-signed", args=[paper.public_id])).content
    again = client.get(reverse("paper-signed", args=[paper.public_id])).content

    assert "Văn bản đã được ký số đủ" in page and paper.signed_sha256 in page
    assert (
        f"<title>Ký số văn bản {paper.symbol}" in page
        and "<title>" not in page.split("</title>")[1]
    )
    assert first == again == bytes(paper.signed_pdf) and bytes(paper.pdf) != first
    assert [s.order for s in PaperSignature.objects.filter(paper=paper)] == [1, 2]
    report = _pdfsig(first)
    assert report.count("Signature Validation: Signature is Valid.") == 2
    assert "Phạm Thị Thu Hiền (DEMO)" in report and "UBND xã (DEMO)" in report
    assert report.rstrip().split("Signature #2:")[1].count("Total document signed") == 1
    verdict = verification.verify(first)
    assert verdict.all_good and verdict.paper == paper
    assert [s.signer for s in verdict.signatures] == ["Phạm Thị Thu Hiền (DEMO)", "UBND xã (DEMO)"]
    assert verdict.signatures[0].signed_at.utcoffset() == dt.timedelta(hours=7)


def test_one_changed_byte_is_shown_as_changed_on_the_public_page(client, finished, keys):
    paper, person, seal = keys
    _sign_through_the_pages(client, finished, paper, person, seal)
    signed = bytes(paper.signed_pdf)
    changed = bytearray(signed)
    changed[signed.index(b"stream", 2000) + 30] ^= 0x01
    client.logout()

    good = client.post(reverse("verify"), {"file": io.BytesIO(signed)}).content.decode()
    bad = client.post(reverse("verify"), {"file": io.BytesIO(bytes(changed))}).content.decode()
    junk = client.post(reverse("verify"), {"file": io.BytesIO(b"not a pdf")}).content.decode()
    found = client.get(
        reverse("verify"),
        {"commune_slug": paper.commune.slug, "year": paper.year, "symbol": paper.symbol.lower()},
    ).content.decode()

    assert "còn nguyên vẹn và hợp lệ" in good and "Đúng là bản đã ký lưu trong sổ" in good
    assert "đã bị thay đổi" in bad and "Đúng là bản đã ký" not in bad
    assert "Tệp này không phải tệp PDF." in junk
    assert paper.signed_sha256 in found and paper.subject in found
    assert not verification.verify(bytes(changed)).all_good


def test_the_signature_sits_between_title_and_name_and_the_seal_over_its_left_third(
    client,
    finished,
    keys,
):
    paper, person, seal = keys
    _sign_through_the_pages(client, finished, paper, person, seal)
    where = signing.signing_box(paper.html)

    with tempfile.TemporaryDirectory() as folder:
        with open(f"{folder}/signed.pdf", "wb") as handle:
            handle.write(bytes(paper.signed_pdf))
        page = where.page + 1
        subprocess.run(
            ["pdftoppm", "-r", "72", "-png", "-f", str(page), "-l", str(page), "signed.pdf", "p"],
            cwd=folder,
            check=True,
            timeout=60,
        )
        (png,) = [name for name in os.listdir(folder) if name.endswith(".png")]
        image = Image.open(f"{folder}/{png}").convert("RGB")

    height = image.height  # 72 dpi: a pixel is a point
    blue, red = [], []
    for x in range(image.width):
        for y in range(height):
            r, g, b = image.getpixel((x, y))
            if b > 120 and r < 90 and g < 110:
                blue.append((x, height - y))
            elif r > 150 and g < 80 and b < 90:
                red.append((x, height - y))
    assert blue and red
    left, right = min(x for x, _ in blue), max(x for x, _ in blue)
    assert where.x0 - 2 <= left and right <= where.x1 + 2
    assert where.y0 - 2 <= min(y for _, y in blue) and max(y for _, y in blue) <= where.y1 + 2
    seal_right = max(x for x, _ in red)
    assert where.x0 < seal_right <= where.x0 + where.width / 3 + 2
    # The seal at its real size: the drawn ring spans 96 % of the image.
    assert max(x for x, _ in red) - min(x for x, _ in red) == pytest.approx(
        0.96 * signing.SEAL_MM * 72 / 25.4, abs=3
    )


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("wrong password", "Mật khẩu của tệp chứng thư số không đúng."),
        ("expired", "đã hết hạn ngày 01/03/2026"),
        ("not yet valid", "chưa có hiệu lực (từ ngày 01/01/2027)"),
        ("another commune", "là của xã khác"),
    ],
)
def test_bad_keys_are_refused_in_vietnamese_and_nothing_is_kept(
    client,
    finished,
    keys,
    authority,
    problem,
    message,
):
    paper, person, _ = keys
    password = CHAIR_PASSWORD
    if problem == "wrong password":
        password = "sai-mat-khau"
    elif problem in {"expired", "not yet valid"}:
        dates = {
            "expired": (
                dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
                dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
            ),
            "not yet valid": (dt.datetime(2027, 1, 1, tzinfo=dt.UTC), None),
        }[problem]
        container = authority.issue(
            "Phạm Thị Thu Hiền", "UBND xã", CHAIR_PASSWORD, not_before=dates[0], not_after=dates[1]
        )
        person.pkcs12 = container
        person.not_before, person.not_after = (
            dates[0],
            dates[1] or dates[0] + dt.timedelta(days=900),
        )
        person.save()
    elif problem == "another commune":
        person.commune = CommuneFactory()
        person.save()

    with pytest.raises(signing.SigningRefused) as refused:
        signing.sign_as_person(paper, certificate=person, password=password, by=finished.chair)

    assert message in str(refused.value)
    paper.refresh_from_db()
    assert paper.signed_pdf is None and not paper.signatures.exists()


def test_a_wrong_password_on_the_page_keeps_the_choice_and_says_why(client, finished, keys):
    paper, person, _ = keys
    client.force_login(finished.chair)

    response = client.post(
        reverse("paper-sign", args=[paper.public_id]),
        {"certificate": person.pk, "password": "sai"},
    )

    page = response.content.decode()
    assert response.status_code == 200 and "Mật khẩu của tệp chứng thư số không đúng." in page
    assert f'<option value="{person.pk}" selected>' in page
    paper.refresh_from_db()
    assert paper.signed_pdf is None


def test_only_the_holder_signs_and_only_the_clerk_seals_after_them(client, finished, keys):
    paper, person, seal = keys
    url = reverse("paper-sign", args=[paper.public_id])
    vice = UserFactory(commune=paper.commune, role=Role.CHAIR)

    with pytest.raises(signing.SigningRefused, match="Chỉ người giữ chứng thư"):
        signing.sign_as_person(paper, certificate=person, password=CHAIR_PASSWORD, by=vice)
    with pytest.raises(signing.SigningRefused, match="ký trước, văn thư đóng dấu sau"):
        signing.seal(paper, certificate=seal, password=SEAL_PASSWORD, by=finished.office)
    client.force_login(UserFactory(commune=paper.commune, role=Role.AGENCY))
    agency = client.post(url, {"certificate": seal.pk, "password": SEAL_PASSWORD})

    assert "Đang chờ người có thẩm quyền ký." in agency.content.decode()
    paper.refresh_from_db()
    assert paper.signed_pdf is None


def test_an_administrator_loads_a_certificate_and_a_wrong_password_is_said(
    client, finished, authority
):
    admin = UserFactory(commune=None, role="", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:kesat_dialogue_signingcertificate_add")

    def upload(password):
        return client.post(
            url,
            {
                "commune": finished.plan.commune.pk,
                "kind": CertificateKind.PERSON,
                "holder": finished.chair.pk,
                "label": "Chủ tịch UBND xã",
                "container": io.BytesIO(authority.issue("Phạm Thị Thu Hiền", "UBND xã", "dung")),
                "password": password,
                "picture": io.BytesIO(demo_pki.signature_image()),
            },
        )

    wrong = upload("sai")
    right = upload("dung")

    assert "Mật khẩu của tệp chứng thư số không đúng." in wrong.content.decode()
    assert right.status_code == 302
    (stored,) = finished.chair.signing_certificates.all()
    assert stored.subject.startswith("CN=Phạm Thị Thu Hiền (DEMO)")
    assert b"dung" not in bytes(stored.pkcs12) and "BEGIN CERTIFICATE" in stored.authority_pem


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited")
def test_pyhanko_s_own_loop_runs_where_an_event_loop_already_runs():
    """pyHanko's synchronous calls start a loop (asyncio.run); a browser test or an async
    server already runs one in the thread, where that would fail."""

    def like_pyhanko(value):
        return asyncio.run(asyncio.sleep(0, result=value))

    async def inside_a_loop():
        with pytest.raises(RuntimeError):
            like_pyhanko("trực tiếp")
        return signing.outside_event_loop(like_pyhanko, "qua luồng riêng")

    assert asyncio.run(inside_a_loop()) == "qua luồng riêng"
    assert signing.outside_event_loop(like_pyhanko, "không có vòng lặp") == "không có vòng lặp"


def test_an_electronic_copy_carries_its_kind_number_and_time_and_the_organisation_s_signature(
    client, finished, keys
):
    paper, _, seal = keys
    client.force_login(finished.office)
    hcm = dt.timezone(dt.timedelta(hours=7))

    with time_machine.travel(dt.datetime(2026, 7, 3, 9, 30, 15, tzinfo=hcm), tick=False):
        client.post(
            reverse("paper-copy", args=[paper.public_id]),
            {"sao-kind": "SY", "sao-certificate": seal.pk, "sao-password": SEAL_PASSWORD},
        )
    client.force_login(finished.office)  # the session above ended in July
    refused = client.post(
        reverse("paper-copy", args=[paper.public_id]),
        {"sao-kind": "SL", "sao-certificate": seal.pk, "sao-password": "sai"},
    ).content.decode()
    (copy,) = paper.copies.all()
    answer = client.get(reverse("paper-copy-download", args=[copy.public_id]))
    assert answer.status_code == 200, answer.content[:300]
    downloaded = answer.content

    assert downloaded == bytes(copy.pdf) and copy.symbol == "01/SY-UBND"
    first_page = pdf.pages(downloaded)[0]
    assert "SAO Y" in first_page and "Số: 01/SY-UBND" in first_page
    assert "2026-07-03T09:30:15+07:00" in first_page
    page = pdf.layout(downloaded)[0]
    mark = next(line for line in page.lines if line.text == "SAO Y")
    header = next(line for line in page.lines if "CỘNG HÒA" in line.text)
    # Top right, 15 mm from the edge as the text, in the margin above the header.
    assert mark.bottom < header.top and page.width - mark.right == pytest.approx(15, abs=1)
    assert all(font["embedded"] for font in pdf.fonts(downloaded))
    report = _pdfsig(downloaded)
    assert report.count("Signature is Valid.") == 1 and "Total document signed" in report
    verdict = verification.verify(downloaded)
    assert verdict.all_good and verdict.copy == copy and verdict.paper is None
    assert "Mật khẩu của tệp chứng thư số không đúng." in refused and paper.copies.count() == 1


def test_an_extract_carries_the_pages_named_and_an_appendix_its_paper_s_number(
    client, finished, keys
):
    _, _, seal = keys
    paper = plan_services.issue_plan(plan=finished.plan, by=finished.office)  # four pages
    client.force_login(finished.office)
    url = reverse("paper-copy", args=[paper.public_id])
    base = {"sao-certificate": seal.pk, "sao-password": SEAL_PASSWORD}
    pages = [page for page in pdf.pages(bytes(paper.pdf)) if page.strip()]
    appendix = signing.papers.render_pdf("<p>Danh sách kiến nghị chuyển cấp tỉnh</p>")

    client.post(url, {**base, "sao-kind": "TS", "sao-pages": "2"})
    client.post(url, {**base, "sao-kind": "PL", "sao-appendix": io.BytesIO(appendix)})
    beyond = client.post(url, {**base, "sao-kind": "TS", "sao-pages": f"2-{len(pages) + 1}"})
    not_pdf = client.post(url, {**base, "sao-kind": "PL", "sao-appendix": io.BytesIO(b"GIF89a")})

    extract = paper.copies.get(kind="TS")
    extract_pages = pdf.pages(bytes(extract.pdf))
    extract_pages = [page for page in extract_pages if page.strip()]
    assert len(pages) > 1 and len(extract_pages) == 1 and extract.symbol == "01/TS-UBND"
    assert "TRÍCH SAO" in extract_pages[0] and pages[1].split()[-3] in extract_pages[0]
    attached = pdf.text(bytes(paper.copies.get(kind="PL").pdf))
    assert "PHỤ LỤC" in attached and f"Kèm theo văn bản số {paper.symbol}" in attached
    assert "Danh sách kiến nghị chuyển cấp tỉnh" in attached
    assert verification.verify(bytes(paper.copies.get(kind="PL").pdf)).all_good
    assert f"Văn bản có {len(pages)} trang" in beyond.content.decode()
    assert "Phụ lục phải là tệp PDF" in not_pdf.content.decode()
    assert paper.copies.count() == 2
    listed = client.get(reverse("paper-sign", args=[paper.public_id])).content.decode()
    assert f"Phụ lục (tệp riêng) kèm theo văn bản số {paper.symbol}" in listed
    assert "Trích sao số 01/TS-UBND" in listed
