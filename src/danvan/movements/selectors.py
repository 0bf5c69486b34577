from django.db.models import Prefetch

from danvan.movements.models import CriteriaSet, Criterion, Field


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
