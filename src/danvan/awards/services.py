"""Every write to a commendation decision.

How the API (POST /api/v1/decisions) calls these: resolve `issuer_unit` with
`orgs.access.access_unit(user=, code=)`, then

    data = DecisionData(
        number="2559/QĐ-UBND", date=date(2020, 9, 7), issuer_unit=unit,
        signer_name="...", signer_title="Chủ tịch", award_form="giay_khen",
        awards=[{"initiative": 12}, {"recipient_name": "...", "recipient_kind": "individual"}],
    )
    decision = decision_create(by=request_user, data=data, issue=True)  # the web form saves a draft first

The same `DecisionData` (the form builds it with `DecisionForm.decision_data()`) goes to
`decision_update(by=, decision=, data=)`.

`award_form` is a code (or an AwardForm); each award is `{"initiative": id}` or
`{"recipient_name", "recipient_kind": "collective" | "individual"}` with optional `position`,
`unit_name`, `achievement`. `ValidationError` (message_dict keyed by the API's field names:
number, date, issuer_unit, award_form, awards, ...) maps to 400 and `PermissionDenied` to 403.
`decision_issue(by=, decision=)` issues a draft. Lists: `selectors.decision_list(user=, unit=,
year_from=, year_to=)`; by id: `access.access_decision(user=, decision_id=)`.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.awards.access import may_manage
from danvan.awards.models import (
    Award,
    AwardForm,
    Decision,
    DecisionEvent,
    DecisionStatus,
    RecipientKind,
    new_certificate_code,
)
from danvan.awards.numbers import parse_number
from danvan.core.text import nfc
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative, Status
from danvan.movements.models import InitiativeKind
from danvan.orgs.models import Unit

MAX_AWARDS = 2000
MIN_YEAR = 2000


@dataclass
class AwardLine:
    """One recipient as the services store it."""

    recipient_name: str
    recipient_kind: str
    position: str = ""
    unit_name: str = ""
    achievement: str = ""
    initiative: Initiative | None = None


@dataclass
class DecisionData:
    """What a person enters for a decision, as `decision_create` and `decision_update` take it."""

    number: str
    date: datetime.date | None
    issuer_unit: Unit | None
    signer_name: str
    signer_title: str
    award_form: AwardForm | str | None
    awards: Sequence[Mapping[str, Any]] = field(default_factory=list)
    title: str = ""
    legal_bases: str = ""
    proposal: str = ""
    citation: str = ""
    place: str = ""
    issuer_body: str = ""
    authority: str = ""


def decision_event(*, decision: Decision, action: str, by: Any, note: str = "") -> DecisionEvent:
    return DecisionEvent.objects.create(
        decision=decision, action=action, by=by if getattr(by, "pk", None) else None, note=note
    )


def _award_form(value: AwardForm | str | None, issuer: Unit | None, errors: dict[str, list[str]]) -> AwardForm | None:
    if isinstance(value, AwardForm):
        form: AwardForm | None = value
    else:
        form = AwardForm.objects.filter(code=str(value or "").strip(), active=True).first()
    if form is None:
        codes = ", ".join(AwardForm.objects.filter(active=True).values_list("code", flat=True))
        errors["award_form"] = [
            _("Hình thức khen thưởng không có trong danh mục. Các mã đang dùng: %(codes)s.") % {"codes": codes}
        ]
        return None
    if issuer is not None and issuer.level and issuer.level not in (form.levels or []):
        errors["award_form"] = [
            _(
                "“%(form)s” không thuộc thẩm quyền khen thưởng của %(level)s (đơn vị “%(unit)s”). "
                "Hãy chọn hình thức khác."
            )
            % {"form": form.name, "level": issuer.get_level_display().lower(), "unit": issuer.name}
        ]
    return form


def _initiative_line(initiative: Initiative) -> AwardLine:
    if initiative.kind == InitiativeKind.INDIVIDUAL:
        return AwardLine(
            recipient_name=initiative.person_name or initiative.title,
            recipient_kind=RecipientKind.INDIVIDUAL,
            position=initiative.person_position,
            unit_name=initiative.person_unit or initiative.unit.name,
            achievement=_("điển hình “%(title)s”") % {"title": initiative.title},
            initiative=initiative,
        )
    parent = initiative.unit.parent.name if initiative.unit.parent_id and initiative.unit.parent else ""
    return AwardLine(
        recipient_name=initiative.unit.name,
        recipient_kind=RecipientKind.COLLECTIVE,
        unit_name=parent,
        achievement=_("mô hình “%(title)s”") % {"title": initiative.title},
        initiative=initiative,
    )


def _award_lines(by: Any, raw: Sequence[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[AwardLine]:
    """Check every recipient; say which line is wrong and why."""
    problems: list[str] = []
    if not raw:
        errors["awards"] = [_("Quyết định cần ít nhất một tập thể hoặc cá nhân được khen thưởng.")]
        return []
    if len(raw) > MAX_AWARDS:
        errors["awards"] = [_("Một quyết định có tối đa %(n)s tập thể, cá nhân.") % {"n": MAX_AWARDS}]
        return []
    wanted: dict[int, int] = {}
    for index, item in enumerate(raw, start=1):
        value = item.get("initiative") if isinstance(item, Mapping) else None
        if value is None:
            continue
        pk = value.pk if isinstance(value, Initiative) else value
        try:
            wanted[index] = int(pk)
        except (TypeError, ValueError):
            problems.append(_("Dòng %(i)s: mã mô hình “%(v)s” không phải là số.") % {"i": index, "v": pk})
    found = {
        i.pk: i
        for i in initiatives_visible_to(by).filter(pk__in=set(wanted.values())).select_related("unit", "unit__parent")
    }
    lines: list[AwardLine] = []
    seen: set[int] = set()
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            problems.append(_("Dòng %(i)s: không đọc được người nhận.") % {"i": index})
            continue
        if index in wanted:
            initiative = found.get(wanted[index])
            if initiative is None:
                problems.append(
                    _("Dòng %(i)s: không tìm thấy mô hình số %(pk)s trong phạm vi của bạn.")
                    % {"i": index, "pk": wanted[index]}
                )
            elif initiative.status != Status.RECOGNIZED:
                problems.append(
                    _(
                        "Dòng %(i)s: mô hình “%(title)s” đang ở trạng thái “%(status)s”; "
                        "chỉ mô hình, điển hình đã được công nhận mới được khen thưởng."
                    )
                    % {"i": index, "title": initiative.title, "status": initiative.get_status_display()}
                )
            elif initiative.pk in seen:
                problems.append(
                    _("Dòng %(i)s: mô hình “%(title)s” đã có trong danh sách.")
                    % {"i": index, "title": initiative.title}
                )
            else:
                seen.add(initiative.pk)
                lines.append(_initiative_line(initiative))
            continue
        name = nfc(str(item.get("recipient_name") or ""))
        kind = str(item.get("recipient_kind") or "")
        if not name:
            problems.append(_("Dòng %(i)s: thiếu tên tập thể hoặc họ và tên cá nhân.") % {"i": index})
        elif kind not in RecipientKind.values:
            problems.append(
                _("Dòng %(i)s: “%(name)s” phải là tập thể (collective) hoặc cá nhân (individual).")
                % {"i": index, "name": name}
            )
        elif len(name) > 255:
            problems.append(_("Dòng %(i)s: tên dài quá 255 ký tự.") % {"i": index})
        else:
            lines.append(
                AwardLine(
                    recipient_name=name,
                    recipient_kind=kind,
                    position=nfc(str(item.get("position") or ""))[:255],
                    unit_name=nfc(str(item.get("unit_name") or ""))[:255],
                    achievement=nfc(str(item.get("achievement") or ""))[:500],
                )
            )
    if problems:
        errors["awards"] = problems
    return lines


def _validate(
    by: Any, data: DecisionData, *, exclude_pk: int | None = None
) -> tuple[str, str, AwardForm, list[AwardLine]]:
    errors: dict[str, list[str]] = {}
    number, number_form = "", ""
    try:
        number, number_form = parse_number(data.number)
    except ValidationError as exc:
        errors["number"] = exc.messages
    if data.issuer_unit is None:
        errors["issuer_unit"] = [_("Hãy chọn đơn vị ban hành quyết định.")]
    elif not may_manage(by, data.issuer_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới lập và ban hành quyết định của đơn vị này.")
            % {"unit": data.issuer_unit.name}
        )
    today = timezone.localdate()
    if data.date is None:
        errors["date"] = [_("Hãy nhập ngày ký quyết định (dd/mm/yyyy).")]
    elif not (data.date.year >= MIN_YEAR and data.date <= today + datetime.timedelta(days=366)):
        errors["date"] = [
            _("Ngày ký %(d)s không hợp lệ: hãy kiểm tra lại năm.") % {"d": data.date.strftime("%d/%m/%Y")}
        ]
    if not nfc(data.signer_name):
        errors["signer_name"] = [_("Hãy nhập họ và tên người ký.")]
    if not nfc(data.signer_title):
        errors["signer_title"] = [_("Hãy nhập chức vụ người ký, ví dụ “Chủ tịch”.")]
    award_form = _award_form(data.award_form, data.issuer_unit, errors)
    lines = _award_lines(by, data.awards, errors)
    if number and data.issuer_unit is not None and data.date is not None and "number" not in errors:
        clash = Decision.objects.filter(issuer_unit=data.issuer_unit, year=data.date.year, number=number)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["number"] = [_duplicate_message(number, data.issuer_unit, data.date.year)]
    if errors:
        raise ValidationError(errors)
    assert award_form is not None
    return number, number_form, award_form, lines


def _duplicate_message(number: str, unit: Unit, year: int) -> str:
    return _(
        "Số “%(number)s” đã được “%(unit)s” dùng cho một quyết định năm %(year)s. Hãy kiểm tra lại số văn bản."
    ) % {
        "number": number,
        "unit": unit.name,
        "year": year,
    }


def _assign(decision: Decision, data: DecisionData, number: str, number_form: str, award_form: AwardForm) -> None:
    from danvan.awards.documents import default_texts

    assert data.issuer_unit is not None and data.date is not None
    decision.number = number
    decision.number_form = number_form
    decision.date = data.date
    decision.year = data.date.year
    decision.issuer_unit = data.issuer_unit
    decision.award_form = award_form
    decision.signer_name = nfc(data.signer_name)
    decision.signer_title = nfc(data.signer_title)
    defaults = default_texts(unit=data.issuer_unit, award_form=award_form, number_form=number_form)
    decision.issuer_body = nfc(data.issuer_body) or defaults["issuer_body"]
    decision.authority = nfc(data.authority) or defaults["authority"]
    decision.place = nfc(data.place) or defaults["place"]
    decision.title = nfc(data.title) or defaults["title"]
    decision.citation = nfc(data.citation) or defaults["citation"]
    decision.legal_bases = "\n".join(line for line in (nfc(x) for x in data.legal_bases.splitlines()) if line)
    decision.proposal = nfc(data.proposal)


def _write_awards(decision: Decision, lines: list[AwardLine]) -> None:
    codes: set[str] = set()
    while len(codes) < len(lines):
        codes.add(new_certificate_code())
    taken = set(Award.objects.filter(certificate_code__in=codes).values_list("certificate_code", flat=True))
    fresh = [c for c in codes if c not in taken]
    while len(fresh) < len(lines):  # a collision in 2^50 codes: draw again
        extra = new_certificate_code()
        if extra not in taken and extra not in fresh:
            fresh.append(extra)
    Award.objects.bulk_create(
        Award(
            decision=decision,
            initiative=line.initiative,
            recipient_name=line.recipient_name,
            recipient_kind=line.recipient_kind,
            position=line.position,
            unit_name=line.unit_name,
            achievement=line.achievement,
            certificate_code=code,
            sort=index,
        )
        for index, (line, code) in enumerate(zip(lines, fresh, strict=False), start=1)
    )


def _save_unique(decision: Decision, data: DecisionData, **kwargs: Any) -> None:
    """Save, turning a race on the number constraint into the same clear message."""
    try:
        with transaction.atomic():
            decision.save(**kwargs)
    except IntegrityError:
        assert data.issuer_unit is not None
        raise ValidationError(
            {"number": [_duplicate_message(decision.number, data.issuer_unit, decision.year)]}
        ) from None


@transaction.atomic
def decision_create(*, by: Any, data: DecisionData, corrects: Decision | None = None, issue: bool = False) -> Decision:
    """Prepare a decision (a draft), or record it issued at once with `issue=True`.

    `corrects` is an issued decision of the same issuer that this one corrects.
    """
    parsed = _validate(by, data)
    if corrects is not None:
        if not corrects.is_issued:
            raise ValidationError(
                {"corrects": [_("Chỉ đính chính được quyết định đã ban hành; dự thảo thì sửa trực tiếp.")]}
            )
        if corrects.issuer_unit_id != getattr(data.issuer_unit, "pk", None):
            raise ValidationError(
                {"issuer_unit": [_("Quyết định đính chính phải do chính đơn vị đã ban hành quyết định cũ ban hành.")]}
            )
    decision = Decision(created_by=by if getattr(by, "pk", None) else None, corrects=corrects)
    _assign(decision, data, *parsed[:3])
    _save_unique(decision, data)
    _write_awards(decision, parsed[3])
    decision_event(decision=decision, action="create", by=by)
    if issue:
        decision = decision_issue(by=by, decision=decision)
    return decision


def lock_decision(pk: int) -> Decision:
    return Decision.objects.select_for_update().select_related("issuer_unit", "award_form").get(pk=pk)


def _refuse_if_issued(decision: Decision) -> None:
    if decision.is_issued:
        raise ValidationError(
            _("Quyết định %(number)s đã ban hành nên không sửa được. Nếu có sai sót, hãy lập quyết định đính chính.")
            % {"number": decision.number}
        )


@transaction.atomic
def decision_update(*, by: Any, decision: Decision, data: DecisionData) -> Decision:
    """Change a draft (its recipients are replaced as a whole). An issued decision is refused."""
    decision = lock_decision(decision.pk)
    if not may_manage(by, decision.issuer_unit):
        raise PermissionDenied(
            _("Bạn không có quyền sửa quyết định của “%(unit)s”.") % {"unit": decision.issuer_unit.name}
        )
    _refuse_if_issued(decision)
    parsed = _validate(by, data, exclude_pk=decision.pk)
    _assign(decision, data, *parsed[:3])
    _save_unique(decision, data)
    decision.awards.all().delete()
    _write_awards(decision, parsed[3])
    decision_event(decision=decision, action="edit", by=by)
    return decision


@transaction.atomic
def decision_issue(*, by: Any, decision: Decision) -> Decision:
    """Issue a draft: from now on it is immutable and its certificates can be verified."""
    decision = lock_decision(decision.pk)
    if not may_manage(by, decision.issuer_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới ban hành được quyết định này.")
            % {"unit": decision.issuer_unit.name}
        )
    _refuse_if_issued(decision)
    if not decision.awards.exists():
        raise ValidationError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng."))
    decision.status = DecisionStatus.ISSUED
    decision.issued_at = timezone.now()
    decision.issued_by = by if getattr(by, "pk", None) else None
    decision.save(update_fields=["status", "issued_at", "issued_by", "updated_at"])
    decision_event(decision=decision, action="issue", by=by)
    return decision
