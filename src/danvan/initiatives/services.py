"""Every write to an initiative. One generic transition service reads the workflow table."""

import datetime
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.bulk import insert_new
from danvan.core.formatting import vn_date
from danvan.core.text import fold, nfc
from danvan.initiatives.access import access_initiative, may_edit, may_fire
from danvan.initiatives.changes import InitiativeChange, initiative_changed, snapshot
from danvan.initiatives.events import initiative_event, system_note
from danvan.initiatives.files import PreparedFile
from danvan.initiatives.measures import clean_measures, measures_write
from danvan.initiatives.models import Attachment, Initiative, InitiativeEvent, Status
from danvan.initiatives.workflow import INITIAL, SEND, TRANSITIONS, TransitionNotAllowed
from danvan.movements.models import Field, Gender, InitiativeKind
from danvan.orgs.access import acting_level, has_role, level_rank
from danvan.orgs.models import Level, Role, Unit

MIN_YEAR = 2010

# The long texts of the case study (what a list never shows).
CASE_STUDY_FIELDS = ["problem", "goals", "content", "area_served", "forces", "resources", "results", "sustainability"]
TEXT_FIELDS = ["title", "person_name", "person_position", "person_unit", "summary", *CASE_STUDY_FIELDS]
EDITABLE_FIELDS = [
    *TEXT_FIELDS,
    "kind",
    "field",
    "unit",
    "programme",
    "year",
    "registered_level",
    "start_date",
    "end_date",
    "replicated_from",
    "person_gender",
    "women_share",
]


@dataclass(slots=True)  # an import holds 100,000 of them: no per-instance __dict__
class InitiativeData:
    """What a form, the API or an import hands to the services."""

    title: str
    kind: str
    field: Field | None
    unit: Unit
    year: int
    registered_level: str = Level.COMMUNE
    programme: Any = None
    person_name: str = ""
    person_position: str = ""
    person_unit: str = ""
    person_gender: str = ""
    women_share: int | None = None
    summary: str = ""
    problem: str = ""
    goals: str = ""
    content: str = ""
    area_served: str = ""
    forces: str = ""
    resources: str = ""
    results: str = ""
    sustainability: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    replicated_from: Initiative | None = None
    measures: Mapping[str, Any] | None = None  # measured results by measure code; None leaves them as they are
    # The day of registration when it is known (its year must be `year`); None keeps what is recorded
    # (on registration through the platform, the workflow records today).
    registered_on: datetime.date | None = None


def registration_day_refusal(data: InitiativeData) -> str:
    """The one rule of a given day of registration ("" when it holds): not after today, within the
    registration year, and not before the unit existed (a model registered before a merger belongs
    to the unit of that time)."""
    day, today, unit = data.registered_on, timezone.localdate(), data.unit
    assert day is not None
    if day > today:
        return _("Ngày đăng ký %(day)s ở sau hôm nay (%(today)s): hãy ghi ngày đơn vị đã đăng ký.") % {
            "day": vn_date(day),
            "today": vn_date(today),
        }
    if day.year != int(data.year or 0):
        return _(
            "Ngày đăng ký %(day)s không thuộc năm đăng ký %(year)s: hãy sửa ngày hoặc năm đăng ký, "
            "hoặc để trống ngày nếu chỉ biết năm."
        ) % {"day": vn_date(day), "year": data.year}
    if unit.valid_from is not None and day < unit.valid_from:
        return _(
            "Ngày đăng ký %(day)s ở trước khi “%(unit)s” được thành lập (%(since)s): hãy ghi ngày từ %(since)s, "
            "hoặc chọn đơn vị của thời điểm đó (đơn vị trước khi sáp nhập)."
        ) % {"day": vn_date(day), "unit": unit.name, "since": vn_date(unit.valid_from)}
    return ""


