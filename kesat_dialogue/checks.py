"""Settings that would break a rule the app carries, refused when the app starts."""

from django.conf import settings
from django.core import checks

# A dialogue's dossier is kept whole, names included, at least this long after it is archived:
# the follow-up of its petitions runs into the next years' dialogues (repeated petitions are
# answered by name) and the archive rule keeps the working file that long.
ARCHIVE_MINIMUM_YEARS = 5


@checks.register()
def retention_not_below_the_archive_minimum(app_configs=None, **kwargs):
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    if years < ARCHIVE_MINIMUM_YEARS:
        return [
            checks.Error(
                f"PERSONAL_DATA_RETENTION_YEARS = {years}: thời hạn lưu họ tên, liên lạc sau "
                f"khi lưu trữ hồ sơ không được dưới {ARCHIVE_MINIMUM_YEARS} năm (thời hạn tối "
                "thiểu giữ hồ sơ đối thoại).",
                hint=f"Đặt PERSONAL_DATA_RETENTION_YEARS từ {ARCHIVE_MINIMUM_YEARS} trở lên.",
                id="kesat.E001",
            )
        ]
    return []
