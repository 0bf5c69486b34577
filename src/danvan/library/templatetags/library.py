from typing import Any

from django import template
from django.utils.safestring import SafeString

from danvan.library import search, selectors

register = template.Library()


@register.filter
def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape, then mark the words that match the search (never |safe on what a visitor typed)."""
    return search.highlight(text or "", terms or [])


@register.filter
def snippet(text: str, terms: list[str]) -> str:
    return search.snippet(text or "", terms or [])


@register.simple_tag
def library_portal() -> dict[str, Any]:
    """What the home page shows of the library: latest recognised, exemplary of the year, news."""
    return {
        "latest": selectors.latest_recognized(limit=3),
        "exemplary": selectors.exemplary_of_year(limit=3),
        "news": selectors.conference_news(limit=3),
    }
