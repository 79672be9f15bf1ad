"""What an uploaded attachment may be: PDF, JPEG, PNG or DOCX, and truly what its name says."""

import io
import re
import zipfile

from django import forms
from pypdf import PdfReader

MAX_BYTES = 10 * 1024 * 1024
DOCX_MAX_ENTRIES = 1000
DOCX_MAX_EXPANDED = 50 * 1024 * 1024
_MARKUP = re.compile(rb"<\s*(html|script|svg|iframe|body)", re.IGNORECASE)


def _is_pdf(head: bytes, tail: bytes) -> bool:
    return head.startswith(b"%PDF-") and b"%%EOF" in tail


def _pdf_problem(content: bytes) -> str | None:
    """A PDF is checked by reading it as a PDF reader would: its pages must open."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            return "Tệp PDF có đặt mật khẩu: hãy lưu lại bản không mật khẩu rồi tải lên."
        if len(reader.pages) == 0:
            return "Tệp PDF không có trang nào."
        reader.pages[0].mediabox  # noqa: B018 - reading the first page proves it opens
    except Exception:  # pypdf raises many kinds on a broken file; each means "not a PDF"
        return "Tệp PDF bị hỏng hoặc không phải PDF: hãy mở thử rồi lưu lại dạng PDF."
    return None


def _is_png(head: bytes, tail: bytes) -> bool:
    # Signature, then the IHDR chunk of 13 bytes; an image ends with its IEND chunk.
    return (
        head.startswith(b"\x89PNG\r\n\x1a\n")
        and head[8:16] == b"\x00\x00\x00\x0dIHDR"
        and b"IEND" in tail
    )


def _is_jpeg(head: bytes, tail: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff") and tail.rstrip(b"\x00").endswith(b"\xff\xd9")


def _docx_problem(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if len(entries) > DOCX_MAX_ENTRIES:
                return "Tệp DOCX có quá nhiều thành phần."
            if sum(entry.file_size for entry in entries) > DOCX_MAX_EXPANDED:
                return "Tệp DOCX khi giải nén quá lớn (trên 50 MB)."
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                return "Tệp không phải văn bản Word (.docx) hợp lệ."
    except zipfile.BadZipFile:
        return "Tệp không phải văn bản Word (.docx) hợp lệ."
    finally:
        upload.seek(0)
    return None


CHECKS = {"pdf": _is_pdf, "png": _is_png, "jpg": _is_jpeg, "jpeg": _is_jpeg}
ALLOWED = (*CHECKS, "docx")


def validate_upload(upload):
    """Raise a Vietnamese ValidationError unless the file is an allowed, honest document."""
    if not upload or not hasattr(upload, "content_type"):
        return upload  # nothing new uploaded
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in ALLOWED:
        raise forms.ValidationError("Chỉ nhận tệp PDF, JPG, PNG hoặc Word (.docx).")
    if upload.size > MAX_BYTES:
        raise forms.ValidationError(
            f"Tệp nặng {upload.size / 1024 / 1024:.1f} MB; tối đa 10 MB. Hãy nén hoặc chụp lại."
        )
    if extension == "docx":
        problem = _docx_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload
    content = upload.read()
    upload.seek(0)
    honest = CHECKS[extension](content[:64], content[-1024:])
    if not honest or (extension != "pdf" and _MARKUP.search(content[:4096])):
        raise forms.ValidationError(
            f"Nội dung tệp không phải {extension.upper()} như tên tệp. Hãy chọn đúng tệp."
        )
    if extension == "pdf" and (problem := _pdf_problem(content)):
        raise forms.ValidationError(problem)
    return upload
