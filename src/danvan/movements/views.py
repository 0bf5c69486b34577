"""Admin pages: programmes and their criteria sets (weights, maximum scores)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.movements import selectors, services
from danvan.movements.access import access_criteria_set, require_movement_admin
from danvan.movements.forms import CriteriaSetForm, CriterionFormSet, ProgrammeForm
from danvan.orgs.models import Role
from danvan.orgs.selectors import picker_units


@login_required
@require_GET
def programme_list(request: SignedInRequest) -> HttpResponse:
    require_movement_admin(request.user)
    context = {"programmes": selectors.programme_list(), "defaults": selectors.default_criteria_sets()}
    return render(request, "movements/programme_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: SignedInRequest) -> HttpResponse:
    require_movement_admin(request.user)
    form = ProgrammeForm(request.POST or None, units=picker_units(request.user, roles=(Role.ADMIN,)))
    if request.method == "POST" and form.is_valid():
        with service_errors(form, field="issuer"):
            programme = services.programme_create(by=request.user, **form.cleaned_data)
            messages.success(request, _("Đã thêm chương trình %(n)s.") % {"n": programme.number})
            return redirect("movements-programme-list")
    return render(request, "movements/programme_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def criteria_set_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    criteria_set = access_criteria_set(user=request.user, criteria_set_id=pk)
    queryset = criteria_set.criteria.order_by("sort", "pk")
    form = CriteriaSetForm(request.POST or None, initial={"name": criteria_set.name})
    formset = CriterionFormSet(request.POST or None, queryset=queryset, prefix="c")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            services.CriterionRow(
                criterion=f.instance if f.instance.pk else None,
                name=f.cleaned_data["name"],
                weight=f.cleaned_data["weight"],
                max_score=f.cleaned_data["max_score"],
                sort=f.cleaned_data["sort"],
            )
            for f in formset.forms
            if f.has_changed() or f.instance.pk
        ]
        with service_errors(form):
            services.criteria_set_update(
                by=request.user, criteria_set=criteria_set, name=form.cleaned_data["name"], rows=rows
            )
            messages.success(request, _("Đã lưu bộ tiêu chí “%(name)s”.") % {"name": criteria_set.name})
            return redirect("movements-programme-list")
    context = {"criteria_set": criteria_set, "form": form, "formset": formset}
    return render(request, "movements/criteria_set_form.html", context, status=400 if request.method == "POST" else 200)
