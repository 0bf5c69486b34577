import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field as PydanticField

from danvan.api.endpoints.common import body_unit, caller
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import BodyId, Code, CodeFilter, Id, IsoDate, LongText, ShortText, Title, Year
from danvan.awards import documents, selectors
from danvan.awards.access import access_decision
from danvan.awards.models import Award, Decision
from danvan.awards.services import DecisionData, decision_create, decision_revoke
from danvan.orgs.access import access_unit
from danvan.orgs.models import Role
from danvan.proposals.access import access_proposal
from danvan.proposals.services import decision_from_proposal

router = Router(tags=["decisions"])

RecipientKindCode = Literal["collective", "individual"]


class AwardIn(Schema):
    """Either {"initiative": <id>} (a recognised initiative) or a recipient named directly."""

    initiative: BodyId | None = None
    recipient_name: ShortText | None = None
    recipient_kind: RecipientKindCode | None = None
    position: ShortText | None = None
    unit_name: ShortText | None = None
    achievement: Annotated[str, PydanticField(max_length=500)] | None = None
    recipient_gender: Literal["female", "male"] | None = None
    women_share: Annotated[int, PydanticField(ge=0, le=100)] | None = None


class DecisionIn(Schema):
    number: Annotated[str, PydanticField(max_length=60)]
    date: IsoDate
    issuer_unit: Code
    signer_name: ShortText
    signer_title: ShortText
    award_form: Code
    awards: Annotated[list[AwardIn], PydanticField(max_length=2000)] = []
    title: Title = ""
    citation: LongText = ""
    proposal: BodyId | None = None


class AwardOut(Schema):
    initiative: int | None
    recipient_name: str
    recipient_kind: str
    position: str
    unit_name: str
    achievement: str
    recipient_gender: str
    women_share: int | None
    certificate_code: str


class DecisionOut(Schema):
    id: int
    number: str
    date: datetime.date
    issuer_unit: str
    signer_name: str
    signer_title: str
    award_form: str
    status: str
    title: str
    collectives: int
    individuals: int
    awards: list[AwardOut]


class DecisionList(Schema):
    items: list[DecisionOut]
    count: int


class DecisionFilters(PageParams):
    unit: CodeFilter = ""
    year_from: Year | None = None
    year_to: Year | None = None
    date_from: IsoDate | None = None  # decisions dated from this day (inclusive)
    date_to: IsoDate | None = None


def decision_item(d: Decision) -> dict[str, Any]:
    awards = getattr(d, "award_rows", None)
    if awards is None:
        awards = list(d.awards.order_by("sort", "pk"))
    return {
        "id": d.pk,
        "number": d.number,
        "date": d.date,
        "issuer_unit": d.issuer_unit.code,
        "signer_name": d.signer_name,
        "signer_title": d.signer_title,
        "award_form": d.award_form.code,
        "status": d.status,
        "title": d.title,
        "collectives": sum(1 for a in awards if a.recipient_kind == "collective"),
        "individuals": sum(1 for a in awards if a.recipient_kind == "individual"),
        "awards": [
            {
                "initiative": a.initiative_id,
                "recipient_name": a.recipient_name,
                "recipient_kind": a.recipient_kind,
                "position": a.position,
                "unit_name": a.unit_name,
                "achievement": a.achievement,
                "recipient_gender": a.recipient_gender,
                "women_share": a.women_share,
                "certificate_code": a.certificate_code,
            }
            for a in awards
        ],
    }