def validate_data(data: InitiativeData) -> None:
    errors: dict[str, list[str]] = {}
    if not nfc(data.title):
        errors["title"] = [_("Hãy nhập tên mô hình, điển hình.")]
    if data.kind not in InitiativeKind.values:
        errors["kind"] = [_("Loại phải là mô hình (tập thể) hoặc điển hình (cá nhân).")]
    elif data.kind == InitiativeKind.INDIVIDUAL and not nfc(data.person_name):
        errors["person_name"] = [_("Điển hình cá nhân cần họ và tên người được đăng ký.")]
    if data.field is None:
        errors["field"] = [_("Hãy chọn lĩnh vực.")]
    this_year = timezone.localdate().year
    if not (MIN_YEAR <= int(data.year or 0) <= this_year + 1):
        errors["year"] = [_("Năm đăng ký phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": this_year + 1}]
    if data.registered_on is not None and (refusal := registration_day_refusal(data)):
        errors["registered_on"] = [refusal]
    if data.registered_level not in Level.values:
        errors["registered_level"] = [_("Cấp đăng ký không hợp lệ.")]
    if data.person_gender and data.person_gender not in Gender.values:
        errors["person_gender"] = [_("Giới tính ghi là nữ (female) hoặc nam (male), hoặc để trống.")]
    if data.women_share is not None and not 0 <= data.women_share <= 100:
        errors["women_share"] = [_("Tỷ lệ nữ của tập thể là số phần trăm từ 0 đến 100.")]
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = [_("Ngày kết thúc phải sau ngày bắt đầu.")]
    if data.programme is not None and not data.unit.is_within(data.programme.issuer.path):
        errors["programme"] = [
            _(
                "Chương trình “%(programme)s” do %(issuer)s ban hành, không áp dụng cho “%(unit)s”. "
                "Hãy chọn chương trình của cấp trên đơn vị mình, hoặc để trống."
            )
            % {"programme": data.programme.number, "issuer": data.programme.issuer.name, "unit": data.unit.name}
        ]
    if data.measures:
        try:
            data.measures = clean_measures(data.measures)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _search_text(initiative: Initiative) -> str:
    parts = [initiative.title, initiative.person_name, initiative.unit.name, initiative.summary]
    return fold(" ".join(p for p in parts if p))


def _assign(initiative: Initiative, data: InitiativeData) -> list[str]:
    """Copy the editable fields; returns the other fields it changed (the day of registration)."""
    for name in EDITABLE_FIELDS:
        value = getattr(data, name)
        setattr(initiative, name, nfc(value) if name in TEXT_FIELDS else value)
    day = data.registered_on or initiative.registered_on
    day = day if day is not None and day.year == initiative.year else None  # a day of another year is dropped
    changed = ["registered_on"] if day != initiative.registered_on else []
    initiative.registered_on = day
    initiative.search_text = _search_text(initiative)
    return changed


@transaction.atomic
def initiative_create(*, by: Actor, data: InitiativeData, register: bool = False) -> Initiative:
    """Save a new initiative as a draft, or registered at once (the workflow's `register`)."""
    if not has_role(by, data.unit, [Role.OFFICER, Role.ADMIN]):
        raise PermissionDenied(_("Bạn chỉ được đăng ký mô hình, điển hình cho đơn vị trong phạm vi của mình."))
    validate_data(data)
    initiative = Initiative(created_by=by if getattr(by, "pk", None) else None)
    _assign(initiative, data)
    initiative.status = INITIAL
    action = "create"
    if register:
        transition = TRANSITIONS["register"]
        transition.apply(initiative)
        action = transition.action
    initiative.save()
    if data.measures:
        measures_write(initiative, data.measures)
    event = initiative_event(
        initiative=initiative,
        action=action,
        by=by,
        from_status="",
        to_status=initiative.status,
        level=initiative.registered_level,
    )
    initiative_changed(InitiativeChange(initiative, None, snapshot(initiative), event))
    return initiative


@transaction.atomic
def initiative_update(*, by: Actor, initiative: Initiative, data: InitiativeData) -> Initiative:
    initiative = lock_initiative(initiative.pk)
    if not may_edit(by, initiative):
        raise PermissionDenied(
            _("Chỉ sửa được mô hình ở trạng thái nháp, đã đăng ký hoặc bị trả lại, trong phạm vi của bạn.")
        )
    if data.unit.pk != initiative.unit_id and not has_role(by, data.unit, [Role.OFFICER, Role.ADMIN]):
        raise PermissionDenied(_("Bạn chỉ được chọn đơn vị trong phạm vi của mình."))
    validate_data(data)
    before = snapshot(initiative)
    changed = _assign(initiative, data)
    initiative.save(update_fields=[*EDITABLE_FIELDS, *changed, "search_text", "updated_at"])
    if data.measures is not None:
        measures_write(initiative, data.measures)
    event = initiative_event(
        initiative=initiative, action="edit", by=by, from_status=initiative.status, to_status=initiative.status
    )
    initiative_changed(InitiativeChange(initiative, before, snapshot(initiative), event))
    return initiative


