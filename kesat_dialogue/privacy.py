"""The commune's notice on citizens' personal data (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15,
Nghị định 356/2025/NĐ-CP): a plain-Vietnamese text the commune edits, each edit a new
version; the slip prints its short form and every consent names the version shown."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from .models import Commune, PrivacyNotice


def default_text(commune: Commune) -> str:
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    return (
        f"Ủy ban nhân dân xã {commune.name} và Ủy ban MTTQ xã thu thập họ tên, địa chỉ, số "
        "điện thoại và ý kiến của người góp ý để tổng hợp, trả lời và báo kết quả giải quyết "
        "ý kiến, kiến nghị trong hội nghị tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã "
        "với Nhân dân.\n"
        "Chỉ Văn phòng HĐND và UBND xã, Ủy ban MTTQ xã và Chủ tịch UBND xã được xem họ tên, địa "
        "chỉ, số điện thoại; trưởng thôn chỉ xem của thôn mình. Cơ quan giải quyết, trang công "
        "khai và văn bản niêm yết chỉ có nội dung ý kiến, không có họ tên.\n"
        "Họ tên và liên lạc chỉ được lưu khi người góp ý đánh dấu ô «Đồng ý» trên phiếu; không "
        "đồng ý thì ý kiến vẫn được ghi nhận như phiếu giấu tên.\n"
        f"Họ tên, địa chỉ, số điện thoại được lưu đến khi hồ sơ cuộc đối thoại được lưu trữ và "
        f"thêm {years} năm; ý kiến và văn bản được lưu theo quy định về lưu trữ.\n"
        "Người góp ý có quyền biết, xem, sửa, xóa dữ liệu của mình, hạn chế xử lý hoặc rút lại "
        f"sự đồng ý: liên hệ Văn phòng HĐND và UBND xã {commune.name} (bộ phận một cửa)."
    )


def short_text(commune: Commune) -> str:
    """What the blank slip prints above its consent box."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    return (
        f"UBND xã và Ủy ban MTTQ xã {commune.name} thu họ tên, liên lạc để trả lời ý kiến; chỉ "
        "Văn phòng, MTTQ và Chủ tịch UBND xã được xem; lưu đến khi lưu trữ hồ sơ và thêm "
        f"{years} năm. Ông (bà) có quyền xem, sửa, xóa, rút lại đồng ý tại Văn phòng UBND xã."
    )


def current(commune: Commune) -> PrivacyNotice:
    """The notice in force, read only: until the commune publishes one, the default text as
    version 1 (stored by ``in_force`` the first time a consent names it)."""
    return PrivacyNotice.objects.current(commune) or PrivacyNotice(
        commune=commune, version=1, text=default_text(commune)
    )


def in_force(commune: Commune) -> PrivacyNotice:
    """The notice in force, stored: what a consent names must exist as it was read."""
    notice = current(commune)
    if notice.pk is None:
        notice, _ = PrivacyNotice.objects.get_or_create(
            commune=commune, version=1, defaults={"text": notice.text}
        )
    return notice


@transaction.atomic
def publish(commune: Commune, text: str, *, by) -> PrivacyNotice:
    """A new version; the earlier ones stay as the consents given under them read them."""
    Commune.objects.select_for_update().get(pk=commune.pk)
    in_force(commune)
    last = PrivacyNotice.objects.filter(commune=commune).aggregate(v=Max("version"))["v"] or 0
    return PrivacyNotice.objects.create(
        commune=commune, version=last + 1, text=text.strip(), published_by=by
    )


def record_view(request, page: str, slips) -> None:
    """Log that the user saw the names or contacts of these slips' writers; a page showing
    none (all anonymous) is not logged."""
    from .models import IdentityView  # noqa: PLC0415

    named = [s for s in slips if not s.identity_hidden and (s.name or s.phone or s.address)]
    if not named:
        return
    IdentityView.objects.create(
        commune=request.user.commune,
        user=request.user,
        page=page[:200],
        path=request.get_full_path()[:300],
        subjects="\n".join(f"Phiếu {s.serial:04d}: {s.name or 'không ghi tên'}" for s in named),
        subject_count=len(named),
    )
