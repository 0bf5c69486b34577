from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.core.formatting import data_name
from danvan.measures.models import Measure

router = Router(tags=["measures"])


class MeasureOut(Schema):
    code: str
    name: str
    unit: str


class MeasureList(Schema):
    items: list[MeasureOut]
    count: int


@router.get("/measures", response={200: MeasureList, **error_responses(400, 401)}, summary=_("Chỉ số kết quả"))
def measure_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    """The measures an initiative's results are recorded in (kết quả định lượng; a configurable list)."""
    return paginate(
        Measure.objects.filter(active=True),
        params,
        lambda m: {"code": m.code, "name": data_name(m.name), "unit": data_name(m.unit_label)},
    )
