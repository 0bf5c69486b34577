"""Parts of the upper unit's report written by the apps above this one (key tasks, reporting rounds).

The reports app writes the movement's figures and the measured results itself; the apps above it
(`keytasks`, `rounds`) join from their `AppConfig.ready` with `contribute(Contributor(...))`, as the
statistics follow the initiatives: this app imports none of them.

A contributor returns `Part`s: a heading and its sentences, placed under "I. KẾT QUẢ THỰC HIỆN"
(`RESULTS`) or "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" (`DIRECTION`). A part with nothing to say is
not returned (no placeholder ever reaches a document).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from danvan.core.periods import Period
from danvan.orgs.models import Unit

RESULTS = "results"
DIRECTION = "direction"


@dataclass(frozen=True)
class PartRequest:
    unit: Unit
    period: Period
    round_id: int | None = None  # the reporting round whose totals and digest the report includes


@dataclass
class Part:
    place: str  # RESULTS or DIRECTION
    heading: str  # without its number: "Thực hiện nhiệm vụ trọng tâm"
    paragraphs: list[str] = field(default_factory=list)
    order: int = 100


@dataclass(frozen=True)
class Contributor:
    name: str
    parts: Callable[[PartRequest], list[Part]]
    # The reporting rounds a report of the unit may include, as (id, title): offered on the dashboard
    # and checked when a report names one.
    rounds: Callable[[Unit], list[tuple[int, str]]] | None = None


_contributors: dict[str, Contributor] = {}


def contribute(contributor: Contributor) -> None:
    """Join (again, under the same name: replaced). Called from an `AppConfig.ready`."""
    _contributors[contributor.name] = contributor


def report_parts(request: PartRequest) -> list[Part]:
    parts = [part for c in list(_contributors.values()) for part in c.parts(request)]
    return sorted(parts, key=lambda p: p.order)


def rounds_for(unit: Unit) -> list[tuple[int, str]]:
    return [pair for c in list(_contributors.values()) if c.rounds is not None for pair in c.rounds(unit)]
