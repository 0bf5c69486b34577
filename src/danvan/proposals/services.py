"""Every write of the commendation track: councils, proposals and their dossier, the council's vote,
and the decision made from a proposal.

The vote is counted over ALL the council's members (NĐ 98/2023 Điều 30 k.7; NĐ 152/2025 and the
councils' rules): an item passes when (agree + written_agree) / members reaches the threshold of the
award form's rule in force on the proposal's date.
"""

import datetime
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.awards.models import AwardForm, Decision, RecipientKind
from danvan.awards.selectors import rule_for
from danvan.awards.services import AwardLine, DecisionData, decision_create, initiative_line
from danvan.core.actors import Actor
from danvan.core.errors import Conflict
from danvan.core.formatting import vn_date
from danvan.core.text import in_sentence, nfc
from danvan.initiatives.files import prepare_upload
from danvan.initiatives.models import Initiative, Status
from danvan.movements.models import Gender
from danvan.orgs.models import Unit
from danvan.proposals.access import may_decide, may_propose
from danvan.proposals.models import (
    Council,
    CouncilMember,
    DocumentCode,
    DossierFile,
    Proposal,
    ProposalItem,
    ProposalStatus,
)
from danvan.proposals.selectors import missing_documents

MAX_MEMBERS = 200
MAX_ITEMS = 500
# The biên bản records the council's own meeting: it can only be there after the vote.
AFTER_VOTE = {DocumentCode.BIEN_BAN.value}
SCAN_KINDS = {"pdf", "image"}


# Councils -----------------------------------------------------------------------------------------


@transaction.atomic
def council_create(*, by: Actor, unit: Unit, name: str, members: Sequence[Mapping[str, Any]]) -> Council:
    """A council of the unit with its members (approvers and admins of the unit)."""
    if not may_decide(by, unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới lập hội đồng của đơn vị này.") % {"unit": unit.name}
        )
    errors: dict[str, list[str]] = {}
    name = nfc(name)
    if not name:
        errors["name"] = [_("Hãy ghi tên hội đồng, ví dụ “Hội đồng Thi đua - Khen thưởng tỉnh”.")]
    elif len(name) > 255:
        errors["name"] = [_("Tên hội đồng dài quá 255 ký tự.")]
    rows: list[CouncilMember] = []
    problems: list[str] = []
    if not members:
        problems.append(_("Hội đồng cần ít nhất một thành viên."))
    elif len(members) > MAX_MEMBERS:
        problems.append(_("Một hội đồng có tối đa %(n)s thành viên.") % {"n": MAX_MEMBERS})
    else:
        for index, member in enumerate(members, start=1):
            member_name = nfc(str(member.get("name") or "")) if isinstance(member, Mapping) else ""
            position = nfc(str(member.get("position") or "")) if isinstance(member, Mapping) else ""
            if not member_name:
                problems.append(_("Thành viên thứ %(i)s: thiếu họ và tên.") % {"i": index})
            elif len(member_name) > 255 or len(position) > 255:
                problems.append(_("Thành viên thứ %(i)s: họ tên hoặc chức vụ dài quá 255 ký tự.") % {"i": index})
            else:
                rows.append(CouncilMember(name=member_name, position=position, sort=index))
    if problems:
        errors["members"] = problems
    if errors:
        raise ValidationError(errors)
    council = Council.objects.create(unit=unit, name=name)
    for row in rows:
        row.council = council
    CouncilMember.objects.bulk_create(rows)
    return council


# Proposals ----------------------------------------------------------------------------------------


