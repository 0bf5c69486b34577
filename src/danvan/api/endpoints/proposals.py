"""Commendation by law (../shared/API.md): award forms and their rules, councils, proposals with their
dossier, the council's vote, and the dossier's Word documents."""

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field as PydanticField

from danvan.api.endpoints.common import caller, required_unit
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import BodyId, Code, Id, IsoDate, ShortText
from danvan.awards.models import AwardForm
from danvan.awards.selectors import rule_for
from danvan.proposals import documents
from danvan.proposals.access import access_council, access_proposal
from danvan.proposals.models import Council, Proposal
from danvan.proposals.selectors import missing_documents, proposal_items
from danvan.proposals.services import (
    council_create,
    dossier_upload,
    proposal_create,
    proposal_submit,
    proposal_vote,
    share_of,
)

router = Router(tags=["commendation"])

Count = Annotated[int, PydanticField(ge=0, le=10_000)]
GenderCode = Literal["female", "male"]
DocCode = Literal["to_trinh", "bao_cao_thanh_tich", "bien_ban"]


class AwardFormOut(Schema):
    code: str
    name: str
    issuer_level: str | None
    vote_threshold: float | None
    dossier: list[str]
    thematic: bool
    article: str
    valid_from: datetime.date | None
    quorum: float | None = PydanticField(
        description="Fraction of ALL council members who must attend; null: more than half of all members."
    )
    quorum_article: str
    vote_threshold_article: str = PydanticField(description="The basis of the vote threshold the biên bản cites.")


class AwardFormList(Schema):
    items: list[AwardFormOut]
    count: int


class AwardFormFilters(PageParams):
    on: IsoDate | None = None


@router.get(
    "/award-forms", response={200: AwardFormList, **error_responses(400, 401)}, summary=_("Hình thức khen thưởng")
)
def award_form_list(request: HttpRequest, filters: Query[AwardFormFilters]) -> dict[str, Any]:
    """Active award forms with the rule in force on `on` (today by default): the deciding level, the vote
    threshold as a fraction of ALL council members, the dossier's documents, and the provision applied."""
    day = filters.on or timezone.localdate()

    def item(form: AwardForm) -> dict[str, Any]:
        rule = rule_for(form, day)
        return {
            "code": form.code,
            "name": form.name,
            "issuer_level": rule.issuer_level if rule else None,
            "vote_threshold": float(rule.vote_threshold) if rule else None,
            "dossier": list(rule.dossier) if rule else [],
            "thematic": rule.thematic if rule else False,
            "article": rule.article if rule else "",
            "valid_from": rule.valid_from if rule else None,
            "quorum": float(rule.quorum) if rule and rule.quorum is not None else None,
            "quorum_article": rule.quorum_article if rule else "",
            "vote_threshold_article": rule.threshold_basis if rule else "",
        }

    return paginate(AwardForm.objects.filter(active=True).order_by("sort", "code"), filters, item)


class MemberIn(Schema):
    name: ShortText
    position: ShortText = ""


class CouncilIn(Schema):
    unit: Code
    name: ShortText
    members: Annotated[list[MemberIn], PydanticField(max_length=200)]


class CouncilOut(Schema):
    id: int
    unit: str
    name: str
    members: int


@router.post("/councils", response={201: CouncilOut, **error_responses(400, 401, 403)}, summary=_("Lập hội đồng"))
def council_create_endpoint(request: HttpRequest, payload: CouncilIn) -> tuple[int, dict[str, Any]]:
    """A council (Hội đồng Thi đua - Khen thưởng, or the steering committee) of a unit, with its members."""
    council = council_create(
        by=caller(request),
        unit=required_unit(request, payload.unit, "unit"),
        name=payload.name,
        members=[m.model_dump() for m in payload.members],
    )
    return 201, {"id": council.pk, "unit": council.unit.code, "name": council.name, "members": len(payload.members)}


class ItemIn(Schema):
    """Either {"initiative": <id>} (a recognised initiative) or a recipient with the achievement."""

    initiative: BodyId | None = None
    recipient_name: ShortText | None = None
    recipient_kind: Literal["collective", "individual"] | None = None
    achievement: Annotated[str, PydanticField(max_length=500)] | None = None
    recipient_gender: GenderCode | None = None
    women_share: Annotated[int, PydanticField(ge=0, le=100)] | None = None
    position: ShortText | None = None
    unit_name: ShortText | None = None


class ProposalIn(Schema):
    unit: Code
    to_unit: Code
    award_form: Code
    items: Annotated[list[ItemIn], PydanticField(max_length=500)]
    date: IsoDate | None = None
    number: Annotated[str, PydanticField(max_length=60)] = ""


class ItemOut(Schema):
    index: int
    initiative: int | None
    recipient_name: str
    recipient_kind: str
    recipient_gender: str
    women_share: int | None
    achievement: str
    preferred: bool
    agree: int | None
    written_agree: int | None
    passed: bool | None
    share: float | None


class ProposalOut(Schema):
    id: int
    unit: str
    to_unit: str
    award_form: str
    date: datetime.date
    number: str
    status: str
    vote_threshold: float
    items: list[ItemOut]
    missing: list[str]
    decision: int | None


