"""A demo certificate authority, signers' PKCS#12 files and their images: for the demo data
and the tests, never for real papers (every name says "DEMO")."""

import datetime as dt
import io
import math

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw

DEMO = "DEMO"  # not for real papers


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


class DemoAuthority:
    """A root that issues signing certificates, valid from ``start`` for ``days``."""

    def __init__(self, start: dt.datetime | None = None, days: int = 3650):
        self.start = start or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.name = _name(f"Kè Sắt CA {DEMO}", "Tổ chức chứng thực DEMO")
        self.certificate = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.start)
            .not_valid_after(self.start + dt.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def issue(
        self,
        common_name: str,
        organisation: str,
        password: str,
        *,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
    ) -> bytes:
        """A PKCS#12 file (key encrypted under ``password``) for a signer."""
        key, certificate = self.issue_key(
            common_name, organisation, not_before=not_before, not_after=not_after
        )
        return pkcs12.serialize_key_and_certificates(
            common_name.encode(),
            key,
            certificate,
            [self.certificate],
            serialization.BestAvailableEncryption(password.encode()),
        )

    def issue_key(
        self,
        common_name: str,
        organisation: str,
        *,
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
    ):
        """A signer's private key and certificate, to put on a token."""
        key = ec.generate_private_key(ec.SECP256R1())
        not_before = not_before or self.start
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(f"{common_name} ({DEMO})", organisation))
            .issuer_name(self.name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after or not_before + dt.timedelta(days=3 * 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return key, certificate


def signature_image() -> bytes:
    """A blue handwritten-looking stroke on a transparent background."""
    picture = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    points = [(40 + x, 130 + 55 * math.sin(x / 38) * math.exp(-x / 700)) for x in range(0, 520, 4)]
    draw.line(points, fill=(20, 40, 170, 255), width=9, joint="curve")
    draw.line([(120, 190), (480, 60)], fill=(20, 40, 170, 255), width=7)
    return _png(picture)


def seal_image() -> bytes:
    """A red round seal on a transparent background (drawn, not a real seal)."""
    picture = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    red = (200, 20, 30, 235)
    draw.ellipse((8, 8, 392, 392), outline=red, width=14)
    draw.ellipse((60, 60, 340, 340), outline=red, width=6)
    draw.regular_polygon((200, 200, 70), n_sides=5, rotation=90, fill=red)
    draw.text((130, 300), "DEMO", fill=red)
    return _png(picture)


def _png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def load_signatures(commune, *, chair, vice_chair, front_chair, office, password: str) -> int:
    """Demo certificates for the chairman, the vice-chairman, the Front's chair and the
    seals of the committee and the Front, and every issued paper of ``commune`` signed
    with them (the person named on the paper, else the chairman; then the seal), so a
    newcomer sees signed papers and the verification page at once. Gives how many."""
    from . import signing  # noqa: PLC0415  (the demo only)
    from .models import CertificateKind, Issuer, Paper  # noqa: PLC0415

    authority = DemoAuthority()
    people = {}
    for user in (chair, vice_chair, front_chair):
        people[user.pk] = signing.add_certificate(
            commune=commune,
            kind=CertificateKind.PERSON,
            label=f"{user.full_name} (DEMO)",
            container=authority.issue(user.full_name, commune.name, password),
            password=password,
            image=signature_image(),
            holder=user,
        )
    seals = {
        issuer: signing.add_certificate(
            commune=commune,
            kind=CertificateKind.ORGANISATION,
            label=f"Con dấu {name} (DEMO)",
            container=authority.issue(name, name, password),
            password=password,
            image=seal_image(),
        )
        for issuer, name in (
            (Issuer.COMMITTEE, f"UBND xã {commune.name}"),
            (Issuer.FRONT, f"Ủy ban MTTQ xã {commune.name}"),
        )
    }
    signed = 0
    for paper in Paper.objects.filter(commune=commune, signed_sha256="").order_by("pk"):
        if paper.issuer == Issuer.FRONT:
            person = people[front_chair.pk]
        else:
            named = [c for c in people.values() if c.holder.full_name == paper.signer_name]
            person = named[0] if named else people[chair.pk]
        clerk = front_chair if paper.issuer == Issuer.FRONT else office
        try:
            signing.sign_as_person(paper, certificate=person, password=password, by=person.holder)
            signing.seal(paper, certificate=seals[paper.issuer], password=password, by=clerk)
        except signing.SigningRefused:
            continue  # a paper with no signing block (a list, a slip) stays unsigned
        signed += 1
    return signed
