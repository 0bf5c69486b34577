from django import template

from danvan.core import formatting

register = template.Library()


@register.filter
def vn_number(value: object, decimals: int = 0) -> str:
    """{{ 1234567|vn_number }} → 1.234.567, whatever the active language."""
    if value in (None, ""):
        return ""
    return formatting.vn_number(value, decimals)  # type: ignore[arg-type]
