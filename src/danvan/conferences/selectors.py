"""Reads of conferences: the list, the figures a conference reports, and the published news."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from danvan.awards.models import Award, Decision, DecisionStatus, RecipientKind
from danvan.conferences.access import conferences_visible_to
from danvan.conferences.models import Conference, ConferenceNews, NewsStatus
from danvan.core.actors import Visitor
from danvan.initiatives.models import Initiative, Status
from danvan.movements.models import InitiativeKind
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors


def conference_list(*, user: Visitor, year: int | None = None, kind: str = "") -> QuerySet[Conference]:
    conferences = conferences_visible_to(user)
    if year:
        conferences = conferences.filter(date__year=year)
    if kind:
        conferences = conferences.filter(kind=kind)
    return conferences.select_related("host_unit", "news").order_by("-date", "-pk")


@dataclass
class DecisionFigures:
    decision: Decision
    collectives: int
    individuals: int


@dataclass
class ConferenceFigures:
    """What a conference reports for its scope and period."""

    registered: int = 0
    registered_collective: int = 0
    registered_individual: int = 0
    recognized: int = 0
    recognized_collective: int = 0
    recognized_individual: int = 0
    exemplary: int = 0
    decisions: list[DecisionFigures] = field(default_factory=list)
    commended_collectives: list[str] = field(default_factory=list)
    commended_individuals: list[str] = field(default_factory=list)
    honoured: list[Initiative] = field(default_factory=list)


def conference_figures(conference: Conference) -> ConferenceFigures:
    """Counts straight from Initiative for the scope (with the dissolved units it took over) and
    the period, plus who was commended and honoured. The one place the statistics engineer
    swaps for the shared statistics selector later."""
    paths = scope_paths_with_predecessors(conference.scope_unit)
    in_scope = Initiative.objects.filter(paths_q(paths, "unit__path"))
    period = conference.period
    first, last = period.full_years  # a record with only its year counts in the years reviewed whole
    collective, individual = Q(kind=InitiativeKind.COLLECTIVE), Q(kind=InitiativeKind.INDIVIDUAL)
    registered = (
        in_scope.exclude(status=Status.DRAFT)
        .filter(
            Q(registered_on__range=(period.start, period.end))
            | Q(registered_on__isnull=True, year__gte=first, year__lte=last)
        )
        .aggregate(
            total=Count("pk"), collective=Count("pk", filter=collective), individual=Count("pk", filter=individual)
        )
    )
    recognized = in_scope.filter(status=Status.RECOGNIZED, recognized_on__range=(period.start, period.end)).aggregate(
        total=Count("pk"),
        collective=Count("pk", filter=collective),
        individual=Count("pk", filter=individual),
        exemplary=Count("pk", filter=Q(exemplary=True)),
    )
    decisions = list(
        conference.decisions.filter(status=DecisionStatus.ISSUED)
        .select_related("issuer_unit", "award_form")
        .annotate(
            n_collectives=Count("awards", filter=Q(awards__recipient_kind=RecipientKind.COLLECTIVE)),
            n_individuals=Count("awards", filter=Q(awards__recipient_kind=RecipientKind.INDIVIDUAL)),
        )
        .order_by("date", "pk")
    )
    names = Award.objects.filter(decision__in=[d.pk for d in decisions]).order_by("decision__date", "sort", "pk")
    commended = [
        (kind, f"{name} ({unit})" if kind == RecipientKind.COLLECTIVE and unit else name)
        for kind, name, unit in names.values_list("recipient_kind", "recipient_name", "unit_name")
    ]
    return ConferenceFigures(
        registered=registered["total"],
        registered_collective=registered["collective"],
        registered_individual=registered["individual"],
        recognized=recognized["total"],
        recognized_collective=recognized["collective"],
        recognized_individual=recognized["individual"],
        exemplary=recognized["exemplary"],
        decisions=[DecisionFigures(d, d.n_collectives, d.n_individuals) for d in decisions],  # type: ignore[attr-defined]
        commended_collectives=[n for k, n in commended if k == RecipientKind.COLLECTIVE],
        commended_individuals=[n for k, n in commended if k == RecipientKind.INDIVIDUAL],
        honoured=list(conference.initiatives.select_related("unit").order_by("title")),
    )


def published_news(limit: int | None = 10) -> QuerySet[ConferenceNews]:
    """Published conference news, newest first: for the public portal."""
    news = (
        ConferenceNews.objects.filter(status=NewsStatus.PUBLISHED)
        .select_related("conference", "conference__host_unit")
        .order_by("-published_at", "-pk")
    )
    return news[:limit] if limit else news


def published_news_item(key: str) -> ConferenceNews | None:
    return published_news(limit=None).filter(public_key=str(key)[:16]).first()
