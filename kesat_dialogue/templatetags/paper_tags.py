"""Filters that set a paper's text as a clerk would."""

from django import template

from kesat_dialogue import papers, workdays

register = template.Library()


@register.filter
def unbroken(text: str) -> str:
    """A title whose word pairs ("tiếp xúc", "Quán Gỏi") and year never break apart."""
    return papers.unbroken(str(text))


@register.filter
def short_date(day) -> str:
    """ "30/6/2026", as the seed writes dates inside sentences."""
    return papers.short_date(day) if day else ""


@register.filter
def money(amount) -> str:
    return papers.money(amount)


@register.filter
def recipient_lines(lines) -> list[str]:
    return papers.recipient_lines(lines or [])


@register.filter
def weekday_date(day):
    """ "18/12/2026 (Thứ sáu)": a due date checked against a wall calendar."""
    return workdays.describe(day) if day else ""