def _with_awards(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.prefetch_related(
        Prefetch("awards", queryset=Award.objects.order_by("sort", "pk"), to_attr="award_rows")
    )


@router.post(
    "/decisions", response={201: DecisionOut, **error_responses(400, 401, 403, 409)}, summary=_("Ghi quyết định")
)
def decision_create_endpoint(request: HttpRequest, payload: DecisionIn) -> tuple[int, dict[str, Any]]:
    """Record an issued commendation decision (approvers and admins of the issuing unit's scope).

    With `proposal`, the awards are the proposal's items that passed the council's vote, and the decision
    cites the legal bases of the award form's rule and "Xét đề nghị của" the proposing unit. An award for
    an achievement already commended in an issued decision of the same year is a 409 naming it."""
    if payload.proposal is not None:
        return 201, _from_proposal(request, payload)
    data = DecisionData(
        number=payload.number,
        date=payload.date,
        issuer_unit=body_unit(request, payload.issuer_unit, "issuer_unit"),
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        award_form=payload.award_form,
        awards=[a.model_dump(exclude_none=True) for a in payload.awards],
        title=payload.title,
        citation=payload.citation,
    )
    decision = decision_create(by=caller(request), data=data, issue=True)
    decision = _with_awards(Decision.objects.select_related("issuer_unit", "award_form")).get(pk=decision.pk)
    return 201, decision_item(decision)


@router.get(
    "/decisions", response={200: DecisionList, **error_responses(400, 401, 403, 404)}, summary=_("Danh sách quyết định")
)
def decision_list(request: HttpRequest, filters: Query[DecisionFilters]) -> dict[str, Any]:
    """Decisions the caller may see; `unit` is the issuer's scope (with dissolved predecessors)."""
    user = caller(request)
    unit = access_unit(user=user, code=filters.unit, roles=list(Role)) if filters.unit else None
    decisions = selectors.decision_list(user=user, unit=unit, year_from=filters.year_from, year_to=filters.year_to)
    if filters.date_from:
        decisions = decisions.filter(date__gte=filters.date_from)
    if filters.date_to:
        decisions = decisions.filter(date__lte=filters.date_to)
    return paginate(_with_awards(decisions), filters, decision_item)


def _from_proposal(request: HttpRequest, payload: DecisionIn) -> dict[str, Any]:
    user = caller(request)
    try:
        proposal = access_proposal(user=user, proposal_id=payload.proposal or 0)
    except Http404 as exc:
        raise ValidationError({"proposal": [str(exc)]}) from None
    issuer = body_unit(request, payload.issuer_unit, "issuer_unit")
    if issuer is None or issuer.pk != proposal.to_unit_id:
        raise ValidationError(
            {
                "issuer_unit": [
                    _("Quyết định trên đề nghị này do “%(unit)s” (cấp nhận đề nghị) ban hành.")
                    % {"unit": proposal.to_unit.name}
                ]
            }
        )
    if payload.awards:
        raise ValidationError(
            {"awards": [_("Khi có “proposal”, danh sách khen thưởng lấy từ các mục đạt tỷ lệ phiếu: bỏ “awards”.")]}
        )
    decision = decision_from_proposal(
        by=user,
        proposal=proposal,
        number=payload.number,
        date=payload.date,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        issue=True,
    )
    return decision_item(_with_awards(Decision.objects.select_related("issuer_unit", "award_form")).get(pk=decision.pk))


class RevokeIn(Schema):
    number: Annotated[str, PydanticField(max_length=60)]
    date: IsoDate
    reason: Annotated[str, PydanticField(min_length=1, max_length=2000)]


@router.post(
    "/decisions/{id}/revoke",
    response={201: DecisionOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Hủy quyết định"),
)
def decision_revoke_endpoint(request: HttpRequest, id: Id, payload: RevokeIn) -> tuple[int, dict[str, Any]]:
    """Revoke an issued decision by a new decision naming it and the reason (Luật Thi đua, khen thưởng 2022,
    Chương VII). Its awards stop counting; each certificate's public page says by which decision."""
    user = caller(request)
    revocation = decision_revoke(
        by=user,
        decision=access_decision(user=user, decision_id=id),
        number=payload.number,
        date=payload.date,
        reason=payload.reason,
    )
    return 201, decision_item(
        _with_awards(Decision.objects.select_related("issuer_unit", "award_form")).get(pk=revocation.pk)
    )


@router.get(
    "/decisions/{id}/document.docx",
    response=error_responses(400, 401, 404),
    summary=_("Tệp Word của quyết định"),
    openapi_extra={"responses": {"200": {"description": "OK", "content": {documents.DOCX_MIME: {}}}}},
)
def decision_document(request: HttpRequest, id: Id) -> HttpResponse:
    """The decision's Word file ("DỰ THẢO" while a draft)."""
    decision = access_decision(user=caller(request), decision_id=id)
    response = HttpResponse(documents.decision_docx(decision), content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{documents.docx_filename(decision)}"'
    return response
