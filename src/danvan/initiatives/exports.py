"""The list of initiatives as Excel or CSV, with the list's current filters (the API's names)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase

from danvan.core.exports import export_response
from danvan.initiatives.selectors import InitiativeQuery, initiatives_filtered
from danvan.initiatives.spreadsheet import export_columns


def _year(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() and len(value.strip()) == 4 else None


def query_from_get(request: HttpRequest) -> InitiativeQuery:
    """Filters from the query string: unknown or malformed values are ignored, as the list does."""
    get = request.GET
    year = _year(get.get("year"))
    return InitiativeQuery(
        unit=get.get("unit", "").strip()[:64].replace("\x00", ""),
        year_from=_year(get.get("year_from")) or year,
        year_to=_year(get.get("year_to")) or year,
        status=get.get("status", "")[:32],
        field=get.get("field", "")[:64],
        kind=get.get("kind", "")[:32],
        q=get.get("q", "")[:200].replace("\x00", ""),
    )


@login_required
def initiative_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    rows = initiatives_filtered(user=request.user, query=query_from_get(request)).select_related("field")
    return export_response(items=rows, columns=export_columns(), filename="mo-hinh-dien-hinh", fmt=fmt)
