"""Citizens' requests about their data: registering one with its clocks, finding the person's
records across the commune's dialogues, and answering it (a PDF of what is held, a
correction, an erasure, a restriction, a withdrawal of consent)."""

import dataclasses

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kesat_dialogue import papers, privacy, workdays
from kesat_dialogue.models import Commune

from . import personal_data
from .models import (
    ConsentChannel,
    DataRequest,
    OpinionSlip,
    RequestKind,
    SpeakerRequest,
)
from .text import fold


@transaction.atomic
def register(request: DataRequest, *, commune: Commune, by, calendar=None) -> DataRequest:
    """Number the request in its commune, set its clocks, and note the records that match."""
    Commune.objects.select_for_update().get(pk=commune.pk)
    last = DataRequest.objects.filter(commune=commune).aggregate(n=Max("number"))["n"] or 0
    request.commune, request.number, request.registered_by = commune, last + 1, by
    request.set_clocks(calendar or workdays.calendar())
    request.save()
    return request


def candidate_slips(request: DataRequest):
    return (
        OpinionSlip.objects.filter(plan__commune=request.commune)
        .of_person(name=request.person_name, phone=request.person_phone)
        .select_related("plan", "village")
        .order_by("-plan__year", "-plan__number", "serial")
    )


def candidate_speakers(request: DataRequest):
    wanted = fold(request.person_name).split()
    if not wanted:
        return SpeakerRequest.objects.none()
    speakers = SpeakerRequest.objects.filter(plan__commune=request.commune).select_related(
        "plan", "village"
    )
    return [s for s in speakers if all(w in fold(s.name).split() for w in wanted)]


def choose(request: DataRequest, *, slips, speakers) -> None:
    """The office's pick of which candidates are this person's."""
    request.slips.set(slips)
    request.speakers.set(speakers)


@dataclasses.dataclass
class Held:
    """What the app holds about the person, for the PDF and the erasure's confirmation."""

    slips: list
    speakers: list

    @property
    def opinion_count(self) -> int:
        return sum(len(slip.opinions.all()) for slip in self.slips)


def held(request: DataRequest) -> Held:
    slips = list(
        request.slips.select_related("plan", "village", "consent_recorded_by").prefetch_related(
            "opinions"
        )
    )
    return Held(slips=slips, speakers=list(request.speakers.select_related("plan", "village")))


def held_data_pdf(request: DataRequest, *, by, found: Held | None = None) -> bytes:
    """The paper the person receives: every record of theirs, its purpose and who sees it."""
    found = found or held(request)
    commune, today = request.commune, timezone.localdate()
    html = papers.render_html(
        "papers/personal_data.html",
        {
            "paper": {
                "issuer_line1": "Ủy ban nhân dân",
                "issuer_line2": commune.committee_name,
                "place_date": papers.place_date_text(commune.name, today, today),
                "type_name": "Thông báo",
                "subject": f"Cung cấp dữ liệu cá nhân theo yêu cầu số {request.number}",
            },
            "commune": commune,
            "data_request": request,
            "held": found,
            "notice_lines": papers.paragraphs(privacy.current(commune).text),
            "recipients": papers.recipient_lines(
                [f"Ông (Bà) {request.person_name or 'người yêu cầu'}", "Lưu: VT, VP"]
            ),
            "signer": by.get_full_name() or by.username,
        },
    )
    return papers.render_pdf(html)


@transaction.atomic
def correct(request: DataRequest, *, name: str, address: str, phone: str, today) -> int:
    """Write the corrected values on the person's slips (a blank field is left as it is);
    each slip's audit log records the change."""
    changed = 0
    for slip in request.slips.filter(identity_erased_at__isnull=True):
        for column, value in (("name", name), ("address", address), ("phone", phone)):
            if value.strip():
                setattr(slip, column, value.strip())
        slip.anonymous = False
        slip.save()
        changed += 1
    request.close(f"Đã sửa họ tên, liên lạc trên {changed} phiếu theo yêu cầu.", today)
    return changed


@transaction.atomic
def erase(request: DataRequest, *, today) -> tuple[int, int]:
    """Erase the person's identity (erasure or withdrawn consent); the opinions, petitions,
    minutes and issued papers are kept."""
    slips = OpinionSlip.objects.filter(pk__in=request.slips.values("pk"))
    erased = personal_data.erase_identities(slips)
    if request.kind == RequestKind.WITHDRAW:
        slips.update(
            consent=False,
            consent_channel=ConsentChannel.PAPER,
            consent_recorded_by=request.registered_by,
            consent_recorded_at=timezone.now(),
        )
    speakers = personal_data.erase_speakers(
        SpeakerRequest.objects.filter(pk__in=request.speakers.values("pk"))
    )
    words = "Rút lại sự đồng ý: " if request.kind == RequestKind.WITHDRAW else ""
    request.close(
        f"{words}Đã xóa họ tên, địa chỉ, số điện thoại trên {erased} phiếu và {speakers} lượt "
        "đăng ký phát biểu. Ý kiến, kiến nghị, biên bản và văn bản đã ban hành được giữ nguyên.",
        today,
    )
    return erased, speakers


@transaction.atomic
def restrict(request: DataRequest, *, today) -> int:
    slips = OpinionSlip.objects.filter(pk__in=request.slips.values("pk"))
    count = personal_data.restrict(slips)
    request.close(
        f"Đã hạn chế xử lý họ tên, liên lạc trên {count} phiếu: không trang, tệp nào hiển thị.",
        today,
    )
    return count
