"""Shared pages kept for minutes: by what they depend on, and rendered anyway when the
cache fails."""

import pytest

from kesat_dialogue import fragments

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_a_kept_fragment_is_rendered_once_per_key(local_cache):
    renders = []

    def render(text):
        return lambda: renders.append(text) or f"<p>{text}</p>"

    first = fragments.kept("thu", ("a", 1), 60, render("một"))
    again = fragments.kept("thu", ("a", 1), 60, render("hai"))
    other = fragments.kept("thu", ("a", 2), 60, render("ba"))
    never = fragments.kept("thu", ("a", 1), 0, render("bốn"))

    assert first[0] == again[0] == "<p>một</p>" and first[1] == again[1] is not None
    assert other[0] == "<p>ba</p>" and never == ("<p>bốn</p>", None)
    assert renders == ["một", "ba", "bốn"]


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("Redis không trả lời")

    set = get


def test_a_failing_cache_still_gives_the_page(monkeypatch):
    monkeypatch.setattr(fragments, "cache", BrokenCache())

    html, made_at = fragments.kept("thu", ("a",), 60, lambda: "<p>vẫn có</p>")

    assert html == "<p>vẫn có</p>" and made_at is not None
