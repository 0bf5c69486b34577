"""Reads of commendation decisions and awards."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from danvan.awards.access import decisions_visible_to
from danvan.awards.models import Award, AwardForm, AwardRule, Decision, DecisionStatus, RecipientKind
from danvan.core.actors import Visitor
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative, Status
from danvan.orgs.models import Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors

__all__ = ["decisions_visible_to"]


def decision_list(
    *,
    user: Visitor,
    unit: Unit | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    status: str = "",
    number: str = "",
) -> QuerySet[Decision]:
    """Decisions the user may see, newest first, with their recipient counts.

    `unit` is the issuer's scope: the unit, everything under it, and the dissolved units it took over.
    """
    decisions = decisions_visible_to(user)
    if unit is not None:
        decisions = decisions.filter(paths_q(scope_paths_with_predecessors(unit), "issuer_unit__path"))
    if year_from:
        decisions = decisions.filter(year__gte=year_from)
    if year_to:
        decisions = decisions.filter(year__lte=year_to)
    if status:
        decisions = decisions.filter(status=status)
    if number:
        decisions = decisions.filter(number__icontains=number.strip())
    return (
        decisions.select_related("issuer_unit", "award_form")
        .annotate(
            collectives=Count("awards", filter=Q(awards__recipient_kind=RecipientKind.COLLECTIVE)),
            individuals=Count("awards", filter=Q(awards__recipient_kind=RecipientKind.INDIVIDUAL)),
        )
        .order_by("-date", "-pk")
    )


@dataclass
class AwardGroups:
    collectives: list[Award]
    individuals: list[Award]


def decision_awards(decision: Decision) -> AwardGroups:
    """The recipients of a decision in two groups, in their order (one query)."""
    awards = list(decision.awards.select_related("initiative").order_by("sort", "pk"))
    return AwardGroups(
        collectives=[a for a in awards if a.recipient_kind == RecipientKind.COLLECTIVE],
        individuals=[a for a in awards if a.recipient_kind == RecipientKind.INDIVIDUAL],
    )


def award_by_certificate_code(code: str) -> Award | None:
    """An award of an ISSUED decision by its certificate code (public: the code is the secret)."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]
    if not cleaned:
        return None
    return (
        Award.objects.filter(certificate_code=cleaned, decision__status=DecisionStatus.ISSUED)
        .select_related("decision", "decision__issuer_unit", "decision__award_form")
        .first()
    )


def latest_correction(decision: Decision) -> Decision | None:
    return decision.corrections.filter(status=DecisionStatus.ISSUED).order_by("-date", "-pk").first()


def commendable_initiatives(user: Visitor, issuer_unit: Unit | None = None) -> QuerySet[Initiative]:
    """Recognised initiatives the user sees, in the issuer's scope, newest recognition first (a list
    offers the first ones and finds the rest: `initiatives.picklist.pickable`)."""
    initiatives = initiatives_visible_to(user).filter(status=Status.RECOGNIZED)
    if issuer_unit is not None:
        initiatives = initiatives.filter(paths_q(scope_paths_with_predecessors(issuer_unit), "unit__path"))
    return initiatives.select_related("unit", "unit__parent", "field").order_by("-recognized_on", "-pk")


def counted_decisions_q() -> Q:
    """Issued decisions whose awards stand: not revoked by an issued revocation."""
    revoked = Decision.objects.filter(revocations__status=DecisionStatus.ISSUED).values("pk")
    return Q(status=DecisionStatus.ISSUED) & ~Q(pk__in=revoked)


def counted_awards() -> QuerySet[Award]:
    """The awards statistics should count: of issued decisions, leaving out a decision an issued
    correction replaced (its correction carries the recipients) and a revoked one."""
    superseded = Decision.objects.filter(corrections__status=DecisionStatus.ISSUED).values("pk")
    return Award.objects.filter(decision__in=Decision.objects.filter(counted_decisions_q())).exclude(
        decision__in=superseded
    )


def revocation_of(decision: Decision) -> Decision | None:
    """The issued decision that revoked this one, if any."""
    return decision.revocations.filter(status=DecisionStatus.ISSUED).order_by("date", "pk").first()


def rule_for(award_form: AwardForm, day: datetime.date) -> AwardRule | None:
    """The rule of the award form in force on `day` (NĐ 98/2023 before 1/7/2025, NĐ 152/2025 after)."""
    return (
        AwardRule.objects.filter(award_form=award_form, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
