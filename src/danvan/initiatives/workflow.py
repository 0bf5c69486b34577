"""The workflow as data: every state, every transition, who may fire it and at which level, what it
does besides changing the state, and what each party is told.

This table is the only place transitions are defined; services, views, the API, the notifications
and the documentation page (`uv run danvan workflow_doc`) all read it. Registration goes through it
too: a new initiative starts in `INITIAL` and, when registered at once, fires `register`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db.models import Avg
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.formatting import exact
from danvan.initiatives.models import Initiative, Status
from danvan.movements.models import InitiativeKind
from danvan.orgs.models import LEVEL_ORDER, Level, Role, Unit


class TransitionNotAllowed(Exception):
    """The action cannot be fired from the initiative's current state (HTTP 409)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Actor(StrEnum):
    OWNER = "owner"
    """A role held in the initiative's unit or a unit above it: the registering side."""
    REVIEW_LEVEL = "review_level"
    """A role held in a unit of the level now reviewing the initiative, above the initiative's unit,
    and no conflict of interest (not the creator, not an officer of the unit or a unit above it,
    not a role held in the initiative's own unit)."""


# States ------------------------------------------------------------------------------------------

INITIAL = Status.DRAFT
"""Where every initiative made through the services starts (historical records are entered in their
final state instead, see `services.initiative_enter_historical`)."""

OWNER_EDITS = frozenset({Status.DRAFT, Status.REGISTERED, Status.RETURNED})
"""The states in which the registering side may edit the initiative and its files."""


# Effects: what a transition does besides changing the state ---------------------------------------


def next_level(initiative: Initiative) -> str | None:
    """The level above the one now reviewing, as the unit's own ancestry has it (a commune of
    today goes to its province; a commune before 1 July 2025 went to its district)."""
    current = LEVEL_ORDER.index(Level(initiative.review_level or initiative.registered_level))
    levels = set(Unit.objects.filter(path__in=initiative.unit.ancestor_paths()).values_list("level", flat=True))
    for level in LEVEL_ORDER[current + 1 :]:
        if level in levels:
            return level
    return None


def _record_registration_day(initiative: Initiative) -> tuple[str, ...]:
    if initiative.registered_on is not None:
        return ()
    today = timezone.localdate()
    if today.year != initiative.year:
        return ()  # registered for another year: only the year is known
    initiative.registered_on = today
    return ("registered_on",)


def _review_at_registered_level(initiative: Initiative) -> tuple[str, ...]:
    initiative.review_level = initiative.registered_level
    return ("review_level",)


def _record_recognition(initiative: Initiative) -> tuple[str, ...]:
    initiative.recognized_level = initiative.review_level
    initiative.recognized_on = timezone.localdate()
    return ("recognized_level", "recognized_on")


def _review_at_next_level(initiative: Initiative) -> tuple[str, ...]:
    level = next_level(initiative)
    if level is None:
        raise TransitionNotAllowed(_("Không còn cấp trên để đề nghị: mô hình đã được công nhận ở cấp cao nhất."))
    initiative.review_level = level
    return ("review_level",)


def _keep_lower_recognition(initiative: Initiative) -> tuple[str, ...]:
    if not initiative.recognized_level:
        return ()
    initiative.status = Status.RECOGNIZED
    initiative.review_level = initiative.recognized_level
    return ("status", "review_level")


def _set_exemplary(initiative: Initiative) -> tuple[str, ...]:
    initiative.exemplary = True
    return ("exemplary",)


@dataclass(frozen=True)
class Effect:
    """A named change a transition makes to the row after setting its target state; `apply` returns
    the fields it changed (or raises `TransitionNotAllowed`)."""

    name: str
    description: str  # for docs/workflow.md
    apply: Callable[[Initiative], tuple[str, ...]]


