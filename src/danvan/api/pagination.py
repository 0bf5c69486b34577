"""The contract's lists: {"items": [...], "count": <total matching>} with page (1-based) and page_size."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from ninja import Schema

from danvan.api.types import Page, PageSize

DEFAULT_PAGE_SIZE = 50


class PageParams(Schema):
    page: Page = 1
    page_size: PageSize = DEFAULT_PAGE_SIZE


def paginate[M: Model](rows: QuerySet[M], params: PageParams, item: Callable[[M], Any]) -> dict[str, Any]:
    """Two queries: the count, then one page of rows."""
    count = rows.count()
    start = (params.page - 1) * params.page_size
    page = list(rows[start : start + params.page_size]) if start < count else []
    return {"items": [item(row) for row in page], "count": count}
