from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.movements.models import Field

router = Router(tags=["fields"])


class FieldOut(Schema):
    code: str
    name: str


class FieldList(Schema):
    items: list[FieldOut]
    count: int


@router.get("/fields", response={200: FieldList, **error_responses(400, 401)}, summary=_("Danh sách lĩnh vực"))
def field_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    """Lĩnh vực in use (a configurable list)."""
    return paginate(Field.objects.filter(active=True), params, lambda f: {"code": f.code, "name": f.name})
