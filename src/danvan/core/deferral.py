"""Work that many writes in one block would each do, put off and done once at the end of the block.

    _pending: ContextVar[Counter | None] = ContextVar("...", default=None)

    def deferred_counts():
        return deferred(_pending, Counter, apply_all)     # receivers add to _pending.get() when set

Used INSIDE the writes' transaction (`with transaction.atomic(), deferred_counts():`): the work is
done before the commit, and not at all if the block raises. A block inside another defers to it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar


@contextmanager
def deferred[T](pending: ContextVar[T | None], make: Callable[[], T], finish: Callable[[T], None]) -> Iterator[None]:
    if pending.get() is not None:  # already deferred by an outer block
        yield
        return
    work = make()
    token = pending.set(work)
    try:
        yield
    finally:
        pending.reset(token)
    finish(work)
