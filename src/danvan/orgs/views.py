import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.exports import Column, export_response
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.orgs import selectors, services
from danvan.orgs.access import access_unit, has_role
from danvan.orgs.forms import UnitCreateForm, UnitSearchForm, unit_label
from danvan.orgs.models import Role, Unit

UNIT_COLUMNS = [
    Column(gettext_lazy("Mã"), lambda u: u.code),
    Column(gettext_lazy("Tên"), lambda u: u.name),
    Column(gettext_lazy("Loại"), lambda u: u.kind_id),
    Column(gettext_lazy("Mã đơn vị cha"), lambda u: u.parent.code if u.parent_id else ""),
    Column(gettext_lazy("Đơn vị cha"), lambda u: u.parent.name if u.parent_id else ""),
    Column(gettext_lazy("Hiệu lực từ"), lambda u: u.valid_from),
    Column(gettext_lazy("Hiệu lực đến"), lambda u: u.valid_to),
    Column(gettext_lazy("Mã đơn vị kế thừa"), lambda u: u.successor.code if u.successor_id else ""),
]


def _filtered_units(request: HttpRequest) -> tuple[UnitSearchForm, QuerySet[Unit]]:
    form = UnitSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    active_on: datetime.date | None = timezone.localdate() if data.get("current") else None
    kind = data.get("kind")
    return form, selectors.unit_list(q=data.get("q", ""), kind=kind.pk if kind else "", active_on=active_on)


@login_required
def unit_list(request: SignedInRequest) -> HttpResponse:
    form, units = _filtered_units(request)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    template = "orgs/unit_list.html#rows" if request.htmx else "orgs/unit_list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
def unit_export(request: SignedInRequest, fmt: str) -> HttpResponseBase:
    """The unit list with its current filters, as Excel or CSV (the tree is visible to every user)."""
    _form, units = _filtered_units(request)
    return export_response(items=units, columns=UNIT_COLUMNS, filename="don-vi", fmt=fmt)


@login_required
def unit_detail(request: SignedInRequest, code: str) -> HttpResponse:
    unit = access_unit(user=request.user, code=code)
    q = request.GET.get("q", "").strip()[:100]
    children = selectors.unit_children(unit, active_only=False, q=q)
    can_admin = has_role(request.user, unit, [Role.ADMIN])
    context = {"unit": unit, "children": children, "can_admin": can_admin, "q": q}
    return render(request, "orgs/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: SignedInRequest, code: str) -> HttpResponse:
    parent = access_unit(user=request.user, code=code, roles=[Role.ADMIN])
    form = UnitCreateForm(request.POST or None, kinds=services.creatable_kinds(by=request.user, parent=parent))
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            unit = services.unit_create(
                by=request.user, parent=parent, **{**form.cleaned_data, "kind": form.cleaned_data["kind"].pk}
            )
            messages.success(request, _("Đã thêm đơn vị %(name)s.") % {"name": unit.name})
            return redirect("orgs-unit-detail", code=parent.code)
    return render(request, "orgs/unit_form.html", {"form": form, "parent": parent})


@login_required
@require_GET
def unit_picker(request: SignedInRequest) -> JsonResponse:
    """The type-ahead of a unit picker: today's units of the caller's scope (for the roles the form
    names, `?roles=approver,admin`; every role when none; `?above=1`: and the units above the scope)
    whose name holds what was typed (`?q=`)."""
    roles = [r for r in request.GET.get("roles", "").split(",") if r in Role.values] or list(Role.values)
    above = request.GET.get("above") == "1"
    units, more = selectors.unit_search(user=request.user, q=request.GET.get("q", "")[:100], roles=roles, above=above)
    results = [
        {
            "id": u.pk,
            "code": u.code,
            "name": u.name,
            "parent": u.parent.name if u.parent_id and u.parent else "",
            "label": unit_label(u),
        }
        for u in units
    ]
    return JsonResponse({"results": results, "more": more})