def _deciding_unit(unit: Unit, to_unit: Unit | None, errors: dict[str, list[str]]) -> None:
    if to_unit is None:
        errors["to_unit"] = [_("Hãy chọn cấp quyết định khen thưởng (một đơn vị cấp trên).")]
    elif to_unit.pk == unit.pk or not unit.is_within(to_unit.path):
        errors["to_unit"] = [
            _(
                "“%(to)s” không phải là cấp trên của “%(unit)s”: đề nghị khen thưởng chỉ gửi lên một đơn vị "
                "cấp trên của đơn vị đề nghị."
            )
            % {"to": to_unit.name, "unit": unit.name}
        ]
    elif not to_unit.is_active:
        errors["to_unit"] = [_("“%(to)s” đã giải thể hoặc sáp nhập; hãy gửi đơn vị kế thừa.") % {"to": to_unit.name}]


def _award_form(value: AwardForm | str | None, errors: dict[str, list[str]]) -> AwardForm | None:
    form = (
        value if isinstance(value, AwardForm) else AwardForm.objects.filter(code=str(value or ""), active=True).first()
    )
    if form is None:
        codes = ", ".join(AwardForm.objects.filter(active=True).values_list("code", flat=True))
        errors["award_form"] = [
            _("Hình thức khen thưởng không có trong danh mục. Các mã đang dùng: %(codes)s.") % {"codes": codes}
        ]
    return form


def _gender(raw: Any) -> str:
    value = str(raw or "")
    return value if value in Gender.values else ""


