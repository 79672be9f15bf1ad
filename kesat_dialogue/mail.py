"""E-mail as the app sends it."""

import base64

from django.core.mail import EmailMessage

# An encoded word is at most 75 characters: "=?utf-8?b?" + base64 + "?=" leaves 63 for the
# base64 of 45 bytes (RFC 2047 §2).
_WORD_BYTES = 45


def encoded_words(text: str) -> str:
    """``text`` as RFC 2047 base64 words of UTF-8, never splitting a character, separated by
    spaces (which a reader drops between encoded words): what Python's Header encoder gives,
    in one pass."""
    words, chunk = [], b""
    for char in text:
        data = char.encode()
        if len(chunk) + len(data) > _WORD_BYTES:
            words.append(chunk)
            chunk = b""
        chunk += data
    words.append(chunk)
    return " ".join(f"=?utf-8?b?{base64.b64encode(word).decode()}?=" for word in words)


class ReadableSubjectMessage(EmailMessage):
    """An e-mail whose Vietnamese subject is encoded in one pass. Python's header encoder
    refolds a non-ASCII subject character by character, which was most of the time of a
    reminder e-mail in a national sweep; given ASCII, it takes it as it is. ``subject``
    stays readable on the object."""

    def message(self, **kwargs):
        readable = self.subject
        if not readable.isascii():
            self.subject = encoded_words(readable)
        try:
            return super().message(**kwargs)
        finally:
            self.subject = readable
