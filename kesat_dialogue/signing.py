"""Signing an issued paper as Nghị định 30/2020 (Phụ lục I) orders it, with pyHanko (PAdES):
the person with authority signs first, their signature image centred between the signing
title and the name; then the organisation, its seal covering about a third of that
signature on its left. Signing times are shown in ISO 8601 with the +07:00 offset. The
register keeps the signed bytes and their SHA-256 beside the unsigned issue.
"""

import asyncio
import contextlib
import datetime as dt
import hashlib
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pkcs11
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image
from pyhanko import stamp
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.pdf_utils import images, layout, text
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign import pkcs11 as sign_pkcs11
from pypdf import PdfReader, PdfWriter

from . import papers
from .models import Commune
from .signing_models import (
    CertificateKind,
    CopyKind,
    PaperCopy,
    PaperSignature,
    SigningCertificate,
)

log = logging.getLogger(__name__)
PT_PER_PX = 0.75  # CSS pixels (WeasyPrint's unit) to PDF points
PT_PER_MM = 72 / 25.4
SEAL_MM = 35  # the commune committee's round seal, printed at its real size
# On the page, as the decree writes the time of signing: ISO 8601, Vietnam's offset.
ISO_TIME = "%Y-%m-%dT%H:%M:%S+07:00"
FIELDS = {1: "ChuKyNguoiCoThamQuyen", 2: "ChuKyCoQuan"}