def _share(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return -1
    return value


def _item_lines(unit: Unit, raw: Sequence[Mapping[str, Any]], errors: dict[str, list[str]]) -> list[AwardLine]:
    problems: list[str] = []
    if not raw:
        errors["items"] = [_("Đề nghị cần ít nhất một mô hình, tập thể hoặc cá nhân.")]
        return []
    if len(raw) > MAX_ITEMS:
        errors["items"] = [_("Một đề nghị có tối đa %(n)s mục.") % {"n": MAX_ITEMS}]
        return []
    ids = {
        int(item["initiative"])
        for item in raw
        if isinstance(item, Mapping) and str(item.get("initiative") or "").isdigit()
    }
    found = {
        i.pk: i
        for i in Initiative.objects.filter(pk__in=ids, unit__path__startswith=unit.path).select_related(
            "unit", "unit__parent"
        )
    }
    lines: list[AwardLine] = []
    seen: set[int] = set()
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            problems.append(_("Mục %(i)s: không đọc được.") % {"i": index})
            continue
        if item.get("initiative") is not None:
            key = str(item.get("initiative"))
            initiative = found.get(int(key)) if key.isdigit() else None
            if initiative is None:
                problems.append(
                    _("Mục %(i)s: không có mô hình số %(pk)s của “%(unit)s” hoặc đơn vị trực thuộc.")
                    % {"i": index, "pk": key, "unit": unit.name}
                )
            elif initiative.status != Status.RECOGNIZED:
                problems.append(
                    _("Mục %(i)s: mô hình “%(title)s” chưa được công nhận nên chưa đề nghị khen thưởng được.")
                    % {"i": index, "title": initiative.title}
                )
            elif initiative.pk in seen:
                problems.append(
                    _("Mục %(i)s: mô hình “%(title)s” đã có trong đề nghị.") % {"i": index, "title": initiative.title}
                )
            else:
                seen.add(initiative.pk)
                lines.append(initiative_line(initiative))
            continue
        name = nfc(str(item.get("recipient_name") or ""))
        kind = str(item.get("recipient_kind") or "")
        achievement = nfc(str(item.get("achievement") or ""))
        share = _share(item.get("women_share"))
        if not name:
            problems.append(_("Mục %(i)s: thiếu tên tập thể hoặc họ và tên cá nhân.") % {"i": index})
        elif kind not in RecipientKind.values:
            problems.append(
                _("Mục %(i)s: “%(name)s” phải là tập thể (collective) hoặc cá nhân (individual).")
                % {"i": index, "name": name}
            )
        elif not achievement:
            problems.append(
                _("Mục %(i)s: hãy ghi thành tích của “%(name)s” (mỗi thành tích chỉ được khen một lần).")
                % {"i": index, "name": name}
            )
        elif len(name) > 255 or len(achievement) > 500:
            problems.append(_("Mục %(i)s: tên (255 ký tự) hoặc thành tích (500 ký tự) dài quá.") % {"i": index})
        elif share is not None and not 0 <= share <= 100:
            problems.append(_("Mục %(i)s: tỷ lệ nữ phải là số phần trăm từ 0 đến 100.") % {"i": index})
        else:
            lines.append(
                AwardLine(
                    recipient_name=name,
                    recipient_kind=kind,
                    achievement=achievement,
                    position=nfc(str(item.get("position") or ""))[:255],
                    unit_name=nfc(str(item.get("unit_name") or ""))[:255],
                    recipient_gender=_gender(item.get("recipient_gender")) if kind == RecipientKind.INDIVIDUAL else "",
                    women_share=share if kind == RecipientKind.COLLECTIVE else None,
                )
            )
    if problems:
        errors["items"] = problems
    return lines


@transaction.atomic
def proposal_create(
    *,
    by: Actor,
    unit: Unit,
    to_unit: Unit | None,
    award_form: AwardForm | str | None,
    items: Sequence[Mapping[str, Any]],
    date: datetime.date | None = None,
    number: str = "",
) -> Proposal:
    """A draft proposal of `unit` to one of its superiors, for one award form, with its items.

    The award form's rule in force on the proposal's date must be decided at `to_unit`'s level.
    """
    if not may_propose(by, unit):
        raise PermissionDenied(
            _("Chỉ cán bộ, người phê duyệt hoặc quản trị của “%(unit)s” mới lập đề nghị khen thưởng của đơn vị này.")
            % {"unit": unit.name}
        )
    errors: dict[str, list[str]] = {}
    day = date or timezone.localdate()
    _deciding_unit(unit, to_unit, errors)
    form = _award_form(award_form, errors)
    rule = rule_for(form, day) if form is not None else None
    if form is not None and rule is None:
        errors["award_form"] = [
            _("Chưa có quy định nào của “%(form)s” áp dụng cho ngày %(date)s. Hãy nhờ quản trị bổ sung quy định.")
            % {"form": form.name, "date": vn_date(day)}
        ]
    elif rule is not None and to_unit is not None and "to_unit" not in errors and rule.issuer_level != to_unit.level:
        errors["award_form"] = [
            _("“%(form)s” do %(level)s quyết định (%(article)s), không phải “%(to)s”. Hãy chọn hình thức khác.")
            % {
                "form": rule.award_form.name,
                "level": _level_name(rule.issuer_level),
                "article": rule.article,
                "to": to_unit.name,
            }
        ]
    number = nfc(number)
    if len(number) > 60:
        errors["number"] = [_("Số tờ trình dài quá 60 ký tự.")]
    lines = _item_lines(unit, items, errors)
    if errors:
        raise ValidationError(errors)
    assert to_unit is not None and form is not None and rule is not None
    proposal = Proposal.objects.create(
        unit=unit,
        to_unit=to_unit,
        award_form=form,
        rule=rule,
        number=number,
        date=day,
        created_by=by if getattr(by, "pk", None) else None,
    )
    ProposalItem.objects.bulk_create(
        ProposalItem(proposal=proposal, sort=index, **line.fields()) for index, line in enumerate(lines)
    )
    return proposal


def _level_name(level: str) -> str:
    from danvan.orgs.models import Level

    return str(dict(Level.choices).get(level, level)).lower()


def lock_proposal(pk: int) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("unit", "to_unit", "award_form", "rule", "council", "decision")
        .get(pk=pk)
    )


