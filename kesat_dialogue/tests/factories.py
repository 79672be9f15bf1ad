import io

import factory
from pypdf import PdfWriter

from kesat_dialogue import papers
from kesat_dialogue.models import Commune, PaperCode, Role, User


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thử {n}")
    slug = factory.Sequence(lambda n: f"xa-so-{n}")
    province = "Hải Phòng"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    commune = factory.SubFactory(CommuneFactory)
    role = Role.OFFICE
    password = factory.django.Password("matkhau-thu-2026")


def issue_paper(commune, user, code=PaperCode.NOTICE, subject="Thông báo thử"):
    """A paper issued through the register, with a one-line body."""
    return papers.issue_paper(
        commune=commune,
        code=code,
        subject=subject,
        signer_title="CHỦ TỊCH",
        signer_name="Phạm Thị Thu Hiền",
        issued_by=user,
        render=lambda stamp: f"<p>{subject} số {stamp.number:02d}</p>",
    )


def tiny_pdf() -> bytes:
    """A real one-page PDF, as a scanned letter would be attached."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