def proposal_item(proposal: Proposal) -> dict[str, Any]:
    members = proposal.members or 0
    items = [
        {
            "index": index,
            "initiative": item.initiative_id,
            "recipient_name": item.recipient_name,
            "recipient_kind": item.recipient_kind,
            "recipient_gender": item.recipient_gender,
            "women_share": item.women_share,
            "achievement": item.achievement,
            "preferred": item.preferred,  # type: ignore[attr-defined]
            "agree": item.agree,
            "written_agree": item.written_agree,
            "passed": item.passed,
            "share": round(float(share_of(item.agree or 0, item.written_agree or 0, members)), 4)
            if item.passed is not None
            else None,
        }
        for index, item in enumerate(proposal_items(proposal))
    ]
    return {
        "id": proposal.pk,
        "unit": proposal.unit.code,
        "to_unit": proposal.to_unit.code,
        "award_form": proposal.award_form.code,
        "date": proposal.date,
        "number": proposal.number,
        "status": proposal.status,
        "vote_threshold": float(proposal.rule.vote_threshold),
        "items": items,
        "missing": missing_documents(proposal),
        "decision": proposal.decision_id,
    }


def _fresh(request: HttpRequest, proposal: Proposal) -> Proposal:
    return access_proposal(user=caller(request), proposal_id=proposal.pk)


@router.post("/proposals", response={201: ProposalOut, **error_responses(400, 401, 403)}, summary=_("Lập đề nghị"))
def proposal_create_endpoint(request: HttpRequest, payload: ProposalIn) -> tuple[int, dict[str, Any]]:
    """A unit's proposal (đề nghị khen thưởng) to one of its superiors; `missing` lists the dossier's
    documents whose signed copy is not uploaded yet."""
    proposal = proposal_create(
        by=caller(request),
        unit=required_unit(request, payload.unit, "unit"),
        to_unit=required_unit(request, payload.to_unit, "to_unit"),
        award_form=payload.award_form,
        items=[i.model_dump(exclude_none=True) for i in payload.items],
        date=payload.date,
        number=payload.number,
    )
    return 201, proposal_item(_fresh(request, proposal))


@router.get("/proposals/{id}", response={200: ProposalOut, **error_responses(400, 401, 404)}, summary=_("Một đề nghị"))
def proposal_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    return proposal_item(access_proposal(user=caller(request), proposal_id=id))


class FileOut(Schema):
    code: str
    name: str
    missing: list[str]


@router.post(
    "/proposals/{id}/files",
    response={201: FileOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Tải lên bản ký của hồ sơ"),
)
def proposal_file(
    request: HttpRequest, id: Id, code: Form[DocCode], file: File[UploadedFile]
) -> tuple[int, dict[str, Any]]:
    """Upload the signed, stamped scan (PDF or photo) of one dossier document (multipart: code, file)."""
    proposal = access_proposal(user=caller(request), proposal_id=id)
    row = dossier_upload(by=caller(request), proposal=proposal, code=code, upload=file)
    return 201, {"code": row.code, "name": row.original_name, "missing": missing_documents(proposal)}


@router.post(
    "/proposals/{id}/submit",
    response={200: ProposalOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Trình hội đồng"),
)
def proposal_submit_endpoint(request: HttpRequest, id: Id) -> dict[str, Any]:
    """Send the proposal to the deciding unit's council; 400 naming what the dossier still lacks."""
    proposal = proposal_submit(by=caller(request), proposal=access_proposal(user=caller(request), proposal_id=id))
    return proposal_item(_fresh(request, proposal))


class VoteIn(Schema):
    item: Annotated[int, PydanticField(ge=0, le=10_000)]
    agree: Count
    written_agree: Count = 0


class VotingIn(Schema):
    council: BodyId
    date: IsoDate
    present: Count
    votes: Annotated[list[VoteIn], PydanticField(max_length=500)]


class VoteResult(Schema):
    passed: bool
    share: float


class VotingOut(Schema):
    items: list[VoteResult]


@router.post(
    "/proposals/{id}/vote",
    response={200: VotingOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Kết quả bỏ phiếu"),
)
def proposal_vote_endpoint(request: HttpRequest, id: Id, payload: VotingIn) -> dict[str, Any]:
    """Record the council's vote: passed when (agree + written_agree) / ALL members reaches the threshold."""
    user = caller(request)
    proposal = access_proposal(user=user, proposal_id=id)
    try:
        council: Council | None = access_council(user=user, council_id=payload.council)
    except Http404:
        council = None  # the service names the field: bad input, not a missing resource
    proposal = proposal_vote(
        by=user,
        proposal=proposal,
        council=council,
        date=payload.date,
        present=payload.present,
        votes=[v.model_dump() for v in payload.votes],
    )
    members = proposal.members or 0
    return {
        "items": [
            {"passed": bool(i.passed), "share": round(float(share_of(i.agree or 0, i.written_agree or 0, members)), 4)}
            for i in proposal.items.order_by("sort", "pk")
        ]
    }


@router.get(
    "/proposals/{id}/documents/{code}.docx",
    response=error_responses(400, 401, 404),
    summary=_("Văn bản của hồ sơ"),
    openapi_extra={"responses": {"200": {"description": "OK", "content": {documents.DOCX_MIME: {}}}}},
)
def proposal_document(request: HttpRequest, id: Id, code: DocCode) -> HttpResponse:
    """The dossier's Word document written from the data: to_trinh (Mẫu 01), bao_cao_thanh_tich, bien_ban."""
    proposal = access_proposal(user=caller(request), proposal_id=id)
    response = HttpResponse(documents.dossier_docx(proposal, code), content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{documents.dossier_filename(proposal, code)}"'
    return response
