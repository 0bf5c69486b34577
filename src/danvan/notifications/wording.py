"""A notification's sentence is kept as its catalogue text and its values, and written in the reader's
language when it is read (the one who acted may read another language than the one told).

Values are data as typed (a title, a note) or a tagged value written out in the reader's language:
`unit(name)` (lowercase administrative word mid-sentence in Vietnamese), `level(code)` ("cấp xã",
"commune level"), `day(date)` (dd/mm/yyyy), `phrase(text)` (a piece of the catalogue, e.g. " (muộn hạn)")."""

import datetime
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from danvan.core.formatting import unit_in_sentence, vn_date
from danvan.orgs.models import Level


def source(text: str | Promise) -> str:
    """The catalogue's own text (the Vietnamese source) of a message, lazy or not."""
    with translation.override(None):
        return str(text)


def unit(name: str) -> dict[str, str]:
    return {"unit": name}


def level(code: str | None) -> dict[str, str]:
    return {"level": code or ""}


def day(value: datetime.date) -> dict[str, str]:
    return {"day": value.isoformat()}


def phrase(text: str | Promise, *, lower: bool = False) -> dict[str, str]:
    return {"lower" if lower else "phrase": source(text)}


def _written(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    ((kind, raw),) = value.items()
    if kind == "unit":
        return unit_in_sentence(raw)
    if kind == "level":
        return str(Level(raw).label).lower() if raw in Level.values else ""
    if kind == "day":
        return vn_date(datetime.date.fromisoformat(raw))
    if kind == "lower":
        return gettext(raw).lower() if raw else ""
    return gettext(raw) if raw else ""


def written(text: str, values: dict[str, Any]) -> str:
    """The sentence in the active language."""
    return gettext(text) % {key: _written(value) for key, value in values.items()}
