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
from dataclasses import fields as dataclass_fields
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
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
    decision_search_text,
    new_certificate_code,
)
from danvan.awards.numbers import parse_number
from danvan.awards.selectors import counted_decisions_q
from danvan.core.actors import Actor
from danvan.core.errors import Conflict
from danvan.core.text import fold, nfc
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative, Status
from danvan.movements.models import Gender, InitiativeKind
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
    recipient_gender: str = ""
    women_share: int | None = None

    def fields(self) -> dict[str, Any]:
        """The recipient's columns, as an award and a proposal's item store them."""
        return {f.name: getattr(self, f.name) for f in dataclass_fields(self)}


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


def decision_event(*, decision: Decision, action: str, by: Actor, note: str = "") -> DecisionEvent:
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


def initiative_line(initiative: Initiative) -> AwardLine:
    """An initiative as a recipient line: its unit (collective) or its person (individual), the
    achievement naming the model (the proposals' items are made the same way)."""
    if initiative.kind == InitiativeKind.INDIVIDUAL:
        return AwardLine(
            recipient_name=initiative.person_name or initiative.title,
            recipient_kind=RecipientKind.INDIVIDUAL,
            position=initiative.person_position,
            unit_name=initiative.person_unit or initiative.unit.name,
            achievement=_("điển hình “%(title)s”") % {"title": initiative.title},
            initiative=initiative,
            recipient_gender=initiative.person_gender,
        )
    parent = initiative.unit.parent.name if initiative.unit.parent_id and initiative.unit.parent else ""
    return AwardLine(
        recipient_name=initiative.unit.name,
        recipient_kind=RecipientKind.COLLECTIVE,
        unit_name=parent,
        achievement=_("mô hình “%(title)s”") % {"title": initiative.title},
        initiative=initiative,
        women_share=initiative.women_share,
    )


def _award_lines(by: Actor, raw: Sequence[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[AwardLine]:
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
                lines.append(initiative_line(initiative))
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
                    recipient_gender=_gender_of(item, kind),
                    women_share=_women_share_of(item, kind),
                )
            )
    if problems:
        errors["awards"] = problems
    return lines


def _gender_of(item: Mapping[str, Any], kind: str) -> str:
    value = str(item.get("recipient_gender") or "")
    return value if kind == RecipientKind.INDIVIDUAL and value in Gender.values else ""


def _women_share_of(item: Mapping[str, Any], kind: str) -> int | None:
    value = item.get("women_share")
    if kind != RecipientKind.COLLECTIVE or not isinstance(value, int) or not 0 <= value <= 100:
        return None
    return value


