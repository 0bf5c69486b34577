"""After a write to an initiative: one typed change, handed to every app that keeps something in step.

Every service of `initiatives.services` that writes an initiative ends, inside its transaction, with
`initiative_changed(change)`: the saved initiative, its counted fields before and after, and the event
it wrote. The apps that follow the initiatives (the statistics, the public library, the
notifications) join in one way, from their `AppConfig.ready`: `follow(Follower(name, receive,
deferred))`. This app imports none of them.

`bulk()` puts off every follower's work to the end of a block, still inside the writes' transaction
(`with transaction.atomic(), bulk():`): an import says "bulk" once, whoever follows.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from danvan.initiatives.models import Initiative, InitiativeEvent

# The fields the followers compare before and after a write.
COUNTED_FIELDS = (
    "status",
    "unit_id",
    "year",
    "registered_on",
    "kind",
    "field_id",
    "registered_level",
    "recognized_level",
    "recognized_on",
    "exemplary",
    "review_level",
    "replicated_from_id",
    "person_gender",
)

Snapshot = Mapping[str, Any]


def snapshot(initiative: Initiative) -> dict[str, Any]:
    return {name: getattr(initiative, name) for name in COUNTED_FIELDS}


@dataclass(frozen=True, slots=True)
class InitiativeChange:
    initiative: Initiative  # as saved
    before: Snapshot | None  # the counted fields before the write; None for a new initiative
    after: Snapshot
    event: InitiativeEvent  # the event the write recorded


@dataclass(frozen=True)
class Follower:
    """An app that keeps something in step with the initiatives."""

    name: str
    receive: Callable[[InitiativeChange], None]
    # a block in which `receive` only collects its work and does it once at the end
    deferred: Callable[[], AbstractContextManager[None]] = nullcontext


_followers: dict[str, Follower] = {}


def follow(follower: Follower) -> None:
    """Join (again, under the same name: replaced). Called from an `AppConfig.ready`."""
    _followers[follower.name] = follower


def unfollow(name: str) -> None:
    _followers.pop(name, None)


def initiative_changed(change: InitiativeChange) -> None:
    """Hand the change to every follower, in the order they joined (inside the writer's transaction)."""
    for follower in list(_followers.values()):
        follower.receive(change)


@contextmanager
def bulk() -> Iterator[None]:
    """Every follower's deferral at once: the work of the writes in the block is done at its end, in
    bulk, inside the same transaction, and not at all if the block raises."""
    with ExitStack() as stack:
        for follower in list(_followers.values()):
            stack.enter_context(follower.deferred())
        yield
