import pytest

from opinions import similar
from opinions.models import Opinion
from opinions.tests.factories import make_slip
from opinions.text import fold, key_words


def test_fold_removes_accents_case_and_d_stroke():
    assert fold("  Đường   LÀNG Quán Gỏi ") == "duong lang quan goi"


def test_key_words_drop_common_words():
    assert key_words("Đề nghị xã sửa đường làng") == {"sua", "duong", "lang"}


@pytest.mark.django_db
def test_similar_unmerged_opinions_are_suggested_without_accents(plan):
    make_slip(plan, 1, ["Đề nghị sửa chữa đường làng bị hỏng nặng"])
    make_slip(plan, 2, ["Đường làng xuống cấp, cần sửa chữa"])
    make_slip(plan, 3, ["Trạm y tế thiếu thuốc"])

    found = similar.suggest(Opinion.objects.filter(plan=plan).mergeable(), "sua duong lang")

    assert [o.slip.serial for o in found] == [1, 2] or [o.slip.serial for o in found] == [2, 1]
    assert all("thuốc" not in o.text for o in found)