RECORD_REGISTRATION_DAY = Effect(
    "record_registration_day",
    "today is recorded as the day of registration, unless a day was given or the registration year is not this year",
    _record_registration_day,
)
REVIEW_AT_REGISTERED_LEVEL = Effect(
    "review_at_registered_level",
    "the level now reviewing becomes the registration level",
    _review_at_registered_level,
)
RECORD_RECOGNITION = Effect(
    "record_recognition",
    "the level now reviewing and today's date are recorded as the recognition",
    _record_recognition,
)
REVIEW_AT_NEXT_LEVEL = Effect(
    "review_at_next_level",
    "the level now reviewing becomes the next level above that exists in the unit's own ancestry "
    "(commune → province today; commune → district → province for units before 1 July 2025); "
    "refused when there is none",
    _review_at_next_level,
)
KEEP_LOWER_RECOGNITION = Effect(
    "keep_lower_recognition",
    "if a lower level had recognised it, it stays `recognized` at that level",
    _keep_lower_recognition,
)


def _clear_exemplary(initiative: Initiative) -> tuple[str, ...]:
    initiative.exemplary = False
    return ("exemplary",)


SET_EXEMPLARY = Effect("set_exemplary", "the exemplary flag is set", _set_exemplary)
CLEAR_EXEMPLARY = Effect("clear_exemplary", "the exemplary flag is cleared (the statistics follow)", _clear_exemplary)
EFFECTS = (
    RECORD_REGISTRATION_DAY,
    REVIEW_AT_REGISTERED_LEVEL,
    RECORD_RECOGNITION,
    REVIEW_AT_NEXT_LEVEL,
    KEEP_LOWER_RECOGNITION,
    SET_EXEMPLARY,
    CLEAR_EXEMPLARY,
)


@dataclass(frozen=True)
class Requirement:
    """A condition besides the state that must hold before a transition fires; `unmet` returns the
    refusal a person reads (why, and what to do), or "" when the condition holds."""

    name: str
    description: str  # for docs/workflow.md
    unmet: Callable[[Initiative], str]


def _unscored(initiative: Initiative) -> str:
    # the score sheets are the reviews app's rows, reached through the reverse relation (no import upward)
    if initiative.reviews.filter(level=initiative.review_level).exists():  # type: ignore[attr-defined]
        return ""
    return _(
        "Chưa công nhận được “%(title)s”: chưa có phiếu chấm điểm %(level)s. "
        "Hãy chấm điểm theo tiêu chí trước khi công nhận."
    ) % {"title": initiative.title, "level": initiative.get_review_level_display().lower()}


SCORED_AT_LEVEL = Requirement(
    "scored_at_level",
    "a score sheet of the level now reviewing exists (recognition needs a score sheet)",
    _unscored,
)


def pass_mark_unmet(initiative: Initiative, *, mean: Decimal | None, pass_mark: Decimal | None, basis: str) -> str:
    """The one rule of the pass mark: the mean total of the level's score sheets must reach the pass mark
    of their criteria set, when it sets one. The refusal says both figures and what to do."""
    if pass_mark is None or mean is None or mean >= pass_mark:
        return ""
    return _(
        "Chưa công nhận được “%(title)s”: điểm bình quân của các phiếu chấm %(level)s là %(mean)s, dưới điểm đạt "
        "%(pass)s (%(basis)s). Hãy xem lại phiếu chấm, hoặc chọn “Không công nhận” và ghi lý do."
    ) % {
        "title": initiative.title,
        "level": initiative.get_review_level_display().lower(),
        "mean": exact(mean.quantize(Decimal("0.01"))),
        "pass": exact(pass_mark),
        "basis": basis or _("quy chế bình xét"),
    }


def _below_pass_mark(initiative: Initiative) -> str:
    # the level's sheets, through the reverse relation (no import upward); one query
    row = (
        initiative.reviews.filter(level=initiative.review_level)  # type: ignore[attr-defined]
        .values("criteria_set__pass_mark", "criteria_set__pass_mark_basis")
        .annotate(mean=Avg("total"))
        .order_by("criteria_set__pass_mark")  # (first() would order by pk, grouping sheet by sheet)
        .first()
    )
    if not row:
        return ""
    return pass_mark_unmet(
        initiative,
        mean=row["mean"],
        pass_mark=row["criteria_set__pass_mark"],
        basis=row["criteria_set__pass_mark_basis"],
    )


REACHES_PASS_MARK = Requirement(
    "reaches_pass_mark",
    "the mean total of the level's score sheets reaches the pass mark of their criteria set, when it sets one",
    _below_pass_mark,
)


