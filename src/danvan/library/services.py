"""Writes of the public library: keeping `PublicEntry` rows in step with the initiatives."""

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from danvan.core.text import fold
from danvan.initiatives.models import Initiative, Status
from danvan.library.models import PublicEntry, Withheld, facets_for, sort_key_for
from danvan.orgs.access import has_role
from danvan.orgs.models import Level, Role, Unit


def today_province(unit: Unit) -> Unit | None:
    """The province of today that a unit's records count in.

    A unit of today's tree: its province ancestor. A unit dissolved on 1 July 2025 (or under a
    dissolved unit): follow the deepest successor link and look again.
    """
    for _step in range(8):
        ancestors = sorted(Unit.objects.filter(path__in=unit.ancestor_paths()), key=lambda u: u.depth)
        province = next((a for a in ancestors if a.level == Level.PROVINCE and a.valid_to is None), None)
        if province is not None:
            return province
        successor = next((a.successor for a in reversed(ancestors) if a.successor_id), None)
        if successor is None:
            return None
        unit = successor
    return None


def is_public(initiative: Initiative) -> bool:
    """Recognised, its unit publishes, and not withheld."""
    return (
        initiative.status == Status.RECOGNIZED
        and initiative.recognized_on is not None
        and initiative.unit.publishes_initiatives
        and not Withheld.objects.filter(initiative=initiative).exists()
    )


def recognized_replica_count(initiative_id: int) -> int:
    return Initiative.objects.filter(replicated_from_id=initiative_id, status=Status.RECOGNIZED).count()


def _entry_values(initiative: Initiative, province: Unit | None) -> dict[str, Any]:
    assert initiative.recognized_on is not None
    extra = fold(province.name) if province else ""
    return {
        "province": province,
        "field_id": initiative.field_id,
        "kind": initiative.kind,
        "recognized_level": initiative.recognized_level,
        "recognized_on": initiative.recognized_on,
        "year": initiative.recognized_on.year,
        "exemplary": initiative.exemplary,
        "sort_key": sort_key_for(initiative.recognized_on, initiative.pk),
        "replica_count": recognized_replica_count(initiative.pk),
        "title_folded": fold(initiative.title),
        "facets": facets_for(
            province_code=province.code if province else None,
            field_id=initiative.field_id,
            year=initiative.recognized_on.year,
            kind=initiative.kind,
            level=initiative.recognized_level,
            exemplary=initiative.exemplary,
        ),
        "search_text": f"{initiative.search_text} {extra}".strip(),
    }


def _refresh_vectors(entries: QuerySet[PublicEntry]) -> None:
    """PostgreSQL: the weighted search vector over the folded text: title A, the rest B, and the
    filter tokens D (so a filtered search is one index lookup, as with FTS5 on SQLite)."""
    if connection.vendor != "postgresql":
        return
    entries.update(
        search_vector=SearchVector("title_folded", weight="A", config="simple")
        + SearchVector("search_text", weight="B", config="simple")
        + SearchVector("facets", weight="D", config="simple")
    )


@transaction.atomic
def entry_sync(*, initiative: Initiative) -> PublicEntry | None:
    """Create, update or remove the public row of one initiative; returns the row if public."""
    if not is_public(initiative):
        PublicEntry.objects.filter(initiative_id=initiative.pk).delete()
        return None
    values = _entry_values(initiative, today_province(initiative.unit))
    entry, _created = PublicEntry.objects.update_or_create(initiative_id=initiative.pk, defaults=values)
    _refresh_vectors(PublicEntry.objects.filter(pk=initiative.pk))
    return entry


def replica_count_refresh(*, original_ids: set[int]) -> None:
    """Recount the recognised replicas of originals (a replica was recognised, lost it, or moved)."""
    for original_id in sorted(original_ids):
        PublicEntry.objects.filter(pk=original_id).update(replica_count=recognized_replica_count(original_id))


def on_initiative_changed(*, initiative: Initiative, before: dict[str, Any] | None, **_kwargs: Any) -> None:
    """Receiver of `initiative_changed` (inside the writer's transaction)."""
    entry_sync(initiative=initiative)
    originals: set[int] = set()
    was_recognized = before is not None and before.get("status") == Status.RECOGNIZED
    now_recognized = initiative.status == Status.RECOGNIZED
    old_original = before.get("replicated_from_id") if before else None
    if initiative.replicated_from_id and (
        was_recognized != now_recognized or old_original != initiative.replicated_from_id
    ):
        originals.add(initiative.replicated_from_id)
    if old_original and old_original != initiative.replicated_from_id and was_recognized:
        originals.add(old_original)
    replica_count_refresh(original_ids=originals)


