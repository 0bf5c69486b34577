from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field as PydanticField

from danvan.accounts.models import User
from danvan.accounts.services import RoleGrant, user_create
from danvan.api.endpoints.common import caller, required_unit
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import Code, CodeFilter, Password, RoleCode, ShortText, Username
from danvan.orgs.access import access_unit, is_root, scope_paths
from danvan.orgs.models import Membership, Role
from danvan.orgs.selectors import paths_q

router = Router(tags=["users"])


class RoleIn(Schema):
    unit: Code
    role: RoleCode


class RoleOut(Schema):
    unit: str
    role: str


class UserIn(Schema):
    username: Username
    full_name: ShortText = ""
    password: Password
    roles: Annotated[list[RoleIn], PydanticField(max_length=50)]


class UserOut(Schema):
    username: str
    full_name: str
    roles: list[RoleOut]


class UserList(Schema):
    items: list[UserOut]
    count: int


class UserFilters(PageParams):
    unit: CodeFilter = ""


def user_item(user: User, memberships: list[Membership] | None = None) -> dict[str, Any]:
    rows = memberships if memberships is not None else getattr(user, "roles_in_scope", [])
    return {
        "username": user.username,
        "full_name": user.full_name,
        "roles": [{"unit": m.unit.code, "role": m.role} for m in rows],
    }


@router.post("/users", response={201: UserOut, **error_responses(400, 401, 403)}, summary=_("Tạo người dùng"))
def user_create_endpoint(request: HttpRequest, payload: UserIn) -> tuple[int, dict[str, Any]]:
    """Create a user with roles; every role must lie in a subtree the caller administers."""
    grants = []
    for i, role in enumerate(payload.roles):
        unit = required_unit(request, role.unit, f"roles.{i}.unit")
        grants.append(RoleGrant(unit=unit, role=role.role))
    user = user_create(
        by=caller(request),
        username=payload.username,
        full_name=payload.full_name,
        password=payload.password,
        roles=grants,
    )
    memberships = list(user.memberships.select_related("unit"))
    return 201, user_item(user, memberships)


@router.get(
    "/users", response={200: UserList, **error_responses(400, 401, 403, 404)}, summary=_("Danh sách người dùng")
)
def user_list(request: HttpRequest, filters: Query[UserFilters]) -> dict[str, Any]:
    """Users holding roles in a subtree the caller administers (`unit`: that subtree only)."""
    user = caller(request)
    if filters.unit:
        paths = [access_unit(user=user, code=filters.unit, roles=[Role.ADMIN]).path]
    elif is_root(user):
        paths = ["/"]
    else:
        paths = scope_paths(user, [Role.ADMIN])
        if not paths:
            raise PermissionDenied(_("Chỉ quản trị đơn vị mới xem được danh sách người dùng."))
    in_scope = paths_q(paths, "unit__path") if paths != ["/"] else Q()
    users = (
        User.objects.filter(pk__in=Membership.objects.filter(in_scope).values("user_id"))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(in_scope).select_related("unit"),
                to_attr="roles_in_scope",
            )
        )
        .order_by("username")
    )
    return paginate(users, filters, user_item)