@transaction.atomic
def dossier_upload(*, by: Actor, proposal: Proposal, code: str, upload: UploadedFile) -> DossierFile:
    """Store the signed, stamped scan of a dossier document (PDF or photo, checked by its bytes).

    The proposing unit uploads the tờ trình and the báo cáo thành tích; the deciding unit the biên bản.
    """
    proposal = lock_proposal(proposal.pk)
    if code not in DocumentCode.values:
        raise ValidationError({"code": [_("Không có văn bản mã “%(code)s” trong hồ sơ.") % {"code": code}]})
    allowed = may_decide(by, proposal.to_unit) if code in AFTER_VOTE else may_propose(by, proposal.unit)
    if not allowed:
        owner = proposal.to_unit if code in AFTER_VOTE else proposal.unit
        raise PermissionDenied(
            _("Văn bản “%(doc)s” do “%(unit)s” tải lên.") % {"doc": DocumentCode(code).label, "unit": owner.name}
        )
    if proposal.status == ProposalStatus.DECIDED:
        raise Conflict(_("Đề nghị đã có quyết định khen thưởng nên hồ sơ không thay đổi được nữa."))
    if code in AFTER_VOTE and proposal.status != ProposalStatus.VOTED:
        raise Conflict(_("Biên bản họp chỉ tải lên được sau khi hội đồng đã bỏ phiếu."))
    prepared = prepare_upload(upload)
    if prepared.kind not in SCAN_KINDS:
        raise ValidationError(
            {"file": [_("Bản ký, đóng dấu phải là tệp PDF hoặc ảnh chụp (JPEG, PNG), không phải tệp Word.")]}
        )
    row = DossierFile(
        proposal=proposal,
        code=code,
        extension=prepared.extension,
        original_name=prepared.original_name,
        size=len(prepared.content),
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    row.file.save(f"scan.{prepared.extension}", ContentFile(prepared.content), save=False)
    row.save()
    return row


@transaction.atomic
def proposal_submit(*, by: Actor, proposal: Proposal) -> Proposal:
    """Send the proposal to the deciding unit's council: refused while a required document is missing."""
    proposal = lock_proposal(proposal.pk)
    if not may_propose(by, proposal.unit):
        raise PermissionDenied(_("Chỉ cán bộ của “%(unit)s” mới trình đề nghị này.") % {"unit": proposal.unit.name})
    if proposal.status != ProposalStatus.DRAFT:
        raise Conflict(
            _("Đề nghị đang ở trạng thái “%(status)s”, không trình lại được.")
            % {"status": proposal.get_status_display()}
        )
    _refuse_missing(proposal, before_vote=True)
    proposal.status = ProposalStatus.SUBMITTED
    proposal.save(update_fields=["status", "updated_at"])
    return proposal


def _refuse_missing(proposal: Proposal, *, before_vote: bool) -> None:
    missing = [code for code in missing_documents(proposal) if not (before_vote and code in AFTER_VOTE)]
    if missing:
        names = "; ".join(str(DocumentCode(code).label) for code in missing)
        raise ValidationError(
            {
                "dossier": [
                    _("Hồ sơ còn thiếu: %(names)s. Hãy tải lên bản đã ký, đóng dấu rồi trình lại.") % {"names": names}
                ]
            }
        )


# The vote ------------------------------------------------------------------------------------------


def share_of(agree: int, written_agree: int, members: int) -> Fraction:
    return Fraction(agree + written_agree, members) if members else Fraction(0)


@transaction.atomic
def proposal_vote(
    *,
    by: Actor,
    proposal: Proposal,
    council: Council | None,
    date: datetime.date | None,
    present: int,
    votes: Sequence[Mapping[str, Any]],
) -> Proposal:
    """Record the council's meeting: how many were present, and per item the votes to agree at the
    meeting and in writing (from the absent). Passed = (agree + written) / ALL members >= threshold."""
    proposal = lock_proposal(proposal.pk)
    if not may_decide(by, proposal.to_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới ghi kết quả bỏ phiếu.")
            % {"unit": proposal.to_unit.name}
        )
    if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.VOTED):
        raise Conflict(
            _("Đề nghị đang ở trạng thái “%(status)s”: chỉ bỏ phiếu đề nghị đã trình hội đồng, chưa có quyết định.")
            % {"status": proposal.get_status_display()}
        )
    errors: dict[str, list[str]] = {}
    if council is None or council.unit_id != proposal.to_unit_id or not council.active:
        errors["council"] = [
            _("Hãy chọn hội đồng thi đua - khen thưởng của “%(unit)s”, cấp quyết định của đề nghị.")
            % {"unit": proposal.to_unit.name}
        ]
    members = council.members.count() if council is not None and "council" not in errors else 0
    if date is None:
        errors["date"] = [_("Hãy nhập ngày họp hội đồng (dd/mm/yyyy).")]
    elif date < proposal.date or date > timezone.localdate():
        errors["date"] = [_("Ngày họp phải từ ngày tờ trình (%(d)s) đến hôm nay.") % {"d": vn_date(proposal.date)}]
    if members and not 0 < present <= members:
        errors["present"] = [
            _("Số thành viên có mặt phải từ 1 đến %(n)s (tổng số thành viên hội đồng).") % {"n": members}
        ]
    elif members and present < (quorum := proposal.rule.min_present(members)):
        errors["present"] = [
            _(
                "Chỉ %(present)s trong %(members)s thành viên có mặt: hội đồng cần ít nhất %(quorum)s thành viên "
                "dự họp mới được bỏ phiếu (%(basis)s). Chưa ghi kết quả; hãy họp lại khi đủ số thành viên."
            )
            % {
                "present": present,
                "members": members,
                "quorum": quorum,
                "basis": proposal.rule.quorum_article
                or (_("quá nửa tổng số thành viên") if proposal.rule.quorum is None else proposal.rule.article),
            }
        ]
    items = list(proposal.items.order_by("sort", "pk"))
    by_index: dict[int, Mapping[str, Any]] = {}
    problems: list[str] = []
    # `item` is the API's index (0 for the first item); people read the items numbered from 1, as listed.
    for position, vote in enumerate(votes, start=1):
        index = vote.get("item") if isinstance(vote, Mapping) else None
        if not isinstance(index, int) or not 0 <= index < len(items):
            problems.append(
                _(
                    "Phiếu thứ %(k)s ghi cho mục “%(i)s”, không khớp mục nào: đề nghị có %(n)s mục "
                    "(“item” từ 0 cho mục 1 đến %(last)s cho mục %(n)s)."
                )
                % {"k": position, "i": index, "n": len(items), "last": len(items) - 1}
            )
        elif index in by_index:
            problems.append(
                _("Mục %(i)s (“%(name)s”) được ghi phiếu hai lần.")
                % {"i": index + 1, "name": items[index].recipient_name}
            )
        else:
            by_index[index] = vote
    for index, item in enumerate(items):
        if index not in by_index:
            problems.append(
                _("Thiếu kết quả bỏ phiếu cho mục %(i)s (“%(name)s”).") % {"name": item.recipient_name, "i": index + 1}
            )
    if members and "present" not in errors:
        for index, vote in sorted(by_index.items()):
            agree, written = vote.get("agree"), vote.get("written_agree", 0)
            name = _("Mục %(i)s (“%(name)s”)") % {"i": index + 1, "name": items[index].recipient_name}
            if not isinstance(agree, int) or not isinstance(written, int) or agree < 0 or written < 0:
                problems.append(_("%(name)s: số phiếu phải là số nguyên không âm.") % {"name": name})
            elif agree > present:
                problems.append(
                    _("%(name)s: %(agree)s phiếu đồng ý tại hội nghị nhiều hơn %(present)s thành viên có mặt.")
                    % {"name": name, "agree": agree, "present": present}
                )
            elif written > members - present:
                problems.append(
                    _(
                        "%(name)s: %(written)s ý kiến bằng văn bản nhiều hơn %(absent)s thành viên vắng mặt "
                        "(hội đồng có %(members)s thành viên)."
                    )
                    % {"name": name, "written": written, "absent": members - present, "members": members}
                )
    if problems:
        errors["votes"] = problems
    if errors:
        raise ValidationError(errors)
    assert council is not None and date is not None
    threshold = Fraction(proposal.rule.vote_threshold)
    for index, item in enumerate(items):
        vote = by_index[index]
        item.agree, item.written_agree = int(vote["agree"]), int(vote.get("written_agree", 0))
        item.passed = share_of(item.agree, item.written_agree, members) >= threshold
    ProposalItem.objects.bulk_update(items, ["agree", "written_agree", "passed"])
    proposal.council, proposal.members, proposal.present, proposal.vote_date = council, members, present, date
    proposal.status = ProposalStatus.VOTED
    proposal.save(update_fields=["council", "members", "present", "vote_date", "status", "updated_at"])
    return proposal


