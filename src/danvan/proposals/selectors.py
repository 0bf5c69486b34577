"""Reads of proposals and councils."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from danvan.core.actors import Actor, Visitor
from danvan.movements.models import PREFERRED_WOMEN_SHARE, Gender
from danvan.orgs.access import roles_of
from danvan.orgs.models import Role
from danvan.proposals.access import proposals_visible_to
from danvan.proposals.models import DocumentCode, DossierFile, Proposal, ProposalItem, ProposalStatus


def missing_documents(proposal: Proposal) -> list[str]:
    """The codes of the rule's dossier without an uploaded signed scan, in the rule's order."""
    present = getattr(proposal, "file_codes", None)
    if present is None:
        present = set(proposal.files.values_list("code", flat=True))
    return [code for code in (proposal.rule.dossier or []) if code not in present]


def dossier_checklist(proposal: Proposal) -> list[dict[str, Any]]:
    """Each document of the dossier: its name, whether required, and the latest signed scan (one query)."""
    latest: dict[str, DossierFile] = {}
    for row in proposal.files.order_by("code", "-pk"):
        latest.setdefault(row.code, row)
    required = set(proposal.rule.dossier or [])
    return [
        {"code": code, "name": label, "required": code in required, "file": latest.get(code)}
        for code, label in DocumentCode.choices
    ]


def item_label(item: ProposalItem) -> str:
    """ "Thôn Đoàn Kết — mô hình “Hũ gạo tình thương”": who, and for what. Two models of one village
    share its name; the achievement tells them apart (vote form, biên bản)."""
    return f"{item.recipient_name} — {item.achievement}" if item.achievement else item.recipient_name


def preferred(item: ProposalItem) -> bool:
    """NĐ 152/2025 Điều 4: all else equal, women and collectives with ≥ 70 % women are preferred."""
    if item.recipient_kind == "individual":
        return item.recipient_gender == Gender.FEMALE
    return item.women_share is not None and item.women_share >= PREFERRED_WOMEN_SHARE


def proposal_list(*, user: Visitor, status: str = "") -> QuerySet[Proposal]:
    """Proposals sent from or to the user's scope, newest first, with their item counts."""
    proposals = proposals_visible_to(user)
    if status:
        proposals = proposals.filter(status=status)
    return (
        proposals.select_related("unit", "to_unit", "award_form", "decision")
        .annotate(
            item_count=Count("items", distinct=True),
            passed_count=Count("items", filter=Q(items__passed=True), distinct=True),
        )
        .order_by("-date", "-pk")
    )


def proposal_items(proposal: Proposal) -> list[ProposalItem]:
    """The items in order, each marked `preferred` (one query)."""
    items = list(proposal.items.select_related("initiative", "initiative__unit").order_by("sort", "pk"))
    for item in items:
        item.preferred = preferred(item)  # type: ignore[attr-defined]
    return items


def with_file_codes(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.prefetch_related(Prefetch("files", queryset=DossierFile.objects.only("proposal_id", "code")))


def proposals_waiting(user: Actor) -> list[Proposal]:
    """The proposals waiting for the user: dossiers their units are still drawing up (their staff),
    and those sent to their units for a council or a decision (approvers, admins); oldest first."""
    memberships = roles_of(user)
    drafting = {m.unit_id for m in memberships if m.role in (Role.OFFICER, Role.APPROVER, Role.ADMIN)}
    deciding = {m.unit_id for m in memberships if m.role in (Role.APPROVER, Role.ADMIN)}
    if not drafting and not deciding:
        return []
    waiting = Q(unit_id__in=drafting, status=ProposalStatus.DRAFT) | Q(
        to_unit_id__in=deciding, status__in=[ProposalStatus.SUBMITTED, ProposalStatus.VOTED]
    )
    return list(
        Proposal.objects.filter(waiting).select_related("unit", "to_unit", "award_form").order_by("date", "pk")[:50]
    )