# What going to review needs: the complete dossier ---------------------------------------------

DOSSIER_FIELDS: dict[str, tuple[str, ...]] = {
    InitiativeKind.COLLECTIVE: ("summary", "content", "forces", "results", "sustainability"),
    InitiativeKind.INDIVIDUAL: ("summary", "content", "results"),
}
"""The dossier fields the default criteria judge, by kind (movements.defaults.DEFAULT_CRITERIA): a
collective model is scored on its way of working, the forces it mobilised, its results and whether
it lasts and spreads; a person on their way of working and results. A draft may leave them empty;
sending needs them."""


def dossier_missing(initiative: Initiative) -> list[str]:
    """What the dossier still lacks before it can be sent, in words: the empty fields of
    `DOSSIER_FIELDS` (their labels), and evidence when no file is attached (one query)."""
    missing = [
        str(getattr(Initiative._meta.get_field(name), "verbose_name", name))
        for name in DOSSIER_FIELDS.get(initiative.kind, ())
        if not str(getattr(initiative, name) or "").strip()
    ]
    if not initiative.attachments.exists():  # type: ignore[attr-defined]
        missing.append(_("ít nhất một ảnh hoặc tài liệu minh chứng"))
    return missing


def _incomplete(initiative: Initiative) -> str:
    missing = dossier_missing(initiative)
    if not missing:
        return ""
    return _("Chưa gửi bình xét được “%(title)s”: hồ sơ còn thiếu %(missing)s. Hãy bổ sung rồi gửi lại.") % {
        "title": initiative.title,
        "missing": "; ".join(missing),
    }


COMPLETE_DOSSIER = Requirement(
    "complete_dossier",
    "the dossier fields the criteria judge are filled (collective: summary, content, forces, results, "
    "sustainability; individual: summary, content, results) and at least one file is attached",
    _incomplete,
)


# Messages: who is told what ----------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """What one party reads after the transition. `text` may use %(title)s, %(unit)s, %(level)s (the
    level of the event, lowercase) and %(note)s."""

    party: Actor
    text: str | Promise


def _owner(text: str | Promise) -> Message:
    return Message(Actor.OWNER, text)


TO_REVIEW = Message(Actor.REVIEW_LEVEL, gettext_lazy("“%(title)s” (%(unit)s) đang chờ bình xét %(level)s."))


# Transitions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: tuple[Status, ...]
    target: Status | None  # None: the status stays, an effect changes a flag
    roles: frozenset[str]
    actor: Actor
    note_required: bool = False
    effects: tuple[Effect, ...] = ()
    messages: tuple[Message, ...] = ()
    refused_if_set: str = ""  # a flag of the initiative that, once set, makes the transition unavailable
    refused_unless_set: str = ""  # a flag of the initiative that must be set for the transition to be offered
    requires: tuple[Requirement, ...] = ()
    records_acting_level: bool = False
    """The event and the messages name the level that acted, not the level the effects leave the
    initiative at (a province declining a model the commune recognised: "không được công nhận cấp tỉnh")."""
    description: str | Promise = ""
    confirm: str | Promise = ""
    """What will happen, said before an irreversible action fires (%(title)s, %(level)s: the level now
    reviewing, lowercase); the pages ask for a confirmation whenever it is set."""

    def available(self, initiative: Initiative) -> bool:
        """Whether the initiative's state allows this transition (who may fire it is `access.may_fire`)."""
        return (
            initiative.status in self.sources
            and not (self.refused_if_set and getattr(initiative, self.refused_if_set))
            and not (self.refused_unless_set and not getattr(initiative, self.refused_unless_set))
        )

    def unmet(self, initiative: Initiative) -> str:
        """The first refusal among the requirements, or "" when all hold."""
        return next((text for r in self.requires if (text := r.unmet(initiative))), "")

    def outcome(self, initiative: Initiative, note: str = "") -> str:
        """What happened, said to the person who fired the transition: the table's message to the owner
        (they read what the registering side reads), with the level now reviewing (or the level that
        acted, `records_acting_level`)."""
        text = next((m.text for m in self.messages if m.party is Actor.OWNER), self.label)
        code: str | None = initiative.review_level
        if self.records_acting_level:  # the level its event recorded (one query)
            events = initiative.events.filter(action=self.action)  # type: ignore[attr-defined]
            code = events.order_by("-pk").values_list("level", flat=True).first()
        level = str(Level(code).label).lower() if code else ""
        return str(text) % {"title": initiative.title, "unit": initiative.unit.name, "level": level, "note": note}

    def apply(self, initiative: Initiative) -> list[str]:
        """Set the target state and run the effects on the row; returns the fields changed."""
        fields: list[str] = []
        if self.target is not None:
            initiative.status = self.target
            fields.append("status")
        for effect in self.effects:
            fields += [name for name in effect.apply(initiative) if name not in fields]
        return fields


