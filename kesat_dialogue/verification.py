"""Is this signed paper intact, who signed it and when, and is it the register's? For the
public verification page: anyone may drop a PDF or name a paper."""

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass, field

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import validation
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import tenancy
from .models import Paper
from .signing import outside_event_loop
from .signing_models import PaperCopy, SigningCertificate

log = logging.getLogger(__name__)
READS_EVERY_COMMUNE = "the verification page finds a signed paper in any commune's register"


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: dt.datetime | None
    intact: bool  # the bytes it covers are those signed
    valid: bool  # and the signature over them checks with the signer's key
    trusted: bool  # and the signer's certificate leads to an authority we know
    covers_whole_file: bool  # nothing was added after it


@dataclass
class Verdict:
    problem: str = ""  # why nothing could be checked, in Vietnamese
    signatures: list[SignatureCheck] = field(default_factory=list)
    paper: Paper | None = None  # the register's paper with exactly these bytes
    copy: PaperCopy | None = None  # or the register's electronic copy

    @property
    def all_good(self) -> bool:
        return (
            not self.problem
            and bool(self.signatures)
            and all(s.intact and s.valid and s.trusted for s in self.signatures)
            and self.signatures[-1].covers_whole_file
        )


def _authorities() -> list[asn1_x509.Certificate]:
    """The authorities of the certificates this installation signs with."""
    with tenancy.all_communes(READS_EVERY_COMMUNE):
        bundles = set(SigningCertificate.objects.values_list("authority_pem", flat=True))
    roots = []
    for bundle in bundles:
        for _, _, der in pem.unarmor(bundle.encode(), multiple=True):
            roots.append(asn1_x509.Certificate.load(der))
    return roots


def verify(data: bytes) -> Verdict:
    """Every signature of the PDF ``data``, checked, and the register's paper if any."""
    if not data.startswith(b"%PDF"):
        return Verdict(problem="Tệp này không phải tệp PDF.")
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:
        log.info("verification: unreadable PDF", exc_info=True)
        return Verdict(problem="Tệp PDF này hỏng hoặc đã bị sửa đến mức không đọc được.")
    if not signatures:
        return Verdict(problem="Tệp PDF này không có chữ ký số.")
    context = ValidationContext(trust_roots=_authorities(), allow_fetching=False)
    checks = [_check(signature, context) for signature in signatures]
    with tenancy.all_communes(READS_EVERY_COMMUNE):
        digest = hashlib.sha256(data).hexdigest()
        paper = Paper.objects.filter(signed_sha256=digest).select_related("commune").first()
        copy = PaperCopy.objects.filter(sha256=digest).select_related("paper__commune").first()
    return Verdict(signatures=checks, paper=paper, copy=copy)


def _check(signature, context) -> SignatureCheck:
    signer = (
        signature.signer_cert.subject.native.get("common_name", "") if signature.signer_cert else ""
    )
    try:
        status = outside_event_loop(validation.validate_pdf_signature, signature, context)
    except Exception:  # a changed byte can break the signature's own structure
        log.info("verification: signature %s did not validate", signature.field_name, exc_info=True)
        return SignatureCheck(signature.field_name, signer, None, False, False, False, False)
    return SignatureCheck(
        field=signature.field_name,
        signer=signer,
        signed_at=status.signer_reported_dt,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )


def find(commune_slug: str, year: int, symbol: str) -> Paper | None:
    """A paper named by its commune, year and number and symbol ("01/TB-UBND")."""
    number, _, rest = symbol.strip().upper().partition("/")
    code, _, issuer = rest.partition("-")
    if not number.isdigit():
        return None
    with tenancy.all_communes(READS_EVERY_COMMUNE):
        return (
            Paper.objects.filter(
                commune__slug=commune_slug, year=year, number=int(number), code=code, issuer=issuer
            )
            .select_related("commune")
            .defer("html", "pdf")
            .first()
        )
