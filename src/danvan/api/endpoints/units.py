import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.endpoints.common import body_unit, caller
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import Code, CodeFilter, IsoDate, ShortText
from danvan.orgs import selectors, services
from danvan.orgs.access import access_unit
from danvan.orgs.models import Unit

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str | None


class UnitList(Schema):
    items: list[UnitOut]
    count: int


class UnitFilters(PageParams):
    q: ShortText = ""
    kind: CodeFilter = ""
    parent: CodeFilter = ""
    active_on: IsoDate | None = None


class UnitIn(Schema):
    code: Code
    name: ShortText
    kind: Code
    parent: Code | None = None
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    successor: Code | None = None


def unit_item(unit: Unit) -> dict[str, object]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind_id,
        "parent": unit.parent.code if unit.parent_id else None,  # type: ignore[union-attr]
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successor": unit.successor.code if unit.successor_id else None,  # type: ignore[union-attr]
    }


@router.get("/units", response={200: UnitList, **error_responses(400, 401, 404)}, summary=_("Danh sách đơn vị"))
def unit_list(request: HttpRequest, filters: Query[UnitFilters]) -> dict[str, object]:
    """Units of the tree (public to every token). `q` matches names with or without diacritics."""
    parent = access_unit(user=caller(request), code=filters.parent) if filters.parent else None
    units = selectors.unit_list(q=filters.q, kind=filters.kind, parent=parent, active_on=filters.active_on)
    return paginate(units, filters, unit_item)


@router.post("/units", response={201: UnitOut, **error_responses(400, 401, 403)}, summary=_("Thêm đơn vị"))
def unit_create(request: HttpRequest, payload: UnitIn) -> tuple[int, dict[str, object]]:
    """Add a unit under `parent`; only an admin of the parent's subtree may (the root: superusers)."""
    user = caller(request)
    unit = services.unit_create(
        by=user,
        code=payload.code,
        name=payload.name,
        kind=payload.kind,
        parent=body_unit(request, payload.parent, "parent"),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        successor=body_unit(request, payload.successor, "successor"),
    )
    return 201, unit_item(unit)
