"""Who may import, and the only way to fetch an import job by a user-supplied id."""

from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Actor, Visitor
from danvan.imports.models import ImportJob
from danvan.orgs.access import is_root, roles_of
from danvan.orgs.models import Role

IMPORT_ROLES = frozenset({Role.OFFICER, Role.ADMIN, Role.APPROVER})


def may_import(user: Visitor) -> bool:
    """Officers, admins and approvers (each row is then checked against their scope)."""
    if is_root(user):
        return True
    return any(m.role in IMPORT_ROLES for m in roles_of(user))


def access_import_job(*, user: Actor, job_id: int | str) -> ImportJob:
    """A job is seen by the person who uploaded it (and superusers); for anyone else it does not exist."""
    jobs = ImportJob.objects.select_related("owner")
    if not is_root(user):
        jobs = jobs.filter(owner=user)
    return get_visible_or_404(jobs, job_id, not_found=_("Không tìm thấy lần nhập liệu này."))
