from django.db.models import Prefetch, QuerySet

from danvan.movements.models import CriteriaSet, Criterion, Field, Programme


def active_fields() -> list[Field]:
    return list(Field.objects.filter(active=True))


def criteria_set_for(*, kind: str, programme_id: int | None = None) -> CriteriaSet | None:
    """The programme's own set for `kind` if it has one, else the default set, with its criteria."""
    sets = CriteriaSet.objects.filter(kind=kind, active=True).prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("sort", "pk"))
    )
    if programme_id is not None:
        own = sets.filter(programme_id=programme_id).first()
        if own is not None:
            return own
    return sets.filter(programme__isnull=True).first()


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.select_related("issuer").prefetch_related("criteria_sets").order_by("-start", "number")


def default_criteria_sets() -> QuerySet[CriteriaSet]:
    return CriteriaSet.objects.filter(programme=None).prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("sort", "pk"))
    )
