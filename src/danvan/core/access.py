"""The shell every app's `access_*` gate shares (as Zulip's `access_stream_common`): parse the id a
user supplied, look it up only among the rows the caller may see, and answer 404 for anything else.

Each app's `access.py` says which rows a user may see (a queryset) and what the 404 says; this
function does the rest, so that a malformed id, an unknown id and an id outside the scope all give
the same answer and no gate forgets one of them.
"""

from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.http import Http404


def get_visible_or_404[M: Model](visible: QuerySet[M], object_id: object, *, not_found: str) -> M:
    """The row of `visible` whose primary key is `object_id`, or Http404(`not_found`).

    `object_id` comes from a URL or a form: anything that is not a whole number is not found either.
    """
    try:
        pk = int(str(object_id).strip())
    except (TypeError, ValueError):
        raise Http404(not_found) from None
    found = visible.filter(pk=pk).first()
    if found is None:
        raise Http404(not_found)
    return found


def ticked_among[M: Model](offered: QuerySet[M], ids: Iterable[object]) -> list[M]:
    """The rows of `offered` (a set a gate already scoped to the caller) whose primary keys a request
    ticked: an id that is not a whole number, or is outside the set, is dropped, never read."""
    wanted = {int(str(i)) for i in ids if str(i).isdigit()}
    return list(offered.filter(pk__in=wanted)) if wanted else []