OWNER_ROLES = frozenset({Role.OFFICER, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.APPROVER})

WORKFLOW: tuple[Transition, ...] = (
    Transition(
        "register",
        gettext_lazy("Đăng ký"),
        (Status.DRAFT,),
        Status.REGISTERED,
        OWNER_ROLES,
        Actor.OWNER,
        effects=(RECORD_REGISTRATION_DAY,),
        messages=(_owner(gettext_lazy("“%(title)s” đã được đăng ký.")),),
        description=gettext_lazy("Đơn vị hoàn thiện bản nháp và đăng ký mô hình, điển hình."),
    ),
    Transition(
        "submit",
        gettext_lazy("Gửi bình xét"),
        (Status.REGISTERED,),
        Status.UNDER_REVIEW,
        OWNER_ROLES,
        Actor.OWNER,
        effects=(REVIEW_AT_REGISTERED_LEVEL,),
        requires=(COMPLETE_DOSSIER,),
        messages=(TO_REVIEW, _owner(gettext_lazy("“%(title)s” đã được gửi bình xét %(level)s."))),
        description=gettext_lazy("Gửi tới cấp đăng ký để thẩm định, bình xét."),
    ),
    Transition(
        "resubmit",
        gettext_lazy("Gửi lại sau khi bổ sung"),
        (Status.RETURNED,),
        Status.UNDER_REVIEW,
        OWNER_ROLES,
        Actor.OWNER,
        requires=(COMPLETE_DOSSIER,),
        messages=(TO_REVIEW, _owner(gettext_lazy("“%(title)s” đã được gửi lại bình xét %(level)s."))),
        description=gettext_lazy("Gửi lại cho cấp đã trả lại, sau khi bổ sung theo yêu cầu."),
    ),
    Transition(
        "recognize",
        gettext_lazy("Công nhận"),
        (Status.UNDER_REVIEW,),
        Status.RECOGNIZED,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        effects=(RECORD_RECOGNITION,),
        requires=(SCORED_AT_LEVEL, REACHES_PASS_MARK),
        messages=(_owner(gettext_lazy("“%(title)s” đã được công nhận %(level)s.")),),
        description=gettext_lazy("Cấp đang bình xét công nhận mô hình, điển hình."),
        confirm=gettext_lazy(
            "“%(title)s” sẽ được công nhận %(level)s với ngày hôm nay, hiện trên thư viện công khai và được tính "
            "vào số liệu thống kê. Việc công nhận không hoàn tác được: sau đó chỉ có thể đề nghị cấp trên."
        ),
    ),
    Transition(
        "return",
        gettext_lazy("Trả lại để bổ sung"),
        (Status.UNDER_REVIEW,),
        Status.RETURNED,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        note_required=True,
        messages=(_owner(gettext_lazy("“%(title)s” bị trả lại để bổ sung: %(note)s")),),
        description=gettext_lazy("Trả lại đơn vị kèm yêu cầu bổ sung."),
    ),
    Transition(
        "reject",
        gettext_lazy("Không công nhận"),
        (Status.UNDER_REVIEW,),
        Status.NOT_RECOGNIZED,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        note_required=True,
        effects=(KEEP_LOWER_RECOGNITION,),
        records_acting_level=True,
        messages=(_owner(gettext_lazy("“%(title)s” không được công nhận %(level)s: %(note)s")),),
        description=gettext_lazy(
            "Không công nhận ở cấp này; nếu cấp dưới đã công nhận thì giữ công nhận của cấp dưới."
        ),
        confirm=gettext_lazy(
            "“%(title)s” sẽ không được công nhận %(level)s; đơn vị được báo kèm lý do bạn ghi. "
            "Việc này không hoàn tác được."
        ),
    ),
    Transition(
        "forward",
        gettext_lazy("Đề nghị cấp trên"),
        (Status.RECOGNIZED,),
        Status.UNDER_REVIEW,
        REVIEW_ROLES,
        Actor.REVIEW_LEVEL,
        effects=(REVIEW_AT_NEXT_LEVEL,),
        messages=(TO_REVIEW, _owner(gettext_lazy("“%(title)s” đã được đề nghị lên %(level)s."))),
        description=gettext_lazy("Cấp đã công nhận đề nghị cấp trên liền kề xem xét."),
        confirm=gettext_lazy(
            "“%(title)s” sẽ được gửi lên cấp trên liền kề để bình xét; cấp trên quyết định từ đây và cấp "
            "của bạn không rút lại được. Công nhận %(level)s vẫn được giữ."
        ),
    ),
    Transition(
        "mark_exemplary",
        gettext_lazy("Chọn là tiêu biểu"),
        (Status.RECOGNIZED,),
        None,
        frozenset({Role.APPROVER}),
        Actor.REVIEW_LEVEL,
        effects=(SET_EXEMPLARY,),
        messages=(_owner(gettext_lazy("“%(title)s” được chọn là tiêu biểu %(level)s.")),),
        refused_if_set="exemplary",
        description=gettext_lazy("Người phê duyệt của cấp đã công nhận chọn mô hình, điển hình tiêu biểu."),
    ),
    Transition(
        "unmark_exemplary",
        gettext_lazy("Bỏ chọn tiêu biểu"),
        (Status.RECOGNIZED,),
        None,
        frozenset({Role.APPROVER}),
        Actor.REVIEW_LEVEL,
        effects=(CLEAR_EXEMPLARY,),
        messages=(_owner(gettext_lazy("“%(title)s” không còn là mô hình tiêu biểu %(level)s.")),),
        refused_unless_set="exemplary",
        description=gettext_lazy(
            "Người phê duyệt của cấp đã công nhận bỏ lựa chọn tiêu biểu (chọn nhầm); số liệu thống kê tính lại theo."
        ),
    ),
)

