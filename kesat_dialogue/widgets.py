"""Widgets for the pages read most, rendered without a template per option."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """The same ``<select>`` as Django's, built in Python: Django renders each option
    through two templates, which cost a filter bar of five lists ~3 ms on every view of
    the opinion list. Values are escaped by the standard library (``format_html`` wraps
    the same call twice). Lists with option groups keep Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        # iter() first: list() would ask a model choice list its length, one more query.
        choices = list(iter(self.choices))
        if any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        wanted = self.format_value(value)
        options, found = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else option_value
            selected = not found and str(option_value) in wanted
            found |= selected
            options.append(
                f'<option value="{escape(str(option_value))}"{" selected" if selected else ""}>'
                f"{escape(str(label))}</option>"
            )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}</select>')
