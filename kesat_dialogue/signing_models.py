"""Signing certificates and the signatures a paper carries (Nghị định 30/2020, Phụ lục I)."""

import uuid

from django.conf import settings
from django.db import models

from .tenancy import TenantQuerySet


class CertificateKind(models.TextChoices):
    PERSON = "person", "Người có thẩm quyền ký"
    ORGANISATION = "organisation", "Cơ quan (con dấu, văn thư ký)"


class SigningCertificate(models.Model):
    """A signer's PKCS#12 container as the certificate authority gave it: its private key
    stays encrypted under the holder's password, which is asked at each signing and never
    kept. With it, the image its signature shows: the person's handwritten signature (blue)
    or the commune's seal (red), a transparent PNG."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        "kesat_dialogue.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại", max_length=20, choices=CertificateKind.choices)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người giữ",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_certificates",
    )
    label = models.CharField("tên gọi", max_length=200)
    subject = models.CharField("chủ thể chứng thư", max_length=300, editable=False)
    not_before = models.DateTimeField("hiệu lực từ", editable=False)
    not_after = models.DateTimeField("hiệu lực đến", editable=False)
    pkcs12 = models.BinaryField(
        "tệp PKCS#12 (khóa đã mã hóa bằng mật khẩu)", null=True, blank=True, editable=False
    )
    # Or a key that never leaves its token (a USB token, an HSM), reached through PKCS#11
    # (settings.PKCS11_LIBRARY) by the token's label and the key's; the PIN is asked at
    # each signing.
    token_label = models.CharField("nhãn USB token", max_length=100, blank=True)
    key_label = models.CharField("nhãn khóa trên token", max_length=100, blank=True)
    # The authority's certificates that came with it: what the verification page trusts.
    authority_pem = models.TextField("chứng thư của tổ chức chứng thực", editable=False)
    image = models.BinaryField("ảnh chữ ký / con dấu (PNG)", editable=False)
    created_at = models.DateTimeField("nạp lúc", auto_now_add=True)

    commune_lookup = "commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="organisation", holder__isnull=True)
                | models.Q(kind="person", holder__isnull=False),
                name="certificate_person_has_holder",
            ),
            models.CheckConstraint(
                condition=models.Q(pkcs12__isnull=False, token_label="")
                | models.Q(pkcs12__isnull=True) & ~models.Q(token_label=""),
                name="certificate_in_a_file_or_on_a_token",
            ),
        ]

    def __str__(self):
        return self.label


class PaperSignature(models.Model):
    """One signature on an issued paper, in the decree's order: 1 the person, 2 the seal."""

    # A paper is never deleted in the app's own course; where one is, its signatures and
    # copies are part of it and go with it.
    paper = models.ForeignKey(
        "kesat_dialogue.Paper",
        verbose_name="văn bản",
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    order = models.PositiveSmallIntegerField("thứ tự ký")
    certificate = models.ForeignKey(
        SigningCertificate, verbose_name="chứng thư", on_delete=models.PROTECT, related_name="+"
    )
    signer = models.CharField("người / cơ quan ký", max_length=300)
    signed_at = models.DateTimeField("ký lúc")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thao tác",
        on_delete=models.PROTECT,
        related_name="+",
    )

    commune_lookup = "paper__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "chữ ký số trên văn bản"
        verbose_name_plural = "chữ ký số trên văn bản"
        ordering = ["paper", "order"]
        constraints = [
            models.UniqueConstraint("paper", "order", name="one_signature_per_place"),
        ]

    def __str__(self):
        return f"{self.order}. {self.signer}"


class CopyKind(models.TextChoices):
    """Electronic copies (Nghị định 30/2020, Điều 25–27): their kind opens their symbol."""

    EXACT = "SY", "Sao y"
    TRANSCRIPT = "SL", "Sao lục"
    EXTRACT = "TS", "Trích sao"
    # Not a copy: an appendix issued in a file of its own, signed the same way.
    APPENDIX = "PL", "Phụ lục (tệp riêng)"


class PaperCopy(models.Model):
    """An electronic copy of an issued paper, numbered in its own series and signed by the
    organisation alone (no image): its kind, number and time stand at the top right of the
    first page."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    paper = models.ForeignKey(
        "kesat_dialogue.Paper",
        verbose_name="văn bản",
        on_delete=models.CASCADE,
        related_name="copies",
    )
    kind = models.CharField("hình thức sao", max_length=2, choices=CopyKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số bản sao")
    certificate = models.ForeignKey(
        SigningCertificate, verbose_name="chứng thư", on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.BinaryField("tệp PDF bản sao đã ký", editable=False)
    sha256 = models.CharField("mã SHA-256", max_length=64, editable=False)
    made_at = models.DateTimeField("sao lúc")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sao",
        on_delete=models.PROTECT,
        related_name="+",
    )

    commune_lookup = "paper__commune"
    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = "bản sao điện tử"
        verbose_name_plural = "bản sao điện tử"
        ordering = ["-made_at"]

    def __str__(self):
        if self.kind == CopyKind.APPENDIX:  # an appendix goes by its paper's number
            return f"Phụ lục (tệp riêng) kèm theo văn bản số {self.paper.symbol}"
        return f"{self.get_kind_display()} số {self.symbol}"

    @property
    def symbol(self) -> str:
        return f"{self.number:02d}/{self.kind}-{self.paper.issuer}"

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.paper.issuer}-{self.number:02d}-{self.year}.pdf"
