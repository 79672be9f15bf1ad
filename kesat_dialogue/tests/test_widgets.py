"""QuickSelect must give the browser exactly what Django's Select gives."""

import pytest
from django import forms
from django.test.html import parse_html

from kesat_dialogue.models import Commune
from kesat_dialogue.tests.factories import CommuneFactory
from kesat_dialogue.widgets import QuickSelect

CHOICES = [("", "Tất cả"), ("a", 'Góp ý <b> & "trích"'), ("b", "Kiến nghị")]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False)
    quick = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)
    django_required = forms.ChoiceField(choices=CHOICES)
    quick_required = forms.ChoiceField(choices=CHOICES, widget=QuickSelect)
    django_village = forms.ModelChoiceField(queryset=Commune.objects.all(), required=False)
    quick_village = forms.ModelChoiceField(
        queryset=Commune.objects.all(), required=False, widget=QuickSelect
    )
    django_grouped = forms.ChoiceField(choices=[("Nhóm", CHOICES[1:])])
    quick_grouped = forms.ChoiceField(choices=[("Nhóm", CHOICES[1:])], widget=QuickSelect)


def _same(form, name):
    django = str(form[f"django{name}"]).replace("django", "X")
    quick = str(form[f"quick{name}"]).replace("quick", "X")
    assert parse_html(quick) == parse_html(django), (quick, django)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"django": "a", "quick": "a", "django_grouped": "b", "quick_grouped": "b"},
        {"django_required": "zz", "quick_required": "zz"},
    ],
)
def test_quick_select_renders_what_djangos_select_renders(data):
    village = CommuneFactory(name="Quán <Gỏi>")
    if data is not None:
        data = {**data, "django_village": village.pk, "quick_village": village.pk}
    form = Both(data, auto_id="id_%s")
    form.is_valid()
    for name in ("", "_required", "_village", "_grouped"):
        _same(form, name)
    assert "Quán &lt;Gỏi&gt;" in str(form["quick_village"])