class SigningRefused(Exception):
    """Why a paper was not signed, in Vietnamese for the person signing; nothing is kept."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a page of the PDF, in points from the bottom left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_tuple(self) -> tuple[int, int, int, int]:
        return round(self.x0), round(self.y0), round(self.x1), round(self.y1)


def open_container(data: bytes, password: str):
    """The key, certificate and authority's certificates of a PKCS#12 file, or
    SigningRefused."""
    try:
        key, certificate, authority = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError:
        raise SigningRefused("Mật khẩu của tệp chứng thư số không đúng.") from None
    if key is None or certificate is None:
        raise SigningRefused("Tệp PKCS#12 không chứa khóa ký và chứng thư số.")
    return key, certificate, authority


def add_certificate(  # noqa: PLR0913
    *, commune, kind, label: str, container: bytes, password: str, image: bytes, holder=None
) -> SigningCertificate:
    """Store a signer's certificate: the container as given (its key stays encrypted under
    the password, which is only used here to read the certificate and is not kept)."""
    _, certificate, authority = open_container(container, password)
    _require_png(image)
    return _store(
        certificate,
        commune=commune,
        kind=kind,
        holder=holder,
        label=label,
        pkcs12=container,
        authority_pem="".join(
            c.public_bytes(serialization.Encoding.PEM).decode() for c in authority
        ),
        image=image,
    )


def _store(certificate: x509.Certificate, *, kind, holder, **fields) -> SigningCertificate:
    return SigningCertificate.objects.create(
        kind=kind,
        holder=holder if kind == CertificateKind.PERSON else None,
        subject=certificate.subject.rfc4514_string()[:300],
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        **fields,
    )


def _require_png(image: bytes) -> None:
    try:
        picture = Image.open(io.BytesIO(image))
        transparent = picture.format == "PNG" and "A" in picture.getbands()
    except OSError:
        transparent = False
    if not transparent:
        raise SigningRefused("Ảnh chữ ký, con dấu phải là tệp PNG nền trong suốt.")


@contextlib.contextmanager
def _signer(certificate: SigningCertificate, password: str, paper, at: dt.datetime):
    """The certificate's signer, checked for this paper and time, opened with the password
    (a PKCS#12 file) or the PIN (a token, whose session closes after the signing)."""
    if certificate.commune_id != paper.commune_id:
        raise SigningRefused(
            f"Chứng thư số «{certificate}» là của xã khác, không ký được văn bản này."
        )
    if at < certificate.not_before:
        day = timezone.localtime(certificate.not_before).strftime("%d/%m/%Y")
        raise SigningRefused(f"Chứng thư số «{certificate}» chưa có hiệu lực (từ ngày {day}).")
    if at > certificate.not_after:
        day = timezone.localtime(certificate.not_after).strftime("%d/%m/%Y")
        raise SigningRefused(f"Chứng thư số «{certificate}» đã hết hạn ngày {day}.")
    if not certificate.token_label:
        open_container(bytes(certificate.pkcs12), password)
        yield signers.SimpleSigner.load_pkcs12_data(
            bytes(certificate.pkcs12), other_certs=(), passphrase=password.encode()
        )
        return
    with _token_session(certificate.token_label, password) as session:
        # The digest is made here and the token signs it raw (CKM_RSA_PKCS, CKM_ECDSA):
        # every token has those, not every one the hash-and-sign mechanisms.
        yield sign_pkcs11.PKCS11Signer(
            session,
            key_label=certificate.key_label,
            cert_label=certificate.key_label,
            use_raw_mechanism=True,
        )


@contextlib.contextmanager
def _token_session(token_label: str, pin: str):
    try:
        session = sign_pkcs11.open_pkcs11_session(
            settings.PKCS11_LIBRARY,
            token_criteria=TokenCriteria(label=token_label),
            user_pin=pin,
        )
    except (pkcs11.exceptions.PinIncorrect, pkcs11.exceptions.PinInvalid):
        raise SigningRefused("Mã PIN của USB token không đúng.") from None
    except pkcs11.exceptions.PinLocked:
        raise SigningRefused("USB token đã bị khóa vì nhập sai PIN nhiều lần.") from None
    except (pkcs11.exceptions.PKCS11Error, OSError, RuntimeError) as problem:
        log.info("token %s not reached: %r", token_label, problem)
        raise SigningRefused(
            f"Không thấy USB token «{token_label}»: hãy cắm token vào máy chủ ký rồi thử lại."
        ) from None
    try:
        yield session
    finally:
        session.close()


def add_token_certificate(  # noqa: PLR0913
    *,
    commune,
    kind,
    label: str,
    token_label: str,
    key_label: str,
    pin: str,
    image: bytes,
    authority_pem: str = "",
    holder=None,
) -> SigningCertificate:
    """Register a key held on a token: its certificate is read from the token (the PIN
    opens it once and is not kept); the key never leaves it."""
    _require_png(image)
    with _token_session(token_label, pin) as session:
        found = list(
            session.get_objects(
                {
                    pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                    pkcs11.Attribute.LABEL: key_label,
                }
            )
        )
        if not found:
            raise SigningRefused(f"Trên USB token không có chứng thư mang nhãn «{key_label}».")
        der = found[0][pkcs11.Attribute.VALUE]
    return _store(
        x509.load_der_x509_certificate(der),
        commune=commune,
        kind=kind,
        holder=holder,
        label=label,
        token_label=token_label,
        key_label=key_label,
        authority_pem=authority_pem,
        image=image,
    )


def signing_box(html: str) -> Box:
    """The empty space of the signing block (between the title and the name) on the page
    that holds it, found in the paper's own layout."""
    document = papers.layout(html)
    for number, page in enumerate(document.pages):
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and "seal-space" in (element.get("class") or "").split():
                height = page.height * PT_PER_PX
                x0 = box.border_box_x() * PT_PER_PX
                top = box.border_box_y() * PT_PER_PX
                width, tall = box.border_width() * PT_PER_PX, box.border_height() * PT_PER_PX
                return Box(number, x0, height - top - tall, x0 + width, height - top)
    raise SigningRefused("Văn bản này không có chỗ ký: không ký số được.")


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def seal_box(person: Box) -> Box:
    """The seal at its real size, centred on the signature's height, its right part over
    the left third of the signature."""
    size = SEAL_MM * PT_PER_MM
    right = person.x0 + person.width / 3
    middle = (person.y0 + person.y1) / 2
    return Box(person.page, right - size, middle - size / 2, right, middle + size / 2)


def _style(image: bytes, caption: str) -> stamp.BaseStampStyle:
    picture = images.PdfImage(Image.open(io.BytesIO(image)))
    if not caption:  # the seal: its image alone, edge to edge (its box is its real size)
        return stamp.StaticStampStyle(
            border_width=0,
            background=picture,
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
        )
    return stamp.TextStampStyle(
        border_width=0,
        background=picture,
        background_opacity=1.0,
        stamp_text=caption,
        timestamp_format=ISO_TIME,
        # The time is digits and signs only: PDF's standard font has them (and no Vietnamese).
        text_box_style=text.TextBoxStyle(font_size=7),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )


def _metadata(field: str, reason: str) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=field,
        reason=reason,
        location="Việt Nam",
        subfilter=fields.SigSeedSubFilter.PADES,
    )


