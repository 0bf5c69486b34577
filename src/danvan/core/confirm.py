"""The confirmation step of an irreversible action, rendered by the server: no JavaScript needed.

A view of such an action asks `confirmed(request)` after its gates; when the form was not confirmed
it answers `confirm_page(...)`, which says what will happen and posts the same fields again with
`confirmed=1` (or lets the person go back). One rule, one template, for every such action.
"""

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

CONFIRM_FIELD = "confirmed"
NOT_REPOSTED = frozenset({"csrfmiddlewaretoken", CONFIRM_FIELD})


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "1"


def confirm_page(
    request: HttpRequest,
    *,
    title: str | Promise,
    consequences: Sequence[str | Promise],
    action: str | Promise,
    back: str,
    items: Sequence[str] = (),
    refused: Sequence[str] = (),
) -> HttpResponse:
    """Ask before an irreversible action: `consequences` say what will happen, `items` list what it
    applies to, `refused` what it will leave as it is; the button labelled `action` posts the same
    fields to the same address with `confirmed=1`, the `back` link leaves everything as it was."""
    posted = request.POST
    fields = [(name, value) for name in posted for value in posted.getlist(name) if name not in NOT_REPOSTED]
    context = {
        "title": title,
        "consequences": consequences,
        "items": items,
        "refused": refused,
        "action": action,
        "back": back,
        "fields": fields,
        "confirm_field": CONFIRM_FIELD,
    }
    return render(request, "core/confirm.html", context)
