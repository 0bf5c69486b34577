"""Writes to the unit tree and to roles. Each takes keyword arguments and checks its own rights."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.text import fold, nfc
from danvan.orgs.access import forget_roles, has_role, is_root, level_rank
from danvan.orgs.events import membership_granted_event, membership_revoked_event
from danvan.orgs.models import LEVEL_ORDER, Membership, Role, Unit, UnitKind

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


def unit_path(parent: Unit | None, code: str) -> str:
    return (parent.path if parent else "/") + code + "/"


def unit_level(kind: UnitKind, parent: Unit | None) -> str:
    return kind.level or (parent.level if parent else "")


def creatable_kinds(*, by: Actor, parent: Unit | None) -> QuerySet[UnitKind]:
    """The kinds of unit `by` may add under `parent`: the same list for the web form, the API and
    the services. Units without an administrative level (village, agency, front, ...) anywhere;
    an administrative kind only below the parent's level (a province may add a commune, a
    commune never a province); anything for a superuser."""
    kinds = UnitKind.objects.all()
    if is_root(by):
        return kinds
    below = LEVEL_ORDER[: level_rank(parent.level)] if parent is not None else []
    return kinds.filter(Q(level="") | Q(level__in=below))


@transaction.atomic
def unit_create(
    *,
    by: Actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    successor: Unit | None = None,
    contact_office: str = "",
) -> Unit:
    """Add a unit below or beside a commune. Only an admin of the parent's subtree may, of a kind
    `creatable_kinds` allows, and the successor must lie in their subtree too (a dissolved unit's
    records count in its successor's figures)."""
    errors: dict[str, list[str]] = {}
    code = (code or "").strip()
    name = nfc(name)
    if not CODE_RE.match(code):
        errors["code"] = [_("Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang; tối đa 32 ký tự.")]
    elif Unit.objects.filter(code=code).exists():
        errors["code"] = [_("Mã “%(code)s” đã được dùng cho một đơn vị khác. Hãy chọn mã khác.") % {"code": code}]
    if not name:
        errors["name"] = [_("Hãy nhập tên đơn vị.")]
    unit_kind = UnitKind.objects.filter(code=kind).first()
    if unit_kind is None:
        errors["kind"] = [_("Loại đơn vị “%(kind)s” không có trong danh mục.") % {"kind": kind}]
    elif not creatable_kinds(by=by, parent=parent).filter(pk=unit_kind.pk).exists():
        errors["kind"] = [
            _(
                "Bạn không được thêm đơn vị loại “%(kind)s” dưới “%(parent)s”: chỉ thêm được đơn vị "
                "thấp hơn cấp của đơn vị cha (thôn, cơ quan, mặt trận, đoàn thể...)."
            )
            % {"kind": unit_kind.name, "parent": parent.name if parent else "—"}
        ]
    if successor is not None and not has_role(by, successor, [Role.ADMIN]):
        errors["successor"] = [
            _(
                "Đơn vị kế thừa “%(unit)s” nằm ngoài phạm vi bạn quản trị: số liệu của đơn vị mới sẽ "
                "được tính cho đơn vị đó. Hãy chọn đơn vị kế thừa trong phạm vi của mình, hoặc để trống."
            )
            % {"unit": successor.name}
        ]
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = [_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")]
    if parent is None and not is_root(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thêm đơn vị cấp cao nhất."))
    if parent is not None and not has_role(by, parent, [Role.ADMIN]):
        raise PermissionDenied(_("Bạn chỉ được thêm đơn vị trong phạm vi mình quản trị."))
    if errors:
        raise ValidationError(errors)
    assert unit_kind is not None
    unit = Unit(
        code=code,
        name=name,
        name_folded=fold(name),
        kind=unit_kind,
        parent=parent,
        path=unit_path(parent, code),
        depth=(parent.depth + 1) if parent else 1,
        level=unit_level(unit_kind, parent),
        valid_from=valid_from,
        valid_to=valid_to,
        successor=successor,
        contact_office=nfc(contact_office),
    )
    unit.save()
    return unit


@transaction.atomic
def membership_grant(*, by: Actor, user: Actor, unit: Unit, role: str) -> Membership:
    """Give `user` a role in `unit`; only an admin of that unit's subtree may."""
    if role not in Role.values:
        raise ValidationError({"role": [_("Vai trò “%(role)s” không hợp lệ.") % {"role": role}]})
    if not has_role(by, unit, [Role.ADMIN]):
        raise PermissionDenied(_("Bạn chỉ được giao vai trò trong phạm vi đơn vị mình quản trị."))
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        membership_granted_event(membership=membership, by=by)
    forget_roles(user)
    return membership


@transaction.atomic
def membership_revoke(*, by: Actor, membership: Membership) -> None:
    if not has_role(by, membership.unit, [Role.ADMIN]):
        raise PermissionDenied(_("Bạn chỉ được thu hồi vai trò trong phạm vi đơn vị mình quản trị."))
    membership_revoked_event(membership=membership, by=by)
    membership.delete()
    forget_roles(membership.user)