def on_unit_saved(*, instance: Unit, created: bool, raw: bool = False, **_kwargs: Any) -> None:
    """A unit that stops (or starts) publishing takes its initiatives out of (or into) the library."""
    if created or raw:
        return
    if not instance.publishes_initiatives:
        PublicEntry.objects.filter(initiative__unit=instance).delete()
        return
    missing = Initiative.objects.filter(unit=instance, status=Status.RECOGNIZED, library_entry__isnull=True)
    for initiative in missing.select_related("unit"):
        entry_sync(initiative=initiative)


@transaction.atomic
def initiative_withhold(*, by: Any, initiative: Initiative, withheld: bool, reason: str = "") -> Initiative:
    """An officer or admin of the unit keeps one initiative out of the public library, or lets it in."""
    if not has_role(by, initiative.unit, [Role.OFFICER, Role.ADMIN]):
        raise PermissionDenied(_("Chỉ cán bộ hoặc quản trị của đơn vị mới quyết định công khai mô hình này."))
    if withheld:
        Withheld.objects.update_or_create(initiative=initiative, defaults={"reason": reason[:255]})
    else:
        Withheld.objects.filter(initiative=initiative).delete()
    entry_sync(initiative=initiative)
    return initiative


def library_rebuild() -> int:
    """Rebuild every public row from the initiatives (after a bulk import); returns the count."""
    provinces: dict[int, Unit | None] = {}
    with transaction.atomic():
        PublicEntry.objects.all().delete()
        public = (
            Initiative.objects.filter(
                status=Status.RECOGNIZED,
                recognized_on__isnull=False,
                unit__publishes_initiatives=True,
                library_withheld__isnull=True,
            )
            .select_related("unit")
            .order_by("pk")
        )
        batch: list[PublicEntry] = []
        total = 0
        for initiative in public.iterator(chunk_size=5000):
            if initiative.unit_id not in provinces:
                provinces[initiative.unit_id] = today_province(initiative.unit)
            province = provinces[initiative.unit_id]
            assert initiative.recognized_on is not None
            batch.append(
                PublicEntry(
                    initiative_id=initiative.pk,
                    province=province,
                    field_id=initiative.field_id,
                    kind=initiative.kind,
                    recognized_level=initiative.recognized_level,
                    recognized_on=initiative.recognized_on,
                    year=initiative.recognized_on.year,
                    sort_key=sort_key_for(initiative.recognized_on, initiative.pk),
                    exemplary=initiative.exemplary,
                    title_folded=fold(initiative.title),
                    facets=facets_for(
                        province_code=province.code if province else None,
                        field_id=initiative.field_id,
                        year=initiative.recognized_on.year,
                        kind=initiative.kind,
                        level=initiative.recognized_level,
                        exemplary=initiative.exemplary,
                    ),
                    search_text=f"{initiative.search_text} {fold(province.name) if province else ''}".strip(),
                )
            )
            if len(batch) >= 5000:
                total += len(PublicEntry.objects.bulk_create(batch))
                batch = []
        total += len(PublicEntry.objects.bulk_create(batch))
        counts = (
            Initiative.objects.filter(replicated_from=OuterRef("pk"), status=Status.RECOGNIZED)
            .order_by()
            .values("replicated_from")
            .annotate(n=Count("pk"))
            .values("n")
        )
        PublicEntry.objects.filter(
            Q(pk__in=Initiative.objects.filter(replicas__status=Status.RECOGNIZED).values("pk"))
        ).update(replica_count=Coalesce(Subquery(counts), Value(0)))
        _refresh_vectors(PublicEntry.objects.all())
    return total


@transaction.atomic
def replica_register(*, by: Any, original: Initiative, unit: Unit, title: str, summary: str = "") -> Initiative:
    """Start a unit's own initiative "replicated from" a public original, as a draft to complete.

    The registration rules (scope, required fields) are those of `initiative_create`.
    """
    from django.utils import timezone

    from danvan.initiatives.services import InitiativeData, initiative_create

    level = unit.level if unit.level in Level.values else Level.COMMUNE
    data = InitiativeData(
        title=title,
        kind=original.kind,
        field=original.field,
        unit=unit,
        year=timezone.localdate().year,
        registered_level=level,
        summary=summary,
        replicated_from=original,
    )
    return initiative_create(by=by, data=data, register=False)