def lock_initiative(pk: int) -> Initiative:
    return Initiative.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pk)


@transaction.atomic
def initiative_act(
    *,
    by: Actor,
    initiative: Initiative | None = None,
    initiative_id: int | str | None = None,
    action: str,
    note: str = "",
    expected_status: str | None = None,
) -> Initiative:
    """Fire one transition of the workflow table, with its checks, effects and event.

    The row is read once, locked: given `initiative_id` (what a person sent), through the access gate
    (404 outside their scope); given an `initiative`, again by its key (the instance may be stale)."""
    if initiative_id is not None:
        initiative = access_initiative(user=by, initiative_id=initiative_id, lock=True)
    else:
        assert initiative is not None, "initiative or initiative_id"
        initiative = lock_initiative(initiative.pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError({"action": [_("Thao tác “%(action)s” không có trong quy trình.") % {"action": action}]})
    if expected_status and initiative.status != expected_status:
        raise TransitionNotAllowed(
            _("Mô hình vừa được người khác xử lý, trạng thái hiện tại là “%(status)s”. Hãy tải lại trang để xem.")
            % {"status": initiative.get_status_display()}
        )
    if not transition.available(initiative):
        raise TransitionNotAllowed(
            _("Không thể “%(action)s” khi mô hình đang ở trạng thái “%(status)s”.")
            % {"action": transition.label, "status": initiative.get_status_display()}
        )
    if not may_fire(by, initiative, transition):
        raise PermissionDenied(
            _("Vai trò hoặc cấp của bạn không được thực hiện “%(action)s” với mô hình này.")
            % {"action": transition.label}
        )
    if refusal := transition.unmet(initiative):
        raise TransitionNotAllowed(refusal)
    note = nfc(note)
    if transition.note_required and not note:
        raise ValidationError({"note": [_("Hãy ghi rõ lý do để đơn vị biết cần làm gì.")]})
    before = snapshot(initiative)
    level = initiative.review_level
    fields = transition.apply(initiative)
    initiative.save(update_fields=[*fields, "updated_at"])
    event = initiative_event(
        initiative=initiative,
        action=action,
        by=by,
        from_status=before["status"],
        to_status=initiative.status,
        note=note,
        level=level if transition.records_acting_level else (initiative.review_level or level),
    )
    initiative_changed(InitiativeChange(initiative, before, snapshot(initiative), event))
    return initiative


@transaction.atomic
def initiative_send(
    *,
    by: Actor,
    initiative: Initiative | None = None,
    initiative_id: int | str | None = None,
    expected_status: str | None = None,
) -> Initiative:
    """The registering side's one action (`workflow.SEND`): register a draft and send it to review, or
    send a registered or returned one, once the dossier is complete; all or nothing.

    Refused (`TransitionNotAllowed`, nothing written) when the state has no way to review or the
    dossier lacks what the criteria judge or any evidence; the refusal lists what is missing."""
    if initiative_id is not None:
        initiative = access_initiative(user=by, initiative_id=initiative_id, lock=True)
    else:
        assert initiative is not None, "initiative or initiative_id"
        initiative = lock_initiative(initiative.pk)
    if expected_status and initiative.status != expected_status:
        raise TransitionNotAllowed(
            _("Mô hình vừa được người khác xử lý, trạng thái hiện tại là “%(status)s”. Hãy tải lại trang để xem.")
            % {"status": initiative.get_status_display()}
        )
    path = SEND.path(initiative.status)
    if not path:
        raise TransitionNotAllowed(
            _("Không thể “%(action)s” khi mô hình đang ở trạng thái “%(status)s”.")
            % {"action": SEND.label, "status": initiative.get_status_display()}
        )
    if not all(may_fire(by, initiative, t) for t in path):
        raise PermissionDenied(
            _("Vai trò hoặc cấp của bạn không được thực hiện “%(action)s” với mô hình này.") % {"action": SEND.label}
        )
    if refusal := SEND.unmet(initiative):
        raise TransitionNotAllowed(refusal)
    for transition in path:
        initiative = initiative_act(by=by, initiative=initiative, action=transition.action)
    return initiative


@transaction.atomic
def initiative_enter_historical(
    *,
    by: Actor,
    data: InitiativeData,
    status: str,
    recognized_level: str = "",
    recognized_on: datetime.date | None = None,
    exemplary: bool = False,
    import_key: str | None = None,
) -> Initiative:
    """Enter a record of the years before danvan directly in its final state (admins and approvers)."""
    entry = HistoricalEntry(
        data=data,
        status=status,
        recognized_level=recognized_level,
        recognized_on=recognized_on,
        exemplary=exemplary,
        import_key=import_key,
    )
    check_historical(by=by, entry=entry)
    initiative = _historical_initiative(by, entry)
    initiative.save()
    if data.measures:
        measures_write(initiative, data.measures)
    event = _historical_event(by, initiative)
    event.save()
    initiative_changed(InitiativeChange(initiative, None, snapshot(initiative), event))
    return initiative


@dataclass(slots=True)
class HistoricalEntry:
    """One record of the years before danvan, in its final state: what the API and the import hand over."""

    data: InitiativeData
    status: str = Status.REGISTERED
    recognized_level: str = ""
    recognized_on: datetime.date | None = None
    exemplary: bool = False
    import_key: str | None = None


def historical_errors(entry: HistoricalEntry, by: Actor | None = None) -> dict[str, list[str]]:
    """Every reason `entry` cannot be entered, by field (empty when it can). With `by`, the
    recognition level must be at or below the level at which `by` approves over the unit."""
    try:
        validate_data(entry.data)
        errors: dict[str, list[str]] = {}
    except ValidationError as exc:
        errors = exc.message_dict
    status = entry.status
    if status not in (Status.REGISTERED, Status.RECOGNIZED, Status.NOT_RECOGNIZED):
        errors["status"] = [_("Trạng thái nhập lịch sử phải là đã đăng ký, đã công nhận hoặc không công nhận.")]
    if status == Status.RECOGNIZED:
        if entry.recognized_level not in Level.values:
            errors["recognized_level"] = [_("Mô hình đã công nhận cần cấp công nhận.")]
        elif by is not None and level_rank(entry.recognized_level) > level_rank(
            own := acting_level(by, entry.data.unit, [Role.ADMIN, Role.APPROVER])
        ):
            errors["recognized_level"] = [
                _(
                    "Bạn chỉ nhập được mô hình công nhận từ cấp của mình (%(own)s) trở xuống; "
                    "“%(level)s” do cấp trên nhập."
                )
                % {
                    "own": Level(own).label.lower() if own else "—",
                    "level": Level(entry.recognized_level).label.lower(),
                }
            ]
        if entry.recognized_on is None:
            errors["recognized_on"] = [_("Mô hình đã công nhận cần ngày công nhận (dd/mm/yyyy).")]
        elif entry.recognized_on.year < entry.data.year or entry.recognized_on > timezone.localdate():
            errors["recognized_on"] = [
                _("Ngày công nhận phải từ năm đăng ký (%(year)s) đến hôm nay.") % {"year": entry.data.year}
            ]
    elif entry.exemplary:
        errors["exemplary"] = [_("Chỉ mô hình đã công nhận mới được chọn là tiêu biểu.")]
    return errors


def may_enter_record(by: Actor, unit: Unit, status: str) -> bool:
    """Admins and approvers enter records in any final state; the registering side (officers) may
    enter records that are only registered."""
    if has_role(by, unit, [Role.ADMIN, Role.APPROVER]):
        return True
    return status == Status.REGISTERED and has_role(by, unit, [Role.OFFICER])


def check_historical(*, by: Actor, entry: HistoricalEntry) -> None:
    if not may_enter_record(by, entry.data.unit, entry.status):
        raise PermissionDenied(_("Chỉ quản trị hoặc người phê duyệt của đơn vị mới nhập được số liệu lịch sử."))
    errors = historical_errors(entry, by)
    if errors:
        raise ValidationError(errors)


def _historical_initiative(by: Actor, entry: HistoricalEntry) -> Initiative:
    initiative = Initiative(
        created_by=by if getattr(by, "pk", None) else None, historical=True, import_key=entry.import_key
    )
    _assign(initiative, entry.data)
    initiative.status = entry.status
    if entry.status == Status.RECOGNIZED:
        initiative.recognized_level = entry.recognized_level
        initiative.review_level = entry.recognized_level
        initiative.recognized_on = entry.recognized_on
        initiative.exemplary = entry.exemplary
    return initiative


def _historical_event(by: Actor, initiative: Initiative) -> InitiativeEvent:
    return InitiativeEvent(
        initiative=initiative,
        action="historical_entry",
        by=by if getattr(by, "pk", None) else None,
        from_status="",
        to_status=initiative.status,
        level=initiative.recognized_level or initiative.registered_level,
        note=system_note("historical_entry"),
    )


@transaction.atomic
def initiatives_enter_historical(
    *,
    by: Actor,
    entries: Iterable[HistoricalEntry],
    batch_size: int = 1000,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """`initiative_enter_historical` for many records at once (the spreadsheet import): the same
    checks, the same event and the same `initiative_changed` per record, written in batches, all in
    one transaction: either every record is entered or none is. Returns how many.

    The followers can add up their work: the import wraps this call in `changes.bulk()`."""
    created = 0
    for batch in itertools.batched(entries, batch_size):
        initiatives = []
        for entry in batch:
            check_historical(by=by, entry=entry)
            initiatives.append(_historical_initiative(by, entry))
        insert_new(Initiative, initiatives)
        events = [_historical_event(by, i) for i in initiatives]
        insert_new(InitiativeEvent, events)
        for initiative, event in zip(initiatives, events, strict=True):
            initiative_changed(InitiativeChange(initiative, None, snapshot(initiative), event))
        created += len(initiatives)
        if on_batch is not None:
            on_batch(created)
    return created


# Attachments (minh chứng) -------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, by: Actor, initiative: Initiative, prepared: PreparedFile, caption: str = "") -> Attachment:
    """Store one checked file (see `files.prepare_upload`) through Django's storage API."""
    initiative = lock_initiative(initiative.pk)
    if not may_edit(by, initiative):
        raise PermissionDenied(
            _("Chỉ đơn vị đăng ký mới thêm được tệp, khi mô hình còn là nháp, đã đăng ký hoặc bị trả lại.")
        )
    limit = settings.DANVAN_ATTACHMENTS_PER_INITIATIVE
    if initiative.attachments.count() >= limit:
        raise ValidationError(
            {"uploads": [_("Mỗi mô hình có tối đa %(n)s tệp đính kèm. Hãy gỡ bớt tệp cũ trước.") % {"n": limit}]}
        )
    attachment = Attachment(
        initiative=initiative,
        kind=prepared.kind,
        original_name=nfc(prepared.original_name),
        size=len(prepared.content),
        caption=nfc(caption)[:255],
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    attachment.file.save(f"minh-chung.{prepared.extension}", ContentFile(prepared.content), save=False)
    if prepared.thumbnail is not None:
        attachment.thumbnail.save("anh-nho.jpg", ContentFile(prepared.thumbnail), save=False)
    attachment.save()
    initiative_event(
        initiative=initiative,
        action="attach",
        by=by,
        from_status=initiative.status,
        to_status=initiative.status,
        note=attachment.original_name,
    )
    return attachment


@transaction.atomic
def attachment_remove(*, by: Actor, attachment: Attachment) -> None:
    """Remove a file while the initiative may still be edited; the event log keeps its name."""
    initiative = lock_initiative(attachment.initiative_id)
    if not may_edit(by, initiative):
        raise PermissionDenied(
            _("Chỉ đơn vị đăng ký mới gỡ được tệp, khi mô hình còn là nháp, đã đăng ký hoặc bị trả lại.")
        )
    names = [f.name for f in (attachment.file, attachment.thumbnail) if f and f.name]
    storage = attachment.file.storage
    attachment.delete()
    initiative_event(
        initiative=initiative,
        action="detach",
        by=by,
        from_status=initiative.status,
        to_status=initiative.status,
        note=attachment.original_name,
    )

    def delete_files() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)


@transaction.atomic
def initiative_save(
    *,
    by: Actor,
    initiative: Initiative | None,
    data: InitiativeData,
    register: bool = False,
    files: list[PreparedFile] | tuple[PreparedFile, ...] = (),
) -> Initiative:
    """What the registration form does: create or edit, register a draft if asked, add its files.

    All or nothing: a file refused by a check leaves no half-saved initiative behind.
    """
    if initiative is None:
        initiative = initiative_create(by=by, data=data, register=register)
    else:
        initiative = initiative_update(by=by, initiative=initiative, data=data)
        if register and initiative.status == Status.DRAFT:
            initiative = initiative_act(by=by, initiative=initiative, action="register")
    for prepared in files:
        attachment_add(by=by, initiative=initiative, prepared=prepared)
    return initiative


@transaction.atomic
def attachments_add(*, by: Actor, initiative: Initiative, files: list[PreparedFile]) -> list[Attachment]:
    return [attachment_add(by=by, initiative=initiative, prepared=prepared) for prepared in files]
