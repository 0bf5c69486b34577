"""Every write of the reporting rounds: opening a round, a unit saving and sending its report, the
round's unit accepting or returning it, the reminders, and the indicator sets."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import User
from danvan.core.actors import Actor
from danvan.core.amounts import AmountError, parse_amount
from danvan.core.formatting import vn_date
from danvan.initiatives.services import TransitionNotAllowed
from danvan.notifications import wording
from danvan.notifications.models import Notification
from danvan.notifications.services import notify
from danvan.orgs.access import has_role
from danvan.orgs.models import Membership, Unit
from danvan.rounds.models import (
    DEFAULT_OUTLINE,
    Indicator,
    IndicatorSet,
    Reminder,
    ReportingRound,
    RoundStatus,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    SubmissionValue,
)
from danvan.rounds.selectors import units_asked
from danvan.rounds.tasks import schedule_reminders
from danvan.rounds.workflow import STAFF_ROLES, TRANSITIONS

MAX_SECTION = 20_000
REMIND_DAYS_BEFORE = 3


def staff_of(units: Sequence[Unit] | Any) -> list[User]:
    """Active users holding a staff role in one of `units` itself (not above: the province is not reminded
    of every commune's report)."""
    return list(
        User.objects.filter(
            is_active=True, memberships__unit__in=units, memberships__role__in=[str(r) for r in STAFF_ROLES]
        ).distinct()
    )


def _check_outline(outline: Sequence[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    if not outline:
        return [dict(s) for s in DEFAULT_OUTLINE]
    sections: list[dict[str, str]] = []
    for i, item in enumerate(outline, start=1):
        code, title = str(item.get("code", "")).strip(), str(item.get("title", "")).strip()
        if not code or not title:
            raise ValidationError({"outline": [_("Mục %(n)s của đề cương thiếu mã hoặc tiêu đề.") % {"n": i}]})
        if code in {s["code"] for s in sections}:
            raise ValidationError({"outline": [_("Mã mục “%(code)s” bị lặp trong đề cương.") % {"code": code}]})
        sections.append({"code": code[:32], "title": title[:255]})
    return sections


@transaction.atomic
def round_open(
    *,
    by: Actor,
    unit: Unit,
    title: str,
    date_from: datetime.date,
    date_to: datetime.date,
    due: datetime.date,
    indicator_set: IndicatorSet,
    units: Sequence[Unit] | None = None,
    outline: Sequence[Mapping[str, Any]] | None = None,
) -> ReportingRound:
    """Open a round: one pending submission for each unit asked (by default every active unit directly
    under `unit`), and a notification to their staff."""
    if not has_role(by, unit, STAFF_ROLES):
        raise PermissionDenied(_("Bạn không có quyền mở đợt báo cáo cho “%(name)s”.") % {"name": unit.name})
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Hãy ghi tên đợt báo cáo.")]
    if date_from > date_to:
        errors["date_to"] = [_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")]
    if due < date_from:
        errors["due"] = [_("Hạn gửi phải từ ngày bắt đầu kỳ báo cáo (%(day)s) trở đi.") % {"day": vn_date(date_from)}]
    if units is None:
        asked = list(units_asked(unit))
    else:
        asked = sorted({u.pk: u for u in units}.values(), key=lambda u: u.path)
        outside = [u.name for u in asked if u.pk == unit.pk or not u.is_within(unit.path)]
        if outside:
            errors["units"] = [
                _("Chỉ yêu cầu báo cáo từ đơn vị cấp dưới của “%(unit)s”; không thuộc: %(names)s.")
                % {"unit": unit.name, "names": ", ".join(outside)}
            ]
        gone = [u.name for u in asked if u.valid_to is not None and u.valid_to < date_from]
        if gone:
            errors.setdefault("units", []).append(
                _("Đơn vị đã giải thể trước kỳ báo cáo: %(names)s.") % {"names": ", ".join(gone)}
            )
    if not asked and "units" not in errors:
        errors["units"] = [_("“%(name)s” không có đơn vị cấp dưới nào để yêu cầu báo cáo.") % {"name": unit.name}]
    sections = _check_outline(outline)
    if errors:
        raise ValidationError(errors)
    the_round = ReportingRound.objects.create(
        unit=unit,
        title=title.strip(),
        date_from=date_from,
        date_to=date_to,
        due=due,
        indicator_set=indicator_set,
        outline=sections,
        created_by=by if getattr(by, "pk", None) else None,
    )
    Submission.objects.bulk_create([Submission(round=the_round, unit=u) for u in asked], batch_size=1000)
    notify(
        users=staff_of(asked),
        reason=Notification.Reason.ROUND,
        text=gettext_lazy("%(unit)s yêu cầu báo cáo “%(title)s”, hạn gửi %(due)s."),
        values={"unit": unit.name, "title": the_round.title, "due": wording.day(due)},
    )
    transaction.on_commit(lambda: schedule_reminders(the_round.pk, due, REMIND_DAYS_BEFORE))
    return the_round


def _lock(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("unit", "round", "round__unit", "round__indicator_set")
        .get(pk=submission.pk)
    )


def _require(user: Actor, submission: Submission, action: str) -> None:
    transition = TRANSITIONS[action]
    unit = submission.unit if transition.side == "unit" else submission.round.unit
    if not has_role(user, unit, STAFF_ROLES):
        raise PermissionDenied(
            _("Bạn không có quyền “%(action)s” báo cáo của “%(name)s”.")
            % {"action": str(transition.label).lower(), "name": submission.unit.name}
        )
    if submission.round.status != RoundStatus.OPEN:
        raise TransitionNotAllowed(_("Đợt báo cáo đã kết thúc, không nhận thay đổi nữa."))
    if submission.status not in transition.sources:
        raise TransitionNotAllowed(
            _("Báo cáo đang ở trạng thái “%(status)s”, không thể “%(action)s”.")
            % {"status": submission.get_status_display().lower(), "action": str(transition.label).lower()}
        )


@dataclass(frozen=True)
class SubmissionInput:
    values: Mapping[str, Any]
    sections: Mapping[str, Any]
    as_of: datetime.date | None = None


def _clean(
    the_round: ReportingRound, indicators: Sequence[Indicator], data: SubmissionInput
) -> tuple[dict[int, Decimal], dict[str, str]]:
    """The values by indicator id and the sections, or one ValidationError naming every bad field."""
    errors: dict[str, list[str]] = {}
    by_code = {i.code: i for i in indicators}
    values: dict[int, Decimal] = {}
    for code, raw in data.values.items():
        indicator = by_code.get(str(code))
        if indicator is None:
            errors[f"values.{code}"] = [
                _("Bộ chỉ tiêu “%(set)s” không có chỉ tiêu mã “%(code)s”.")
                % {"set": the_round.indicator_set.name, "code": code}
            ]
            continue
        if indicator.is_derived:
            errors[f"values.{code}"] = [
                _("“%(name)s” được tính tự động từ các số liệu khác; không nhập.") % {"name": indicator.name}
            ]
            continue
        if raw is None or raw == "":
            continue
        try:
            values[indicator.pk] = parse_amount(raw)
        except AmountError as exc:
            errors[f"values.{code}"] = [f"{indicator.name}: {exc}"]
    allowed = the_round.section_codes()
    sections: dict[str, str] = {}
    for code, text in data.sections.items():
        if code not in allowed:
            errors[f"sections.{code}"] = [
                _("Đề cương của đợt không có mục “%(code)s”; các mục: %(codes)s.")
                % {"code": code, "codes": ", ".join(allowed)}
            ]
        elif not isinstance(text, str):
            errors[f"sections.{code}"] = [_("Phải là một đoạn văn bản.")]
        elif len(text) > MAX_SECTION or "\x00" in text:
            errors[f"sections.{code}"] = [_("Dài quá %(n)s ký tự hoặc chứa ký tự không hợp lệ.") % {"n": MAX_SECTION}]
        elif text.strip():
            sections[code] = text.strip()
    if data.as_of is not None and not (the_round.date_from <= data.as_of <= the_round.date_to):
        errors["as_of"] = [
            _("Ngày %(day)s nằm ngoài kỳ báo cáo (%(start)s - %(end)s); hãy ghi một ngày trong kỳ.")
            % {"day": vn_date(data.as_of), "start": vn_date(the_round.date_from), "end": vn_date(the_round.date_to)}
        ]
    if errors:
        raise ValidationError(errors)
    return values, sections


@transaction.atomic
def submission_save(*, by: Actor, submission: Submission, data: SubmissionInput, send: bool) -> Submission:
    """Save the unit's figures and sections as a draft, or send them. A constant number of queries
    whatever the number of indicators: lock, indicators, the values replaced in two statements, the row,
    the event, and on sending the round's staff told (tests/test_rounds.py counts them)."""
    submission = _lock(submission)
    action = "send" if send else "save"
    _require(by, submission, action)
    indicators = list(Indicator.objects.filter(indicator_set_id=submission.round.indicator_set_id))
    values, sections = _clean(submission.round, indicators, data)
    SubmissionValue.objects.filter(submission=submission).delete()
    SubmissionValue.objects.bulk_create(
        [SubmissionValue(submission=submission, indicator_id=pk, value=v) for pk, v in values.items()]
    )
    submission.sections = sections
    submission.as_of = data.as_of
    submission.status = TRANSITIONS[action].target
    submission.updated_by = by
    fields = ["sections", "as_of", "status", "updated_by", "updated_at"]
    if send:
        submission.sent_at = timezone.now()
        submission.late = timezone.localdate(submission.sent_at) > submission.round.due
        submission.return_note = ""
        fields += ["sent_at", "late", "return_note"]
    submission.save(update_fields=fields)
    SubmissionEvent.objects.create(submission=submission, action=action, by=by)
    if send:
        the_round = submission.round
        notify(
            users=[u for u in staff_of([the_round.unit]) if u.pk != by.pk],
            reason=Notification.Reason.ROUND,
            text=gettext_lazy("%(unit)s đã gửi báo cáo “%(title)s”%(late)s."),
            values={
                "unit": submission.unit.name,
                "title": the_round.title,
                "late": wording.phrase(gettext_lazy(" (muộn hạn)")) if submission.late else "",
            },
        )
    return submission


@transaction.atomic
def submission_review(*, by: Actor, submission: Submission, accept: bool, note: str = "") -> Submission:
    """The round's unit accepts a sent report, or returns it with a note saying what to fix."""
    submission = _lock(submission)
    action = "accept" if accept else "return"
    _require(by, submission, action)
    note = note.strip()
    if not accept and not note:
        raise ValidationError({"note": [_("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")]})
    submission.status = TRANSITIONS[action].target
    submission.return_note = "" if accept else note
    submission.updated_by = by
    submission.save(update_fields=["status", "return_note", "updated_by", "updated_at"])
    SubmissionEvent.objects.create(submission=submission, action=action, by=by, note=note)
    the_round = submission.round
    notify(
        users=[u for u in staff_of([submission.unit]) if u.pk != by.pk],
        reason=Notification.Reason.ROUND,
        text=(
            gettext_lazy("Báo cáo “%(title)s” của %(unit)s đã được tiếp nhận.")
            if accept
            else gettext_lazy("Báo cáo “%(title)s” của %(unit)s bị trả lại: %(note)s")
        ),
        values={"title": the_round.title, "unit": wording.unit(submission.unit.name), "note": note},
    )
    return submission


@transaction.atomic
def round_close(*, by: Actor, the_round: ReportingRound) -> ReportingRound:
    if not has_role(by, the_round.unit, STAFF_ROLES):
        raise PermissionDenied(_("Bạn không có quyền kết thúc đợt báo cáo này."))
    the_round.status = RoundStatus.CLOSED
    the_round.save(update_fields=["status", "updated_at"])
    return the_round


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None, round_id: int | None = None) -> int:
    """Remind the units of open rounds (of one round, given `round_id`) that have not sent: once in the
    last days before the deadline, once after it. Returns how many reminders were sent. Run by the
    worker at the moments `rounds.tasks.schedule_reminders` set, and daily by the command."""
    today = today or timezone.localdate()
    waiting = [SubmissionStatus.PENDING, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED]
    soon = Q(round__due__gte=today, round__due__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE))
    sent = 0
    for kind, when in ((Reminder.Kind.BEFORE, soon), (Reminder.Kind.AFTER, Q(round__due__lt=today))):
        due = list(
            Submission.objects.filter(when, round__status=RoundStatus.OPEN, status__in=waiting)
            .filter(**({"round_id": round_id} if round_id is not None else {}))
            .exclude(reminders__kind=kind)
            .select_related("round", "unit")
            .order_by("pk")
        )
        if not due:
            continue
        Reminder.objects.bulk_create([Reminder(submission=s, kind=kind) for s in due])
        staff = Membership.objects.filter(
            unit_id__in={s.unit_id for s in due}, role__in=[str(r) for r in STAFF_ROLES], user__is_active=True
        ).select_related("user")
        users_by_unit: dict[int, list[User]] = {}
        for m in staff:
            users_by_unit.setdefault(m.unit_id, []).append(m.user)
        for s in due:
            notify(
                users=users_by_unit.get(s.unit_id, []),
                reason=Notification.Reason.ROUND,
                text=(
                    gettext_lazy("Sắp đến hạn gửi báo cáo “%(title)s” (%(due)s): %(unit)s chưa gửi.")
                    if kind == Reminder.Kind.BEFORE
                    else gettext_lazy("Đã quá hạn gửi báo cáo “%(title)s” (%(due)s): %(unit)s chưa gửi. Hãy gửi ngay.")
                ),
                values={"title": s.round.title, "due": wording.day(s.round.due), "unit": wording.unit(s.unit.name)},
            )
        sent += len(due)
    return sent


@dataclass(frozen=True)
class IndicatorInput:
    code: str
    name: str
    unit: str = ""
    numerator: str = ""
    denominator: str = ""


@transaction.atomic
def indicator_set_create(*, by: Actor, code: str, name: str, indicators: Sequence[IndicatorInput]) -> IndicatorSet:
    """A new indicator set; a rate names its numerator and denominator among the set's entered indicators."""
    from danvan.rounds.access import may_edit_indicator_sets

    if not may_edit_indicator_sets(by):
        raise PermissionDenied(_("Chỉ quản trị viên mới thêm được bộ chỉ tiêu."))
    errors: dict[str, list[str]] = {}
    code, name = code.strip(), name.strip()
    if not code:
        errors["code"] = [_("Hãy ghi mã bộ chỉ tiêu.")]
    elif IndicatorSet.objects.filter(code=code).exists():
        errors["code"] = [_("Đã có bộ chỉ tiêu mã “%(code)s”; hãy chọn mã khác.") % {"code": code}]
    if not name:
        errors["name"] = [_("Hãy ghi tên bộ chỉ tiêu.")]
    if not indicators:
        errors["indicators"] = [_("Bộ chỉ tiêu phải có ít nhất một chỉ tiêu.")]
    seen: dict[str, IndicatorInput] = {}
    for n, item in enumerate(indicators):
        field = f"indicators.{n}"
        if not item.code.strip() or not item.name.strip():
            errors[field] = [_("Chỉ tiêu thứ %(n)s thiếu mã hoặc tên.") % {"n": n + 1}]
        elif item.code in seen:
            errors[field] = [_("Mã chỉ tiêu “%(code)s” bị lặp.") % {"code": item.code}]
        elif bool(item.numerator) != bool(item.denominator):
            errors[field] = [_("Một tỷ lệ cần cả tử số và mẫu số.")]
        elif item.numerator:
            for part in (item.numerator, item.denominator):
                if part not in seen or seen[part].numerator:
                    errors[field] = [
                        _("Tỷ lệ “%(code)s”: “%(part)s” phải là một chỉ tiêu nhập số đứng trước nó trong bộ.")
                        % {"code": item.code, "part": part}
                    ]
        seen[item.code] = item
    if errors:
        raise ValidationError(errors)
    indicator_set = IndicatorSet.objects.create(
        code=code, name=name, created_by=by if getattr(by, "pk", None) else None
    )
    made: dict[str, Indicator] = {}
    for sort, item in enumerate(indicators, start=1):
        made[item.code] = Indicator.objects.create(
            indicator_set=indicator_set,
            code=item.code.strip(),
            name=item.name.strip(),
            unit_label=item.unit.strip(),
            numerator=made.get(item.numerator),
            denominator=made.get(item.denominator),
            sort=sort * 10,
        )
    return indicator_set
