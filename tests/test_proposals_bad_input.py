"""Issue 14's "Bad input", each through the API and through the pages: a vote with more votes than members,
a proposal to a unit outside the proposer's superiors, a revocation of a draft, a missing dossier document,
a duplicate award. Each answers a Vietnamese message naming what is wrong and writes nothing (every table of
the track counted, and the states, before and after)."""

import datetime
from typing import Any

import pytest
from django.contrib.messages import get_messages

from danvan.awards.models import Award, Decision, DecisionEvent
from danvan.proposals.models import DossierFile, Proposal, ProposalItem, ProposalStatus
from danvan.proposals.services import decision_from_proposal, dossier_upload, proposal_vote
from tests.api_helpers import ApiClient
from tests.conftest import World
from tests.proposals_helpers import (
    VOTE_DATE,
    VOTES,
    commune_proposal,
    province_council,
    scan,
    submitted_proposal,
    three_models,
)

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, Any]:
    """Everything the commendation track writes."""
    return {
        "proposals": list(
            Proposal.objects.order_by("pk").values_list("pk", "status", "members", "present", "decision")
        ),
        "items": list(ProposalItem.objects.order_by("pk").values_list("pk", "agree", "written_agree", "passed")),
        "files": DossierFile.objects.count(),
        "decisions": list(Decision.objects.order_by("pk").values_list("pk", "status", "revokes")),
        "awards": Award.objects.count(),
        "events": DecisionEvent.objects.count(),
    }


def voted(world: World, models: list[Any] | None = None) -> Proposal:
    proposal = submitted_proposal(world, models or three_models(world))
    return proposal_vote(
        by=world.approver, proposal=proposal, council=province_council(world), date=VOTE_DATE, present=14, votes=VOTES
    )


def decided(world: World, proposal: Proposal, *, issue: bool = True, number: str = "2559/QĐ-UBND") -> Decision:
    dossier_upload(by=world.approver, proposal=proposal, code="bien_ban", upload=scan("bien-ban.pdf"))
    return decision_from_proposal(
        by=world.approver,
        proposal=proposal,
        number=number,
        date=datetime.date(2025, 12, 10),
        signer_name="Nguyễn Văn Hùng",
        signer_title="Chủ tịch",
        issue=issue,
    )


def page_messages(response: Any) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


# A vote with more votes than members ------------------------------------------------------------


