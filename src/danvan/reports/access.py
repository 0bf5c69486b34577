"""The only way to fetch a report by an id a user supplied."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from danvan.reports.models import Report


def access_report(*, user: Any, report_id: int | str) -> Report:
    """A report is its requester's (a superuser may see all); any other id is 404."""
    try:
        pk = int(report_id)
    except (TypeError, ValueError):
        raise Http404(_("Không tìm thấy báo cáo này.")) from None
    reports = Report.objects.select_related("unit")
    if not (getattr(user, "is_superuser", False) and getattr(user, "is_active", False)):
        if not getattr(user, "is_authenticated", False):
            raise Http404(_("Không tìm thấy báo cáo này."))
        reports = reports.filter(requested_by=user)
    report = reports.filter(pk=pk).first()
    if report is None:
        raise Http404(_("Không tìm thấy báo cáo này."))
    return report
