"""Writes of the public library: keeping `PublicEntry` rows in step with the initiatives."""

from contextlib import AbstractContextManager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.bulk import insert_new
from danvan.core.deferral import deferred
from danvan.core.text import fold
from danvan.initiatives.changes import InitiativeChange
from danvan.initiatives.models import Initiative, Status
from danvan.library.models import PublicEntry, SearchWord, Withheld, facets_for, sort_key_for
from danvan.orgs.access import has_role
from danvan.orgs.models import Level, Role, Unit


@dataclass
class _Pending:
    """The library work a `deferred_library()` block has put off: initiatives to sync, originals to recount."""

    initiatives: set[int] = field(default_factory=set)
    originals: set[int] = field(default_factory=set)


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


def _entry_values(initiative: Initiative, province: Unit | None, replica_count: int | None = None) -> dict[str, Any]:
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
        "replica_count": recognized_replica_count(initiative.pk) if replica_count is None else replica_count,
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


@transaction.atomic
def entry_sync(*, initiative: Initiative) -> PublicEntry | None:
    """Create, update or remove the public row of one initiative; returns the row if public."""
    if not is_public(initiative):
        PublicEntry.objects.filter(initiative_id=initiative.pk).delete()
        return None
    values = _entry_values(initiative, today_province(initiative.unit))
    entry, _created = PublicEntry.objects.update_or_create(initiative_id=initiative.pk, defaults=values)
    return entry


def replica_count_refresh(*, original_ids: set[int]) -> None:
    """Recount the recognised replicas of originals (a replica was recognised, lost it, or moved)."""
    for original_id in sorted(original_ids):
        PublicEntry.objects.filter(pk=original_id).update(replica_count=recognized_replica_count(original_id))


def on_initiative_changed(change: InitiativeChange) -> None:
    """Follower of the initiatives (`changes.follow`, from `LibraryConfig.ready`)."""
    initiative, before = change.initiative, change.before
    was_recognized = before is not None and before.get("status") == Status.RECOGNIZED
    now_recognized = initiative.status == Status.RECOGNIZED
    if not (was_recognized or now_recognized):
        return  # public rows are only ever those of recognised initiatives: nothing to add or remove
    pending = _pending.get()
    if pending is None:
        entry_sync(initiative=initiative)
    else:
        pending.initiatives.add(initiative.pk)
    originals: set[int] = set()
    old_original = before.get("replicated_from_id") if before else None
    if initiative.replicated_from_id and (
        was_recognized != now_recognized or old_original != initiative.replicated_from_id
    ):
        originals.add(initiative.replicated_from_id)
    if old_original and old_original != initiative.replicated_from_id and was_recognized:
        originals.add(old_original)
    if pending is None:
        replica_count_refresh(original_ids=originals)
    else:
        pending.originals |= originals


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
def initiative_withhold(*, by: Actor, initiative: Initiative, withheld: bool, reason: str = "") -> Initiative:
    """An officer or admin of the unit keeps one initiative out of the public library, or lets it in."""
    if not has_role(by, initiative.unit, [Role.OFFICER, Role.ADMIN]):
        raise PermissionDenied(_("Chỉ cán bộ hoặc quản trị của đơn vị mới quyết định công khai mô hình này."))
    if withheld:
        Withheld.objects.update_or_create(initiative=initiative, defaults={"reason": reason[:255]})
    else:
        Withheld.objects.filter(initiative=initiative).delete()
    entry_sync(initiative=initiative)
    return initiative


def _public_initiatives() -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(
            status=Status.RECOGNIZED,
            recognized_on__isnull=False,
            unit__publishes_initiatives=True,
            library_withheld__isnull=True,
        )
        .select_related("unit")
        .only(*ENTRY_SOURCE_FIELDS)
    )


# What a public row is made of (`_entry_values`): the long texts of the case study stay unread.
ENTRY_SOURCE_FIELDS = ["title", "search_text", "field", "kind", "recognized_level", "recognized_on", "exemplary",
                       "unit__path", "unit__level", "unit__valid_to", "unit__successor", "unit__code", "unit__name",
                       "unit__depth", "unit__publishes_initiatives"]  # fmt: skip


class _Provinces:
    """`today_province` of many units: one lookup per top-level unit when it is a province of today
    (the usual case), one per unit otherwise (units dissolved on 1 July 2025 follow their successor)."""

    def __init__(self) -> None:
        self.by_top: dict[str, Unit | None] = {}
        self.by_unit: dict[int, Unit | None] = {}

    def of(self, unit: Unit) -> Unit | None:
        top = "/".join(unit.path.split("/")[:3]) + "/"  # "/VN/79/"
        if top not in self.by_top:
            found = Unit.objects.filter(path=top, level=Level.PROVINCE, valid_to__isnull=True).first()
            self.by_top[top] = found
        if self.by_top[top] is not None:
            return self.by_top[top]
        if unit.pk not in self.by_unit:
            self.by_unit[unit.pk] = today_province(unit)
        return self.by_unit[unit.pk]


def _write_entries(public: QuerySet[Initiative], chunk: int = 5000) -> int:
    """Insert the public rows of `public` (whose rows must not exist yet), with their replica counts
    and search vectors, in two statements per `chunk` initiatives. Returns how many."""
    provinces = _Provinces()
    batch: list[Initiative] = []
    written = 0

    def flush() -> None:
        replicas = dict(
            Initiative.objects.filter(replicated_from__in=[i.pk for i in batch], status=Status.RECOGNIZED)
            .order_by()
            .values("replicated_from")
            .annotate(n=Count("pk"))
            .values_list("replicated_from", "n")
        )
        entries = [
            PublicEntry(
                initiative_id=i.pk, **_entry_values(i, provinces.of(i.unit), replica_count=replicas.get(i.pk, 0))
            )
            for i in batch
        ]
        insert_new(PublicEntry, entries)
        batch.clear()

    for initiative in public.order_by("pk").iterator(chunk_size=chunk):
        batch.append(initiative)
        written += 1
        if len(batch) >= chunk:
            flush()
    if batch:
        flush()
    return written


def library_rebuild() -> int:
    """Rebuild every public row from the initiatives (after a bulk load); returns the count."""
    with transaction.atomic():
        PublicEntry.objects.all().delete()
        SearchWord.objects.all().delete()  # the lexicon is written again with the rows (PostgreSQL)
        return _write_entries(_public_initiatives())


def entries_sync(*, initiative_ids: set[int]) -> int:
    """`entry_sync` for many initiatives at once, in a few statements per 5.000 (the import)."""
    total = 0
    ordered = sorted(initiative_ids)
    with transaction.atomic():
        for start in range(0, len(ordered), 5000):
            ids = ordered[start : start + 5000]
            PublicEntry.objects.filter(pk__in=ids).delete()
            total += _write_entries(_public_initiatives().filter(pk__in=ids))
    return total


_pending: ContextVar[_Pending | None] = ContextVar("library_pending", default=None)


def deferred_library() -> AbstractContextManager[None]:
    """Collect the library work of many writes and do it once at the end of the block, in bulk
    (`core.deferral`: inside the writes' transaction, nothing written if the block raises)."""
    return deferred(_pending, _Pending, _finish)


def _finish(work: _Pending) -> None:
    entries_sync(initiative_ids=work.initiatives)
    replica_count_refresh(original_ids=work.originals - work.initiatives)


@transaction.atomic
def replica_register(*, by: Actor, original: Initiative, unit: Unit, title: str, summary: str = "") -> Initiative:
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
