from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from danvan.core import formatting

register = template.Library()


@register.filter
def vn_number(value: object, decimals: int = 0) -> str:
    """{{ 1234567|vn_number }} → 1.234.567, whatever the active language."""
    if value in (None, ""):
        return ""
    return formatting.vn_number(value, decimals)  # type: ignore[arg-type]


@register.filter
def exact(value: object) -> str:
    """{{ score|exact }} → "8,5" (not "8,50"), "10", "1.234,5"; in English "8.5", "1,234.5"."""
    if value in (None, ""):
        return ""
    return formatting.exact(value)  # type: ignore[arg-type]


@register.filter
def count(value: object) -> str:
    """{{ 1234567|count }} → "1.234.567" in Vietnamese, "1,234,567" in English: `intcomma` for whole
    numbers, at a tenth of its cost (a dashboard shows several hundred figures)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return formatting.grouped(value)
    return str(intcomma(value))  # type: ignore[arg-type]


@register.filter
def data_name(value: object) -> str:
    """{{ field.name|data_name }}: see `core.formatting.data_name`."""
    return formatting.data_name(value)


@register.filter
def in_sentence(value: object) -> str:
    """{% blocktranslate with unit=unit.name|in_sentence %}… của {{ unit }}{% endblocktranslate %}: see
    `core.formatting.unit_in_sentence`."""
    return formatting.unit_in_sentence(value)
