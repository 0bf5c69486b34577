"""Reads of the reporting rounds: the completeness board, the totals summed up the tree, each unit's
figures (the Excel of the round), and what the units wrote (for the upper unit's report)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from danvan.core.actors import Actor, Visitor
from danvan.orgs.models import Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors
from danvan.rounds.models import (
    SENT_STATES,
    Indicator,
    ReportingRound,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)


def units_asked(unit: Unit) -> QuerySet[Unit]:
    """The units a round opened by `unit` asks by default: every active unit directly under it."""
    return Unit.objects.filter(parent=unit, valid_to__isnull=True).order_by("path")


@dataclass(frozen=True)
class BoardRow:
    unit_code: str
    unit_name: str
    status: str
    status_label: str
    sent_at: datetime.datetime | None
    late: bool

    @property
    def is_sent(self) -> bool:
        return self.status in SENT_STATES


@dataclass
class Board:
    """Completeness and timeliness (DHIS2's words): who sent on time, late, and who has not, by name."""

    expected: int
    on_time: list[BoardRow] = field(default_factory=list)
    late: list[BoardRow] = field(default_factory=list)
    missing: list[BoardRow] = field(default_factory=list)
    overdue: bool = False

    @property
    def submitted(self) -> int:
        return len(self.on_time) + len(self.late)

    @property
    def rows(self) -> list[BoardRow]:
        return sorted([*self.on_time, *self.late, *self.missing], key=lambda r: r.unit_name)


def round_board(the_round: ReportingRound, *, today: datetime.date | None = None) -> Board:
    """One query: the round's submissions with their unit's code and name, in tree order."""
    labels = {code: str(label) for code, label in SubmissionStatus.choices}
    board = Board(expected=0, overdue=(today or timezone.localdate()) > the_round.due)
    rows = (
        Submission.objects.filter(round=the_round)
        .order_by("unit__path")
        .values_list("unit__code", "unit__name", "status", "sent_at", "late")
    )
    for code, name, status, sent_at, late in rows:
        row = BoardRow(code, name, status, labels[status], sent_at, late)
        board.expected += 1
        if status not in SENT_STATES:
            board.missing.append(row)
        elif late:
            board.late.append(row)
        else:
            board.on_time.append(row)
    return board


def round_indicators(the_round: ReportingRound) -> list[Indicator]:
    return list(Indicator.objects.filter(indicator_set_id=the_round.indicator_set_id).order_by("sort", "pk"))


RATE_PLACES = Decimal("0.1")


def with_rates(indicators: list[Indicator], sums: Mapping[int, Decimal]) -> dict[str, Decimal]:
    """Entered figures as summed, each rate from the sums of its numerator and denominator (in %), never
    an average of rates. A rate whose denominator is 0 is left out (there is nothing to divide)."""
    out: dict[str, Decimal] = {}
    for indicator in indicators:
        if indicator.is_derived:
            numerator = sums.get(indicator.numerator_id or 0, Decimal(0))
            denominator = sums.get(indicator.denominator_id or 0, Decimal(0))
            if denominator:
                out[indicator.code] = (numerator * 100 / denominator).quantize(RATE_PLACES, ROUND_HALF_UP)
        elif indicator.pk in sums:
            out[indicator.code] = sums[indicator.pk]
    return out


def sent_values(the_round: ReportingRound, *, within: Unit | None = None) -> QuerySet[SubmissionValue]:
    values = SubmissionValue.objects.filter(submission__round=the_round, submission__status__in=SENT_STATES)
    if within is not None:
        values = values.filter(paths_q(scope_paths_with_predecessors(within), "submission__unit__path"))
    return values


def round_totals(
    the_round: ReportingRound, *, within: Unit | None = None, indicators: list[Indicator] | None = None
) -> dict[str, Decimal]:
    """The figures of the sent reports summed (over the units under `within` when given, dissolved units
    counted in their successor), with the rates derived from the sums. Two queries (one with `indicators`)."""
    indicators = round_indicators(the_round) if indicators is None else indicators
    sums = {
        row["indicator_id"]: row["total"]
        for row in sent_values(the_round, within=within).order_by().values("indicator_id").annotate(total=Sum("value"))
    }
    return with_rates(indicators, sums)


def submission_values(submission: Submission, indicators: list[Indicator]) -> dict[str, Decimal]:
    sums = dict(SubmissionValue.objects.filter(submission=submission).order_by().values_list("indicator_id", "value"))
    return with_rates(indicators, sums)


def round_rows(the_round: ReportingRound, indicators: list[Indicator]) -> list[tuple[Submission, dict[str, Decimal]]]:
    """Every unit asked, with its figures and rates (sent or not): the Excel of the round, one row per unit.
    Two queries whatever the number of units."""
    submissions = list(Submission.objects.filter(round=the_round).select_related("unit").order_by("unit__path"))
    values: dict[int, dict[int, Decimal]] = {}
    for submission_id, indicator_id, value in SubmissionValue.objects.filter(submission__round=the_round).values_list(
        "submission_id", "indicator_id", "value"
    ):
        values.setdefault(submission_id, {})[indicator_id] = value
    return [(s, with_rates(indicators, values.get(s.pk, {}))) for s in submissions]


@dataclass(frozen=True)
class Written:
    unit_name: str
    code: str
    title: str
    text: str


def round_digest(the_round: ReportingRound) -> list[Written]:
    """What each unit that sent wrote, section by section in the outline's order, attributed to the unit:
    what the upper unit's report quotes."""
    titles = {s["code"]: s["title"] for s in the_round.outline}
    out: list[Written] = []
    sent = Submission.objects.filter(round=the_round, status__in=SENT_STATES).select_related("unit")
    for submission in sent.order_by("unit__path"):
        for code, title in titles.items():
            text = str(submission.sections.get(code, "")).strip()
            if text:
                out.append(Written(submission.unit.name, code, title, text))
    return out


def submissions_to_fill(user: Visitor) -> QuerySet[Submission]:
    """The reports of open rounds asked of the units where the user holds a staff role (a commune
    officer's to-do), the nearest deadline first."""
    from danvan.orgs.access import roles_of
    from danvan.rounds.workflow import STAFF_ROLES

    units = [m.unit_id for m in roles_of(user) if m.role in STAFF_ROLES]
    return (
        Submission.objects.filter(unit_id__in=units, round__status="open")
        .select_related("round", "round__unit", "unit")
        .order_by("round__due", "unit__path")
    )


def submissions_waiting(user: Actor) -> list[Submission]:
    """Of `submissions_to_fill`, those not yet sent or returned to be redone."""
    waiting = [SubmissionStatus.PENDING, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
    return list(submissions_to_fill(user).filter(status__in=waiting)[:50])
