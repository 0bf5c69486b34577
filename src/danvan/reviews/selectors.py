"""The review queue: initiatives addressed to the levels where the user reviews, minus conflicts."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Subquery

from danvan.core.actors import Actor, Visitor
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.workflow import REVIEW_ROLES, pass_mark_unmet
from danvan.orgs.access import is_root, roles_of
from danvan.orgs.models import Role, Unit, subtree_lookup
from danvan.orgs.selectors import paths_q
from danvan.reviews.models import Review


@dataclass
class QueueFilters:
    field: str = ""
    kind: str = ""
    unit: Unit | None = None
    unscored: bool = False


def review_memberships(user: Visitor) -> list[Any]:
    return [m for m in roles_of(user) if m.role in REVIEW_ROLES]


def may_review_somewhere(user: Visitor) -> bool:
    return is_root(user) or bool(review_memberships(user))


def is_approver(user: Visitor) -> bool:
    if is_root(user):
        return True
    return any(m.role == Role.APPROVER for m in roles_of(user))


def review_queue_base(user: Actor) -> QuerySet[Initiative]:
    """Under review at a level where the user holds a reviewer/approver role, in that unit's subtree,
    never of the user's own unit, a unit under one where they are an officer, or made by them."""
    rows = Initiative.objects.filter(status=Status.UNDER_REVIEW)
    if is_root(user):
        return rows
    addressed = Q(pk__in=[])
    for m in review_memberships(user):
        # the units as a subquery: PostgreSQL then reads the (status, review_level) index once and
        # hashes the subtree, instead of probing the initiatives once per unit of a province
        subtree = Unit.objects.filter(**subtree_lookup("path", m.unit.path)).values("pk")
        addressed |= Q(review_level=m.unit.level, unit_id__in=subtree)
    memberships = roles_of(user)
    officer_paths = [m.unit.path for m in memberships if m.role == Role.OFFICER]
    rows = rows.filter(addressed).exclude(unit_id__in={m.unit_id for m in memberships})
    if officer_paths:
        rows = rows.exclude(paths_q(officer_paths))
    return rows.exclude(created_by=user)


def review_queue(*, user: Actor, filters: QueueFilters) -> QuerySet[Initiative]:
    mine = Review.objects.filter(initiative=OuterRef("pk"), level=OuterRef("review_level"), reviewer=user)
    rows = review_queue_base(user).select_related("unit", "unit__parent", "field")
    if filters.field:
        rows = rows.filter(field_id=filters.field)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.unit is not None:
        rows = rows.filter(**subtree_lookup("unit__path", filters.unit.path))
    rows = rows.annotate(my_total=Subquery(mine.values("total")[:1]), my_max=Subquery(mine.values("max_total")[:1]))
    if filters.unscored:
        rows = rows.filter(~Exists(mine))
    return rows.only(
        "pk",
        "title",
        "kind",
        "year",
        "status",
        "review_level",
        "recognized_level",
        "person_name",
        "updated_at",
        "unit__name",
        "unit__code",
        "unit__depth",
        "unit__parent",
        "unit__parent__name",
        "unit__path",
        "field__name",
    ).order_by("updated_at", "pk")


def reviews_of(initiative: Initiative) -> list[Review]:
    """Every score sheet of the initiative, all levels, with the scores and criteria."""
    return list(
        Review.objects.filter(initiative=initiative)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
        .order_by("level", "pk")
    )


@dataclass
class RecognitionPreview:
    """The chosen initiatives as bulk recognition will treat them."""

    ready: list[Initiative]
    unscored: list[Initiative]  # no score sheet of the level now reviewing: refused
    below: list[tuple[Initiative, str]]  # the sheets' mean under the pass mark: refused, with the reason


def recognition_preview(*, user: Any, initiative_ids: list[int]) -> RecognitionPreview:
    """The chosen initiatives of the user's queue, split as bulk recognition will treat them (the
    workflow's requirements of "recognize": a score sheet of the level, the pass mark). Two queries."""
    rows = list(review_queue_base(user).filter(pk__in=initiative_ids).select_related("unit").order_by("title", "pk"))
    sheets = {
        (r["initiative_id"], r["level"]): r
        for r in Review.objects.filter(initiative_id__in=[r.pk for r in rows])
        .values("initiative_id", "level", "criteria_set__pass_mark", "criteria_set__pass_mark_basis")
        .annotate(mean=Avg("total"))
        .order_by()
    }
    preview = RecognitionPreview([], [], [])
    for row in rows:
        sheet = sheets.get((row.pk, row.review_level))
        if sheet is None:
            preview.unscored.append(row)
        elif reason := pass_mark_unmet(
            row,
            mean=sheet["mean"],
            pass_mark=sheet["criteria_set__pass_mark"],
            basis=sheet["criteria_set__pass_mark_basis"],
        ):
            preview.below.append((row, reason))
        else:
            preview.ready.append(row)
    return preview


def review_queue_counts(user: Actor) -> dict[str, int]:
    """How many initiatives wait in the user's review queue, by the level reviewing them (one query;
    none when they review nowhere)."""
    if not may_review_somewhere(user):
        return {}
    rows = review_queue_base(user).order_by().values("review_level").annotate(n=Count("pk"))
    return {row["review_level"]: row["n"] for row in rows}
