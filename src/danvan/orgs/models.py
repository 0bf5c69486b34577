"""The organisation tree: units (a materialized path), their history, and roles held in them."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AppendOnlyEvent, BaseModel


class Level(models.TextChoices):
    """Cấp: the level an initiative is registered or recognised at."""

    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Trung ương")


LEVEL_ORDER = [Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.CENTRAL]

DISTRICTS_DISSOLVED = datetime.date(2025, 7, 1)
"""Local government has two levels from 1 July 2025 (Luật Tổ chức chính quyền địa phương 2025): no
district level after it."""


def levels_on(day: datetime.date) -> list[tuple[str, Any]]:
    """The levels that exist on `day`, as choices: the one rule for which levels a form offers."""
    return [
        (code, label) for code, label in Level.choices if not (code == Level.DISTRICT and day >= DISTRICTS_DISSOLVED)
    ]


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ đơn vị")
    REVIEWER = "reviewer", _("Người thẩm định")
    APPROVER = "approver", _("Người phê duyệt")
    ADMIN = "admin", _("Quản trị đơn vị")
    VIEWER = "viewer", _("Người xem")


class PathField(models.CharField):
    """A path compared byte by byte on both databases, so a subtree is an indexed range."""

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class UnitKind(models.Model):
    """Loại đơn vị: data, not code (tỉnh, xã, thôn, cơ quan, MTTQ, đoàn thể, ...)."""

    code = models.SlugField(primary_key=True, max_length=32)
    name = models.CharField(_("tên loại"), max_length=100)
    level = models.CharField(
        _("cấp"),
        max_length=16,
        choices=Level.choices,
        blank=True,
        help_text=_("Để trống với đơn vị không phải cấp hành chính: nó thuộc cấp của đơn vị cha."),
    )
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("loại đơn vị")
        verbose_name_plural = _("loại đơn vị")

    def __str__(self) -> str:
        return str(self.name)


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree(self, path: str) -> "UnitQuerySet":
        """The unit at `path` and everything under it: an indexed range on both databases."""
        return self.filter(**subtree_lookup("path", path))

    def active_on(self, day: datetime.date) -> "UnitQuerySet":
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


def subtree_lookup(field: str, path: str) -> dict[str, str]:
    """Filter kwargs for "path starts with `path`" written as a range, which an index serves.

    Every path ends in "/", and "0" is the byte after "/", so [p, p[:-1] + "0") holds exactly
    the paths that start with p. A LIKE prefix would not use the index on SQLite.
    """
    return {f"{field}__gte": path, f"{field}__lt": path[:-1] + "0"}


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """Drop every path that lies under another one of the set: the subtrees stay the same."""
    minimal: list[str] = []
    for path in sorted(set(paths)):
        if not minimal or not path.startswith(minimal[-1]):
            minimal.append(path)
    return minimal


class Unit(BaseModel):
    """Đơn vị: a node of the tree. Codes are stable (national statistics codes where they exist)."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, verbose_name=_("loại"), db_column="kind")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("đơn vị cha")
    )
    path = PathField(max_length=512, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices, blank=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"),
    )
    contact_office = models.CharField(_("địa chỉ liên hệ (cơ quan)"), max_length=255, blank=True)
    contact_email = models.EmailField(_("thư điện tử cơ quan"), blank=True)
    contact_phone = models.CharField(_("điện thoại cơ quan"), max_length=32, blank=True)
    publishes_initiatives = models.BooleanField(
        _("công khai mô hình đã công nhận"),
        default=True,
        help_text=_("Cho phép mô hình, điển hình đã được công nhận của đơn vị xuất hiện trên thư viện công khai."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [models.Index(fields=["parent", "name"]), models.Index(fields=["successor"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    def ancestor_paths(self) -> list[str]:
        """Paths of this unit and every unit above it, root first."""
        parts = self.path.strip("/").split("/")
        return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]

    def is_within(self, path: str) -> bool:
        return self.path.startswith(path)


class Membership(BaseModel):
    """A role held in a unit; it applies to the unit's whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("đơn vị"))
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    class Meta:
        ordering = ["unit__path", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class MembershipEvent(AppendOnlyEvent):
    """A role granted or revoked: who gave or took it, whose, in which unit (append-only)."""

    class Action(models.TextChoices):
        GRANT = "grant", _("Giao vai trò")
        REVOKE = "revoke", _("Thu hồi vai trò")

    action = models.CharField(max_length=16, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("nhật ký giao vai trò")
        verbose_name_plural = _("nhật ký giao vai trò")

    def __str__(self) -> str:
        return f"{self.action} {self.role} {self.user_id} {self.unit_id}"
