"""A Vietnamese subject reaches the reader's mail program as it was written."""

from email import message_from_bytes, policy

import pytest
from django.core.mail import EmailMessage

from kesat_dialogue.mail import ReadableSubjectMessage, encoded_words

SUBJECTS = [
    "Nhắc hạn",
    "[Kè Sắt] Giải quyết kiến nghị: Đề nghị nâng cấp, cải tạo tuyến đường liên thôn từ "
    "thôn Quán Gỏi đến thôn Phương Độ đã xuống cấp – hạn 06/12/2026 (còn 1 ngày)",
    "Ký tự 4 byte 𝔸 ở chỗ cắt: " + "ệ" * 14 + "𝔸" * 20,
    "ASCII only reminder",
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_the_subject_reads_back_as_written_and_as_django_would_send_it(subject):
    ours = ReadableSubjectMessage(subject=subject, body="Nội dung", to=["a@ke-sat.vn"])
    django = EmailMessage(subject=subject, body="Nội dung", to=["a@ke-sat.vn"])

    read = message_from_bytes(ours.message().as_bytes(linesep="\r\n"), policy=policy.default)
    expected = message_from_bytes(django.message().as_bytes(), policy=policy.default)

    assert read["Subject"].strip() == expected["Subject"].strip() == subject
    assert ours.subject == subject
    assert all(len(line) <= 78 for line in ours.message().as_string().splitlines())


def test_encoded_words_never_split_a_character_nor_pass_75_characters():
    words = encoded_words("ệ" * 100 + "𝔸" * 30).split(" ")

    assert all(len(word) <= 75 for word in words)
    assert all(word.startswith("=?utf-8?b?") and word.endswith("?=") for word in words)
