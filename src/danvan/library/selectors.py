"""Reads of the public library (besides search, in `search.py`)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.awards.models import Decision
from danvan.awards.selectors import counted_decisions_q
from danvan.conferences.models import ConferenceNews
from danvan.conferences.selectors import published_news
from danvan.core.actors import Visitor
from danvan.initiatives.models import Attachment, Initiative, Status
from danvan.library.models import PublicEntry
from danvan.library.search import with_details
from danvan.orgs.models import Role, Unit
from danvan.orgs.selectors import picker_units


@dataclass
class ProvinceSpread:
    province: str
    count: int


@dataclass
class Spread:
    """Where an initiative was replicated: recognised replicas only."""

    total: int
    by_province: list[ProvinceSpread]
    public_replicas: list[PublicEntry]

    @property
    def not_public(self) -> int:
        return self.total - sum(p.count for p in self.by_province)


def entries_with_details() -> QuerySet[PublicEntry]:
    return with_details(PublicEntry.objects.all())


def latest_recognized(*, limit: int = 6) -> list[PublicEntry]:
    return list(entries_with_details().order_by("-sort_key")[:limit])


def exemplary_of_year(*, year: int | None = None, limit: int = 6) -> list[PublicEntry]:
    year = year or timezone.localdate().year
    return list(entries_with_details().filter(exemplary=True, year=year).order_by("-sort_key")[:limit])


def conference_news(*, limit: int = 5) -> list[ConferenceNews]:
    """Published news of review conferences, newest first."""
    return list(published_news(limit=limit))


def commending_decisions(*, initiative: Initiative) -> list[Decision]:
    """Issued decisions that commended the initiative (drafts are not public; a revoked one no longer vouches)."""
    return list(
        Decision.objects.filter(counted_decisions_q(), awards__initiative=initiative)
        .select_related("award_form", "issuer_unit")
        .distinct()
        .order_by("-date", "-pk")
    )


def spread_of(*, entry: PublicEntry) -> Spread:
    """Recognised replicas: the total, the count by today's province (public ones), the public list.

    Queries: the province counts, the public replicas.
    """
    public = PublicEntry.objects.filter(initiative__replicated_from_id=entry.pk)
    by_province = [
        ProvinceSpread(province=row["province__name"] or "", count=row["n"])
        for row in public.values("province__name").annotate(n=Count("pk")).order_by("-n", "province__name")
    ]
    replicas = list(public.select_related("initiative__unit", "province").order_by("-sort_key")[:50])
    return Spread(total=entry.replica_count, by_province=by_province, public_replicas=replicas)


def contact_unit(*, unit: Unit) -> Unit | None:
    """The nearest unit (itself or above) that has an office contact: address, email or phone."""
    with_contact = Unit.objects.filter(path__in=unit.ancestor_paths()).filter(
        ~Q(contact_office="") | ~Q(contact_email="") | ~Q(contact_phone="")
    )
    return with_contact.order_by("-depth").first()


def public_images(*, initiative: Initiative) -> list[Attachment]:
    return list(
        Attachment.objects.filter(initiative=initiative, kind=Attachment.Kind.IMAGE)
        .only("pk", "caption", "original_name", "thumbnail", "initiative_id")
        .order_by("pk")
    )


def original_of(*, initiative: Initiative) -> PublicEntry | None:
    """The public original an initiative was replicated from, if it is public."""
    if not initiative.replicated_from_id:
        return None
    return entries_with_details().filter(pk=initiative.replicated_from_id).first()


def replicable_units(*, user: Visitor) -> QuerySet[Unit]:
    """Today's units where the user holds an officer or admin role: where they may register."""
    from danvan.orgs.access import roles_of
    from danvan.orgs.models import Role

    ids = [m.unit_id for m in roles_of(user) if m.role in (Role.OFFICER, Role.ADMIN)]
    return Unit.objects.filter(pk__in=ids, valid_to__isnull=True).order_by("path")


def replica_scope(*, user: Visitor) -> QuerySet[Unit]:
    """Units the user may register a replica for (as `initiative_create` allows): today's units of their
    officer or admin scope; a form lists `replicable_units` and its type-ahead finds the rest."""
    return picker_units(user, (Role.OFFICER, Role.ADMIN))


def recognized_replicas_count(*, initiative: Initiative) -> int:
    """The same figure as `PublicEntry.replica_count`, computed (for checks)."""
    return Initiative.objects.filter(replicated_from=initiative, status=Status.RECOGNIZED).count()


def sitemap_entries() -> QuerySet[PublicEntry]:
    return (
        PublicEntry.objects.select_related("initiative")
        .only("initiative__public_key", "updated_at", "recognized_on")
        .order_by("-sort_key")
    )


def today() -> datetime.date:
    return timezone.localdate()


def may_withhold(*, user: Visitor, initiative: Initiative) -> bool:
    """Officers and admins of the initiative's unit (or above) may take it out of the library."""
    from danvan.orgs.access import has_role
    from danvan.orgs.models import Role

    return bool(getattr(user, "is_authenticated", False)) and has_role(
        user, initiative.unit, [Role.OFFICER, Role.ADMIN]
    )