TRANSITIONS = {t.action: t for t in WORKFLOW}


def transitions_from(status: str) -> list[Transition]:
    return [t for t in WORKFLOW if status in t.sources]


# Sending in one step -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    """The registering side's one action: from a draft, registered or returned initiative to review,
    firing in order the owner's transitions of the table that lead there, once the requirements of
    every step hold (checked before the first fires: all or nothing)."""

    label: str | Promise
    actions: tuple[str, ...]
    description: str | Promise

    def path(self, status: str) -> list[Transition]:
        """The transitions from `status` to `under_review`, in order ([] when there is no way)."""
        path: list[Transition] = []
        current = status
        while current != Status.UNDER_REVIEW and len(path) <= len(self.actions):
            step = next((TRANSITIONS[a] for a in self.actions if current in TRANSITIONS[a].sources), None)
            if step is None or step.target is None:
                return []
            path.append(step)
            current = step.target
        return path if current == Status.UNDER_REVIEW else []

    @property
    def requires(self) -> tuple[Requirement, ...]:
        """The requirements of its steps, each once (they are the table's, not the action's own)."""
        found = {r.name: r for a in self.actions for r in TRANSITIONS[a].requires}
        return tuple(found.values())

    def unmet(self, initiative: Initiative) -> str:
        """The first refusal of a step on the way from the initiative's state, or "" when all hold."""
        return next((text for t in self.path(initiative.status) if (text := t.unmet(initiative))), "")


SEND = Send(
    gettext_lazy("Gửi"),
    ("register", "submit", "resubmit"),
    gettext_lazy(
        "Đăng ký (nếu còn là bản nháp) và gửi bình xét, hoặc gửi lại sau khi bổ sung, trong một bước; "
        "cần đủ các mục hồ sơ mà tiêu chí chấm và ít nhất một ảnh hoặc tài liệu minh chứng."
    ),
)
