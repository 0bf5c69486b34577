"""The list of initiatives as Excel or CSV, with the list's current filters."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase

from danvan.core.exports import export_response
from danvan.core.http import SignedInRequest
from danvan.initiatives import selectors
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.spreadsheet import export_columns
from danvan.orgs.selectors import filter_scope, filter_units


@login_required
def initiative_export(request: SignedInRequest, fmt: str) -> HttpResponseBase:
    form = InitiativeFilterForm(request.GET or None, units=filter_units(request.user), scope=filter_scope(request.user))
    rows = selectors.initiative_list(user=request.user, filters=form.filters()).defer(None)
    return export_response(items=rows, columns=export_columns(), filename="mo-hinh-dien-hinh", fmt=fmt)
