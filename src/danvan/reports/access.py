"""The only way to fetch a report by an id a user supplied."""

from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Actor
from danvan.orgs.access import is_root
from danvan.reports.models import Report


def access_report(*, user: Actor, report_id: int | str) -> Report:
    """A report is its requester's (a superuser may see all); any other id is 404."""
    reports = Report.objects.select_related("unit")
    if not is_root(user):
        is_user = getattr(user, "is_authenticated", False)
        reports = reports.filter(owner=user) if is_user else reports.none()
    return get_visible_or_404(reports, report_id, not_found=_("Không tìm thấy báo cáo này."))