# The decision -------------------------------------------------------------------------------------


@transaction.atomic
def decision_from_proposal(
    *,
    by: Actor,
    proposal: Proposal,
    number: str,
    date: datetime.date | None,
    signer_name: str,
    signer_title: str,
    issue: bool = False,
) -> Decision:
    """The deciding unit's decision on a voted proposal: only the items that passed become awards; it
    cites the legal bases of the award form's rule and "Xét đề nghị của" the proposing unit."""
    proposal = lock_proposal(proposal.pk)
    if not may_decide(by, proposal.to_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt hoặc quản trị của “%(unit)s” mới ra quyết định trên đề nghị này.")
            % {"unit": proposal.to_unit.name}
        )
    if proposal.status == ProposalStatus.DECIDED:
        raise Conflict(
            _("Đề nghị đã có Quyết định số %(number)s.")
            % {"number": proposal.decision.number if proposal.decision else ""}
        )
    if proposal.status != ProposalStatus.VOTED:
        raise Conflict(_("Hội đồng chưa bỏ phiếu đề nghị này: hãy ghi kết quả bỏ phiếu trước khi ra quyết định."))
    _refuse_missing(proposal, before_vote=False)
    passed = list(proposal.items.filter(passed=True).select_related("initiative").order_by("sort", "pk"))
    if not passed:
        raise Conflict(_("Không mục nào của đề nghị đạt tỷ lệ phiếu nên không có ai để khen thưởng."))
    awards: list[dict[str, Any]] = []
    for item in passed:
        if item.initiative_id is not None:
            awards.append({"initiative": item.initiative_id})
        else:
            awards.append(
                {
                    "recipient_name": item.recipient_name,
                    "recipient_kind": item.recipient_kind,
                    "recipient_gender": item.recipient_gender,
                    "women_share": item.women_share,
                    "position": item.position,
                    "unit_name": item.unit_name,
                    "achievement": item.achievement,
                }
            )
    data = DecisionData(
        number=number,
        date=date,
        issuer_unit=proposal.to_unit,
        signer_name=signer_name,
        signer_title=signer_title,
        award_form=proposal.award_form,
        awards=awards,
        legal_bases=proposal.rule.legal_bases,
        proposal=proposal_phrase(proposal),
    )
    decision = decision_create(by=by, data=data, issue=issue)
    proposal.decision = decision
    proposal.status = ProposalStatus.DECIDED
    proposal.save(update_fields=["decision", "status", "updated_at"])
    return decision


def proposal_phrase(proposal: Proposal) -> str:
    """What follows "Xét đề nghị của": the proposing body, its tờ trình and the council's meeting."""
    text = _("Ủy ban nhân dân %(unit)s") % {"unit": in_sentence(proposal.unit.name)}
    if proposal.number:
        text += _(" tại Tờ trình số %(number)s ngày %(date)s") % {
            "number": proposal.number,
            "date": vn_date(proposal.date),
        }
    if proposal.council_id and proposal.vote_date:
        text += _(" và kết quả họp %(council)s ngày %(date)s") % {
            "council": proposal.council.name if proposal.council else "",
            "date": vn_date(proposal.vote_date),
        }
    return text