def test_more_votes_than_members_through_the_api(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    council = province_council(world)
    before = snapshot()
    response = ApiClient(world.approver).post(
        f"/proposals/{proposal.pk}/vote",
        {
            "council": council.pk,
            "date": VOTE_DATE.isoformat(),
            "present": 14,
            "votes": [VOTES[0], VOTES[1], {"item": 2, "agree": 14, "written_agree": 7}],
        },
    )
    assert response.status_code == 400
    assert "Mục 3 (“Thôn Đoàn Kết”): 7 ý kiến bằng văn bản nhiều hơn 6 thành viên vắng mặt" in response.json()["detail"]
    assert response.json()["errors"][0]["field"] == "votes"
    assert snapshot() == before


# A proposal to a unit outside the proposer's superiors ---------------------------------------------


def test_a_proposal_outside_the_superiors_writes_nothing(world: World) -> None:
    models = three_models(world)
    before = snapshot()
    response = ApiClient(world.commune_approver).post(
        "/proposals",
        {"unit": "C1", "to_unit": "C2", "award_form": "giay_khen", "items": [{"initiative": models[0].pk}]},
    )
    assert response.status_code == 400
    assert "“Phường Tây Sơn” không phải là cấp trên của “Xã Đông Hòa”" in response.json()["detail"]
    # the page offers only the superiors; a unit outside them is named as not a superior
    page = world.client_for(world.commune_approver).post(
        "/de-nghi-khen-thuong/them/",
        {
            "unit": "C1",
            "to_unit": "C2",
            "award_form": "giay_khen",
            "date": "01/12/2025",
            "initiatives": [str(models[0].pk)],
        },
    )
    assert page.status_code == 400
    assert "“C2” không phải là cấp trên của đơn vị đề nghị" in page.content.decode()
    assert snapshot() == before


# A revocation of a draft ---------------------------------------------------------------------------


def test_revoking_a_draft_through_the_api_is_a_conflict(world: World) -> None:
    draft = decided(world, voted(world), issue=False)
    before = snapshot()
    response = ApiClient(world.approver).post(
        f"/decisions/{draft.pk}/revoke", {"number": "2700/QĐ-UBND", "date": "2025-12-20", "reason": "Sai"}
    )
    assert response.status_code == 409
    assert "Quyết định 2559/QĐ-UBND còn là dự thảo" in response.json()["detail"]
    assert snapshot() == before


# A missing dossier document ------------------------------------------------------------------------


def test_submitting_without_the_dossier_on_the_page_names_what_is_missing(world: World) -> None:
    proposal = commune_proposal(world, three_models(world))
    dossier_upload(by=world.commune_approver, proposal=proposal, code="to_trinh", upload=scan())
    before = snapshot()
    response = world.client_for(world.commune_approver).post(f"/de-nghi-khen-thuong/{proposal.pk}/trinh/")
    assert response.status_code == 302
    assert "Hồ sơ còn thiếu: Báo cáo thành tích." in page_messages(response)
    assert snapshot() == before
    # and through the API
    refused = ApiClient(world.commune_approver).post(f"/proposals/{proposal.pk}/submit", {})
    assert refused.status_code == 400 and "Hồ sơ còn thiếu: Báo cáo thành tích" in refused.json()["detail"]
    assert snapshot() == before


def test_deciding_without_the_minutes_names_them(world: World) -> None:
    proposal = voted(world)
    before = snapshot()
    data = {
        "number": "2559/QĐ-UBND",
        "date": "10/12/2025",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_title": "Chủ tịch",
    }
    page = world.client_for(world.approver).post(f"/de-nghi-khen-thuong/{proposal.pk}/quyet-dinh/", data)
    assert page.status_code == 400
    assert "Hồ sơ còn thiếu: Biên bản họp xét khen thưởng." in page.content.decode()
    response = ApiClient(world.approver).post(
        "/decisions",
        {
            "proposal": proposal.pk,
            "number": "2559/QĐ-UBND",
            "date": "2025-12-10",
            "issuer_unit": "P1",
            "signer_name": "Nguyễn Văn Hùng",
            "signer_title": "Chủ tịch",
            "award_form": "bang_khen_chuyen_de",
        },
    )
    assert response.status_code == 400 and "Biên bản họp xét khen thưởng" in response.json()["detail"]
    assert snapshot() == before


def test_the_minutes_uploaded_by_the_proposer_are_refused_on_the_page(world: World) -> None:
    proposal = commune_proposal(world, three_models(world))
    before = snapshot()
    response = world.client_for(world.commune_approver).post(
        f"/de-nghi-khen-thuong/{proposal.pk}/ho-so/", {"code": "bien_ban", "file": scan(), "upload_end": "1"}
    )
    assert response.status_code == 302
    assert "Văn bản “Biên bản họp xét khen thưởng” do “Tỉnh Hòa Bình Mẫu” tải lên." in page_messages(response)
    assert snapshot() == before


# A duplicate award ---------------------------------------------------------------------------------


def test_a_duplicate_award_is_refused_on_the_page_and_in_the_api(world: World) -> None:
    models = three_models(world)
    decided(world, voted(world, models))
    again = submitted_proposal(world, [models[0]])
    again = proposal_vote(
        by=world.approver,
        proposal=again,
        council=province_council(world),
        date=VOTE_DATE,
        present=20,
        votes=[{"item": 0, "agree": 20, "written_agree": 0}],
    )
    dossier_upload(by=world.approver, proposal=again, code="bien_ban", upload=scan("bien-ban.pdf"))
    before = snapshot()
    data = {
        "number": "2600/QĐ-UBND",
        "date": "20/12/2025",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_title": "Chủ tịch",
    }
    page = world.client_for(world.approver).post(f"/de-nghi-khen-thuong/{again.pk}/quyet-dinh/", data)
    assert page.status_code == 400
    text = page.content.decode()
    assert f"mô hình “{models[0].title}”" in text and "tại Quyết định số 2559/QĐ-UBND ngày 10/12/2025" in text
    assert "Mỗi thành tích chỉ được khen thưởng một lần" in text
    response = ApiClient(world.approver).post(
        "/decisions",
        {
            "number": "2601/QĐ-UBND",
            "date": "2025-12-20",
            "issuer_unit": "P1",
            "signer_name": "Nguyễn Văn Hùng",
            "signer_title": "Chủ tịch",
            "award_form": "bang_khen",
            "awards": [{"initiative": models[0].pk}],
        },
    )
    assert response.status_code == 409 and "Quyết định số 2559/QĐ-UBND" in response.json()["detail"]
    assert snapshot() == before
    assert Proposal.objects.get(pk=again.pk).status == ProposalStatus.VOTED
