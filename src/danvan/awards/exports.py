"""The list of decisions as Excel or CSV, with the list's current filters."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.utils.translation import gettext_lazy as _

from danvan.awards import selectors
from danvan.awards.forms import DecisionFilterForm
from danvan.core.exports import Column, export_response
from danvan.core.http import SignedInRequest

DECISION_COLUMNS = [
    Column(_("Số, ký hiệu"), lambda d: d.number),
    Column(_("Ngày ký"), lambda d: d.date),
    Column(_("Mã đơn vị ban hành"), lambda d: d.issuer_unit.code),
    Column(_("Đơn vị ban hành"), lambda d: d.issuer_unit.name),
    Column(_("Hình thức"), lambda d: d.award_form.name),
    Column(_("Trích yếu"), lambda d: d.title),
    Column(_("Người ký"), lambda d: d.signer_name),
    Column(_("Chức vụ người ký"), lambda d: d.signer_title),
    Column(_("Số tập thể"), lambda d: d.collectives),
    Column(_("Số cá nhân"), lambda d: d.individuals),
    Column(_("Trạng thái"), lambda d: d.get_status_display()),
]


@login_required
def decision_export(request: SignedInRequest, fmt: str) -> HttpResponseBase:
    form = DecisionFilterForm(request.GET or None, user=request.user)
    decisions = selectors.decision_list(user=request.user, **form.filters())
    return export_response(items=decisions, columns=DECISION_COLUMNS, filename="quyet-dinh-khen-thuong", fmt=fmt)
