"""The workflow of a submission, as data: the states each action fires from, the state it leads to,
and which side may fire it ("unit": the reporting unit's staff; "round": the round's unit's staff)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import Role
from danvan.rounds.models import SubmissionStatus as S

# Who acts for a side: officers prepare, approvers and admins may too; viewers and reviewers only read.
STAFF_ROLES = (Role.OFFICER, Role.APPROVER, Role.ADMIN)


@dataclass(frozen=True)
class Transition:
    label: str | Promise
    sources: frozenset[str]
    target: str
    side: str  # "unit" | "round"


TRANSITIONS: dict[str, Transition] = {
    "save": Transition(_("Lưu bản nháp"), frozenset({S.PENDING, S.DRAFT, S.RETURNED}), S.DRAFT, "unit"),
    "send": Transition(_("Gửi báo cáo"), frozenset({S.PENDING, S.DRAFT, S.RETURNED}), S.SENT, "unit"),
    "accept": Transition(_("Tiếp nhận"), frozenset({S.SENT}), S.ACCEPTED, "round"),
    "return": Transition(_("Trả lại"), frozenset({S.SENT, S.ACCEPTED}), S.RETURNED, "round"),
}