def _sign(pdf: bytes, signer, field: str, box: Box, style, reason: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = _metadata(field, reason)
    spec = fields.SigFieldSpec(sig_field_name=field, on_page=box.page, box=box.as_tuple())
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    outside_event_loop(pdf_signer.sign_pdf, writer, output=out)
    return out.getvalue()


def outside_event_loop(function, *args, **kwargs):
    """Call one of pyHanko's synchronous functions, which start an event loop of their own:
    where a loop already runs in this thread (an async server, a browser test driving the
    page), in a thread of its own. Bytes in, bytes out: no database in that thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _require_kind(certificate, kind) -> None:
    if certificate.kind != kind:
        wanted = "của người có thẩm quyền" if kind == CertificateKind.PERSON else "của cơ quan"
        raise SigningRefused(f"Cần chứng thư số {wanted}.")


@transaction.atomic
def sign_as_person(paper, *, certificate: SigningCertificate, password: str, by):
    """The first signature: the person with authority, with their own certificate."""
    _require_kind(certificate, CertificateKind.PERSON)
    if certificate.holder_id != by.pk:
        raise SigningRefused("Chỉ người giữ chứng thư số mới ký được bằng chứng thư đó.")
    if paper.signatures.exists():
        raise SigningRefused(f"Văn bản số {paper.symbol} đã có chữ ký của người có thẩm quyền.")
    now = timezone.now()
    where = signing_box(paper.html)
    with _signer(certificate, password, paper, now) as signer:
        signed = _sign(
            bytes(paper.pdf),
            signer,
            FIELDS[1],
            where,
            _style(certificate.image, "%(ts)s"),
            f"{paper.signer_title} ký",
        )
    return _keep(paper, signed, 1, certificate, now, by, done=False)


@transaction.atomic
def seal(paper, *, certificate: SigningCertificate, password: str, by):
    """The second: the organisation (the clerk), its seal over the person's signature."""
    _require_kind(certificate, CertificateKind.ORGANISATION)
    if paper.signed_sha256:
        raise SigningRefused(f"Văn bản số {paper.symbol} đã được ký số đủ.")
    if not paper.signatures.filter(order=1).exists():
        raise SigningRefused("Người có thẩm quyền ký trước, văn thư đóng dấu sau.")
    now = timezone.now()
    where = seal_box(signing_box(paper.html))
    with _signer(certificate, password, paper, now) as signer:
        signed = _sign(
            bytes(paper.signed_pdf),
            signer,
            FIELDS[2],
            where,
            _style(certificate.image, ""),
            "Văn thư đóng dấu",
        )
    return _keep(paper, signed, 2, certificate, now, by, done=True)


def _keep(paper, signed: bytes, order: int, certificate, now, by, *, done: bool):  # noqa: PLR0913
    paper.signed_pdf = signed
    paper.signed_sha256 = hashlib.sha256(signed).hexdigest() if done else ""
    paper.signed_at = now if done else None
    paper.save(update_fields=["signed_pdf", "signed_sha256", "signed_at"])  # audited
    PaperSignature.objects.create(
        paper=paper,
        order=order,
        certificate=certificate,
        signer=certificate.subject,
        signed_at=now,
        signed_by=by,
    )
    return paper


@transaction.atomic
def certify_copy(  # noqa: PLR0913
    paper,
    *,
    kind: str,
    certificate: SigningCertificate,
    password: str,
    by,
    pages: str = "",
    appendix: bytes | None = None,
):
    """An electronic copy of the paper (sao y, sao lục; a trích sao of the ``pages`` named,
    "1-2, 4"), or an appendix of it issued in a file of its own: the kind, the number and the
    time at the top right of the first page (an appendix names its paper's number), then the
    organisation's signature alone, without an image."""
    _require_kind(certificate, CertificateKind.ORGANISATION)
    commune = Commune.objects.select_for_update().get(pk=paper.commune_id)  # numbers in turn
    now = timezone.now()
    year = timezone.localdate(now).year
    last = PaperCopy.objects.filter(
        paper__commune=commune, paper__issuer=paper.issuer, kind=kind, year=year
    ).aggregate(last=Max("number"))["last"]
    copy = PaperCopy(paper=paper, kind=kind, year=year, number=(last or 0) + 1)
    at = timezone.localtime(now).strftime(ISO_TIME)
    if kind == CopyKind.APPENDIX:
        if not appendix or not appendix.startswith(b"%PDF"):
            raise SigningRefused("Hãy chọn tệp PDF của phụ lục.")
        source, lines = appendix, ["PHỤ LỤC", f"Kèm theo văn bản số {paper.symbol}", at]
    else:
        source = bytes(paper.pdf)
        if kind == CopyKind.EXTRACT:
            source = _extract(source, pages)
        lines = [copy.get_kind_display().upper(), f"Số: {copy.symbol}", at]
    marked = _with_copy_mark(source, lines)
    with _signer(certificate, password, paper, now) as signer:
        signed = _sign_invisibly(marked, signer, f"BanSao{kind}", copy.get_kind_display())
    copy.certificate, copy.made_at, copy.made_by = certificate, now, by
    copy.pdf, copy.sha256 = signed, hashlib.sha256(signed).hexdigest()
    copy.save()
    return copy


def _extract(pdf: bytes, pages: str) -> bytes:
    """The pages named ("1-2, 4") of the paper, in the paper's order."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    chosen = set()
    for part in filter(None, (p.strip() for p in pages.replace(";", ",").split(","))):
        first, _, last = part.partition("-")
        if not first.strip().isdigit() or (last and not last.strip().isdigit()):
            raise SigningRefused(f"Không hiểu «{part}»: ghi các trang như 1-2, 4.")
        start, stop = int(first), int(last or first)
        if not 1 <= start <= stop <= count:
            raise SigningRefused(f"Văn bản có {count} trang: không có trang «{part}».")
        chosen.update(range(start, stop + 1))
    if not chosen:
        raise SigningRefused("Trích sao: hãy ghi các trang cần trích, ví dụ 1-2, 4.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for index in sorted(set(range(count)) - {n - 1 for n in chosen}, reverse=True):
        writer.remove_page(index)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _with_copy_mark(pdf: bytes, lines: list[str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    first = writer.pages[0]
    landscape = first.mediabox.width > first.mediabox.height
    context = {"lines": lines, "orientation": "landscape" if landscape else ""}
    mark_html = papers.render_html("papers/copy_mark.html", context)
    mark = PdfReader(io.BytesIO(papers.render_pdf(mark_html)))
    first.merge_page(mark.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _sign_invisibly(pdf: bytes, signer, field: str, reason: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        reason=reason,
        location="Việt Nam",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    pdf_signer = signers.PdfSigner(
        meta, signer=signer, new_field_spec=fields.SigFieldSpec(sig_field_name=field)
    )
    out = io.BytesIO()
    outside_event_loop(pdf_signer.sign_pdf, writer, output=out)
    return out.getvalue()
