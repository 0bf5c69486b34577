"""The workflow as data: every state, every transition, who may fire it and at which level.

This table is the only place transitions are defined; services, views, the API and the
documentation page (`uv run danvan workflow_doc`) all read it.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.models import Status
from danvan.orgs.models import Role


class Actor(StrEnum):
    OWNER = "owner"
    """A role held in the initiative's unit or a unit above it: the registering side."""
    REVIEW_LEVEL = "review_level"
    """A role held in a unit of the level now reviewing the initiative, above the initiative's unit,
    and no conflict of interest (not the creator, not an officer of the unit or a unit above it,
    not a role held in the initiative's own unit)."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: tuple[Status, ...]
    target: Status | None  # None: the status stays, a flag changes
    roles: frozenset[str]
    actor: Actor
    note_required: bool = False
    target_if_recognized: Status | None = None  # a higher level declining keeps the lower recognition
    description: str | Promise = ""


OWNER_ROLES = frozenset({Role.OFFICER, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.APPROVER})

WORKFLOW: tuple[Transition, ...] = (
    Transition(
        "register",
        _("Đăng ký"),
        (Status.DRAFT,),
        Status.REGISTERED,
        OWNER_ROLES,
        Actor.OWNER,
        description=_("Đơn vị hoàn thiện bản nháp và đăng ký mô hình, điển hình."),
    ),
    Transition(
        "submit",
        _("Gửi bình xét"),
        (Status.REGISTERED,),
        Status.UNDER_REVIEW,
        OWNER_ROLES,
        Actor.OWNER,
        description=_("Gửi tới cấp đăng ký để thẩm định, bình xét."),
    ),
    Transition(
        "resubmit",
        _("Gửi lại sau khi bổ sung"),
        (Status.RETURNED,),
        Status.UNDER_REVIEW,
        OWNER_ROLES,
        Actor.OWNER,
        description=_("Gửi lại cho cấp đã trả lại, sau khi bổ sung theo yêu cầu."),
    ),
    Transition(
        "recognize",
        _("Công nhận"),
        (Status.UNDER_REVIEW,),
        Status.RECOGNIZED,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        description=_("Cấp đang bình xét công nhận mô hình, điển hình."),
    ),
    Transition(
        "return",
        _("Trả lại để bổ sung"),
        (Status.UNDER_REVIEW,),
        Status.RETURNED,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        note_required=True,
        description=_("Trả lại đơn vị kèm yêu cầu bổ sung."),
    ),
    Transition(
        "reject",
        _("Không công nhận"),
        (Status.UNDER_REVIEW,),
        Status.NOT_RECOGNIZED,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        note_required=True,
        target_if_recognized=Status.RECOGNIZED,
        description=_("Không công nhận ở cấp này; nếu cấp dưới đã công nhận thì giữ công nhận của cấp dưới."),
    ),
    Transition(
        "forward",
        _("Đề nghị cấp trên"),
        (Status.RECOGNIZED,),
        Status.UNDER_REVIEW,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        description=_("Cấp đã công nhận đề nghị cấp trên liền kề xem xét."),
    ),
    Transition(
        "mark_exemplary",
        _("Chọn là tiêu biểu"),
        (Status.RECOGNIZED,),
        None,
        frozenset({Role.APPROVER}),
        Actor.REVIEW_LEVEL,
        description=_("Người phê duyệt của cấp đã công nhận chọn mô hình, điển hình tiêu biểu."),
    ),
)

TRANSITIONS = {t.action: t for t in WORKFLOW}


def transitions_from(status: str) -> list[Transition]:
    return [t for t in WORKFLOW if status in t.sources]
