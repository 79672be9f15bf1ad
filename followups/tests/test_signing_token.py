"""Signing with a key that never leaves its token: PKCS#11 through pyHanko, tested on
SoftHSM2 (Debian's softhsm2) as on a USB token. A wrong PIN and a missing token are said in
Vietnamese, and nothing is kept."""

import io
import os
import subprocess

import pkcs11
import pytest
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.urls import reverse

# ruff: noqa: F811  (the fixture below is a test argument)
from followups.tests.test_dossier import finished  # noqa: F401  (the fixture)
from kesat_dialogue import demo_pki, signing, verification
from kesat_dialogue.models import CertificateKind, Paper, PaperCode
from kesat_dialogue.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PIN, SO_PIN = "246810", "13579135"
TOKEN, KEY = "kesat-chutich", "chu-tich"


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM2 token holding the chairman's key and certificate, made before the
    PKCS#11 library is first loaded in this process (it reads its tokens once)."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
         "--so-pin", SO_PIN],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    authority = demo_pki.DemoAuthority()
    key, certificate = authority.issue_key("Phạm Thị Thu Hiền", "UBND xã")
    key_file = folder / "key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        ["softhsm2-util", "--import", str(key_file), "--token", TOKEN, "--label", KEY,
         "--id", "01", "--pin", PIN],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    key_file.unlink()
    library = pkcs11.lib(settings.PKCS11_LIBRARY)
    with library.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True,
                pkcs11.Attribute.LABEL: KEY,
                pkcs11.Attribute.ID: b"\x01",
                pkcs11.Attribute.SUBJECT: certificate.subject.public_bytes(),
                pkcs11.Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
            }
        )
    return authority


@pytest.fixture
def on_token(finished, token):
    commune = finished.plan.commune
    person = signing.add_token_certificate(
        commune=commune,
        kind=CertificateKind.PERSON,
        label="Chủ tịch (USB token)",
        token_label=TOKEN,
        key_label=KEY,
        pin=PIN,
        image=demo_pki.signature_image(),
        authority_pem=token.pem.decode(),
        holder=finished.chair,
    )
    seal = signing.add_certificate(
        commune=commune,
        kind=CertificateKind.ORGANISATION,
        label="Con dấu UBND xã",
        container=token.issue("UBND xã", "UBND xã", "con-dau"),
        password="con-dau",
        image=demo_pki.seal_image(),
    )
    return Paper.objects.get(commune=commune, code=PaperCode.NOTICE), person, seal


def test_the_chair_signs_with_the_key_on_the_token_and_the_paper_checks(finished, on_token):
    paper, person, seal = on_token

    signing.sign_as_person(paper, certificate=person, password=PIN, by=finished.chair)
    signing.seal(paper, certificate=seal, password="con-dau", by=finished.office)

    assert person.pkcs12 is None and person.subject.startswith("CN=Phạm Thị Thu Hiền (DEMO)")
    verdict = verification.verify(bytes(paper.signed_pdf))
    assert verdict.all_good and verdict.paper == paper
    assert verdict.signatures[0].signer == "Phạm Thị Thu Hiền (DEMO)"


@pytest.mark.parametrize(
    ("pin", "token_label", "message"),
    [
        ("000000", TOKEN, "Mã PIN của USB token không đúng."),
        (PIN, "khong-co-token", "Không thấy USB token «khong-co-token»"),
    ],
)
def test_a_wrong_pin_or_a_missing_token_is_said_and_nothing_is_kept(
    finished, on_token, pin, token_label, message
):
    paper, person, _ = on_token
    person.token_label = token_label
    person.save()

    with pytest.raises(signing.SigningRefused, match=message):
        signing.sign_as_person(paper, certificate=person, password=pin, by=finished.chair)

    paper.refresh_from_db()
    assert paper.signed_pdf is None and not paper.signatures.exists()


def test_an_administrator_registers_the_key_on_the_token_by_its_labels(client, finished, token):
    client.force_login(UserFactory(commune=None, role="", is_staff=True, is_superuser=True))
    url = reverse("admin:kesat_dialogue_signingcertificate_add")
    fields = {
        "commune": finished.plan.commune.pk,
        "kind": CertificateKind.PERSON,
        "holder": finished.chair.pk,
        "label": "Chủ tịch (USB token)",
        "token_label": TOKEN,
        "key_label": KEY,
    }

    wrong = client.post(url, {**fields, "password": "000000", "picture": _png()})
    right = client.post(url, {**fields, "password": PIN, "picture": _png()})

    assert "Mã PIN của USB token không đúng." in wrong.content.decode()
    assert right.status_code == 302
    stored = finished.chair.signing_certificates.get()
    assert (stored.token_label, stored.key_label, stored.pkcs12) == (TOKEN, KEY, None)


def _png():
    return io.BytesIO(demo_pki.signature_image())