def _validate(
    by: Actor, data: DecisionData, *, exclude_pk: int | None = None
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
    decision.search_text = decision_search_text(number=number, issuer=data.issuer_unit.name, title=decision.title)


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
        Award(decision=decision, certificate_code=code, sort=index, **line.fields())
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
def decision_create(
    *, by: Actor, data: DecisionData, corrects: Decision | None = None, issue: bool = False
) -> Decision:
    """Prepare a decision (a draft), or record it issued at once with `issue=True`.

    `corrects` is an issued decision of the same issuer that this one corrects.
    """
    parsed = _validate(by, data)
    assert data.date is not None
    refuse_duplicate_awards(
        [
            (line.initiative.pk if line.initiative else None, line.recipient_name, line.achievement)
            for line in parsed[3]
        ],
        year=data.date.year,
        family=_family(corrects),
    )
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
def decision_update(*, by: Actor, decision: Decision, data: DecisionData) -> Decision:
    """Change a draft (its recipients are replaced as a whole). An issued decision is refused."""
    decision = lock_decision(decision.pk)
    if not may_manage(by, decision.issuer_unit):
        raise PermissionDenied(
            _("Bạn không có quyền sửa quyết định của “%(unit)s”.") % {"unit": decision.issuer_unit.name}
        )
    _refuse_if_issued(decision)
    parsed = _validate(by, data, exclude_pk=decision.pk)
    assert data.date is not None
    refuse_duplicate_awards(
        [
            (line.initiative.pk if line.initiative else None, line.recipient_name, line.achievement)
            for line in parsed[3]
        ],
        year=data.date.year,
        family=_family(decision),
    )
    _assign(decision, data, *parsed[:3])
    _save_unique(decision, data)
    decision.awards.all().delete()
    _write_awards(decision, parsed[3])
    decision_event(decision=decision, action="edit", by=by)
    return decision


@transaction.atomic
def decision_issue(*, by: Actor, decision: Decision) -> Decision:
    """Issue a draft: from now on it is immutable and its certificates can be verified."""
    decision = lock_decision(decision.pk)
    if not may_manage(by, decision.issuer_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới ban hành được quyết định này.")
            % {"unit": decision.issuer_unit.name}
        )
    _refuse_if_issued(decision)
    awards = list(decision.awards.values_list("initiative_id", "recipient_name", "achievement"))
    if not awards and decision.revokes_id is None:
        raise ValidationError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng."))
    refuse_duplicate_awards(awards, year=decision.year, family=_family(decision))
    decision.status = DecisionStatus.ISSUED
    decision.issued_at = timezone.now()
    decision.issued_by = by if getattr(by, "pk", None) else None
    decision.save(update_fields=["status", "issued_at", "issued_by", "updated_at"])
    decision_event(decision=decision, action="issue", by=by)
    return decision


# One achievement, one award (Luật Thi đua, khen thưởng 2022) ----------------------------------------


def _family(decision: Decision | None) -> set[int]:
    """The decision, the one it corrects and that one's other corrections: one award between them."""
    if decision is None:
        return set()
    root = decision.corrects_id or decision.pk
    if root is None:
        return set()
    return {root, *Decision.objects.filter(corrects_id=root).values_list("pk", flat=True)}


def refuse_duplicate_awards(
    recipients: Sequence[tuple[int | None, str, str]], *, year: int, family: set[int] | None = None
) -> None:
    """Refuse (Conflict, HTTP 409) an award for an achievement already commended in an issued, unrevoked
    decision of the same year: the same initiative, or the same recipient for the same achievement.
    The message names the earlier decision's number."""
    initiative_ids = {pk for pk, _name, _achievement in recipients if pk is not None}
    named = {(fold(name), fold(achievement)) for pk, name, achievement in recipients if pk is None and achievement}
    if not initiative_ids and not named:
        return
    earlier = Award.objects.filter(
        decision__in=Decision.objects.filter(counted_decisions_q(), year=year).exclude(pk__in=family or set())
    )
    match = Q(initiative_id__in=initiative_ids)
    if named:
        names = {name for pk, name, achievement in recipients if pk is None and achievement}
        match |= Q(initiative__isnull=True, recipient_name__in=names)
    problems: list[str] = []
    for award in earlier.filter(match).select_related("decision").order_by("decision__date", "pk"):
        if award.initiative_id is None and (fold(award.recipient_name), fold(award.achievement)) not in named:
            continue
        problems.append(
            _(
                "“%(name)s” đã được khen thưởng cho thành tích “%(achievement)s” tại Quyết định số %(number)s "
                "ngày %(date)s. Mỗi thành tích chỉ được khen thưởng một lần (Luật Thi đua, khen thưởng 2022); "
                "hãy bỏ khỏi danh sách."
            )
            % {
                "name": award.recipient_name,
                "achievement": award.achievement,
                "number": award.decision.number,
                "date": award.decision.date.strftime("%d/%m/%Y"),
            }
        )
    if problems:
        raise Conflict({"awards": problems})


# Revocation (Luật Thi đua, khen thưởng 2022, Chương VII) -------------------------------------------


@transaction.atomic
def decision_revoke(*, by: Actor, decision: Decision, number: str, date: datetime.date | None, reason: str) -> Decision:
    """Revoke an issued decision by a new, issued decision of the same issuer that names it and the reason.

    Its awards stop counting in the statistics, the public verification page of each certificate says
    it was revoked and by which decision, and the library stops showing them.
    """
    decision = lock_decision(decision.pk)
    if not may_manage(by, decision.issuer_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới hủy được quyết định của đơn vị này.")
            % {"unit": decision.issuer_unit.name}
        )
    if not decision.is_issued:
        raise Conflict(
            _("Quyết định %(number)s còn là dự thảo nên không cần hủy bằng quyết định: hãy sửa hoặc bỏ dự thảo.")
            % {"number": decision.number}
        )
    if decision.revokes_id is not None:
        raise Conflict(_("Quyết định %(number)s là quyết định hủy, không hủy tiếp được.") % {"number": decision.number})
    earlier = decision.revocations.filter(status=DecisionStatus.ISSUED).first()
    if earlier is not None:
        raise Conflict(
            _("Quyết định %(number)s đã bị hủy theo Quyết định số %(by)s.")
            % {"number": decision.number, "by": earlier.number}
        )
    if decision.corrections.filter(status=DecisionStatus.ISSUED).exists():
        raise Conflict(
            _("Quyết định %(number)s đã được đính chính: hãy hủy quyết định đính chính thay thế nó.")
            % {"number": decision.number}
        )
    errors: dict[str, list[str]] = {}
    parsed_number, number_form = "", ""
    try:
        parsed_number, number_form = parse_number(number)
    except ValidationError as exc:
        errors["number"] = exc.messages
    if date is None:
        errors["date"] = [_("Hãy nhập ngày ký quyết định hủy (dd/mm/yyyy).")]
    elif date < decision.date or date > timezone.localdate() + datetime.timedelta(days=366):
        errors["date"] = [
            _("Ngày ký quyết định hủy phải từ ngày %(d)s (ngày của quyết định bị hủy) trở đi.")
            % {"d": decision.date.strftime("%d/%m/%Y")}
        ]
    reason = nfc(reason)
    if not reason:
        errors["reason"] = [_("Hãy ghi lý do hủy, ví dụ “kê khai thành tích không trung thực”.")]
    elif len(reason) > 2000:
        errors["reason"] = [_("Lý do hủy dài quá 2.000 ký tự.")]
    taken = Decision.objects.filter(issuer_unit=decision.issuer_unit, number=parsed_number)
    if parsed_number and date is not None and "number" not in errors and taken.filter(year=date.year).exists():
        errors["number"] = [_duplicate_message(parsed_number, decision.issuer_unit, date.year)]
    if errors:
        raise ValidationError(errors)
    assert date is not None
    revocation = Decision(
        number=parsed_number,
        number_form=number_form,
        date=date,
        year=date.year,
        issuer_unit=decision.issuer_unit,
        issuer_body=decision.issuer_body,
        authority=decision.authority,
        place=decision.place,
        signer_name=decision.signer_name,
        signer_title=decision.signer_title,
        award_form=decision.award_form,
        title=_("Về việc hủy Quyết định số %(number)s ngày %(date)s")
        % {"number": decision.number, "date": decision.date.strftime("%d/%m/%Y")},
        legal_bases=decision.legal_bases,
        revokes=decision,
        revocation_reason=reason,
        created_by=by if getattr(by, "pk", None) else None,
    )
    revocation.search_text = decision_search_text(
        number=parsed_number, issuer=decision.issuer_unit.name, title=revocation.title
    )
    data = DecisionData(
        number=parsed_number,
        date=date,
        issuer_unit=decision.issuer_unit,
        signer_name=decision.signer_name,
        signer_title=decision.signer_title,
        award_form=decision.award_form,
    )
    _save_unique(revocation, data)
    decision_event(decision=revocation, action="create", by=by, note=reason)
    revocation = decision_issue(by=by, decision=revocation)
    decision_event(decision=decision, action="revoke", by=by, note=revocation.number)
    return revocation
