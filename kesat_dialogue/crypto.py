"""Citizens' phones and addresses at rest (Luật 91/2025/QH15): encrypted with Fernet
(AES-128-CBC with HMAC-SHA256, from the `cryptography` library) under PERSONAL_DATA_KEYS,
which are the data's own keys, never SECRET_KEY. The first key encrypts; every key listed
decrypts, so a new key is put first and `manage.py rotate_personal_data_keys` re-encrypts
what the older ones wrote (README "Keys").

A ciphertext differs at every save, so the database cannot look a phone up: a keyed digest
of its digits (PERSONAL_DATA_HASH_KEY) sits beside it for that. An empty value stays empty,
so the rules "an anonymous slip keeps no phone" remain database constraints.
"""

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class KeyMismatch(ImproperlyConfigured):
    """Data written under a key that PERSONAL_DATA_KEYS no longer lists."""


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "PERSONAL_DATA_KEYS: each key is 32 bytes in URL-safe base64 "
            "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key())')"
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.PERSONAL_DATA_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise KeyMismatch(
            "Không giải mã được số điện thoại, địa chỉ của người góp ý: khóa đã ghi chúng "
            "không còn trong PERSONAL_DATA_KEYS (xem README, mục Keys)."
        ) from error


def rotate(token: str) -> str:
    """The same value under the first key."""
    return fernet().rotate(token.encode()).decode() if token else ""


def phone_digits(phone: str) -> str:
    """0912 000 111, +84 912 000 111 and 0912.000.111 are one phone."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def phone_digest(phone: str) -> str:
    digits = phone_digits(phone)
    if not digits:
        return ""
    key = settings.PERSONAL_DATA_HASH_KEY.encode()
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()[:40]


def audit_marker(value: str) -> str:
    """What the audit log keeps of an encrypted value: that it changed, never the value."""
    if not value:
        return ""
    key = settings.PERSONAL_DATA_HASH_KEY.encode()
    return "mã hóa:" + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:8]


class EncryptedCharField(models.TextField):
    """A short text stored encrypted; forms see a one-line input of ``max_length``."""

    encrypted = True

    def from_db_value(self, value, expression, connection):
        return value if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else encrypt(value)

    def formfield(self, **kwargs):
        return forms.CharField(
            label=self.verbose_name,
            required=not self.blank,
            max_length=self.max_length,
            help_text=self.help_text,
            **kwargs,
        )


class PhoneDigestField(models.CharField):
    """The keyed digest of another field's phone, kept in step at every save and bulk
    insert; code that writes the phone with .update() writes this too."""

    def __init__(self, *args, of: str = "phone", **kwargs):
        self.of = of
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["of"] = self.of
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = phone_digest(getattr(model_instance, self.of) or "")
        setattr(model_instance, self.attname, value)
        return value


def encrypted_models():
    """Each model with encrypted columns: (model, [encrypted fields], [digest fields])."""
    from django.apps import apps  # noqa: PLC0415 - the registry is read when asked

    found = []
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        encrypted = [f for f in fields if getattr(f, "encrypted", False)]
        if encrypted:
            digests = [f for f in fields if isinstance(f, PhoneDigestField)]
            found.append((model, encrypted, digests))
    return found


def rotate_all() -> dict[str, int]:
    """Re-encrypt every value under the first key and recompute the digests under the hash
    key in force; rows per model. Safe to run again: it only rewrites."""
    counts = {}
    for model, encrypted, digests in encrypted_models():
        names = [f.attname for f in encrypted]
        rows = model._base_manager.values_list("pk", *names)
        done = 0
        for pk, *values in rows.iterator(chunk_size=1000):
            plain = dict(zip(names, values, strict=True))
            update = dict(plain)  # saved again: encrypted under the first key
            for digest in digests:
                update[digest.attname] = phone_digest(plain[digest.of])
            model._base_manager.filter(pk=pk).update(**update)
            done += 1
        counts[model._meta.label] = done
    return counts
