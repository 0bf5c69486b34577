"""The proposal pages: the dossier checklist says what is missing, bad input keeps the form with a
Vietnamese message and writes nothing, the list counts its queries, revocation from the decision page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.awards.models import Decision
from danvan.proposals.models import Proposal, ProposalItem
from tests.conftest import World
from tests.proposals_helpers import VOTE_DATE, commune_proposal, province_council, submitted_proposal, three_models

pytestmark = pytest.mark.django_db


def test_the_checklist_names_the_missing_documents(world: World) -> None:
    proposal = commune_proposal(world, three_models(world))
    page = world.client_for(world.commune_approver).get(f"/de-nghi-khen-thuong/{proposal.pk}/").content.decode()
    assert "Hồ sơ còn thiếu:" in page and "Tờ trình đề nghị khen thưởng (Mẫu 01); Báo cáo thành tích" in page
    assert page.count('class="preferred"') == 1  # the collective with 75 % women


def test_a_proposal_to_a_unit_outside_the_superiors_keeps_the_form(world: World) -> None:
    models = three_models(world)
    client = world.client_for(world.commune_approver)
    response = client.post(
        "/de-nghi-khen-thuong/them/",
        {
            "unit": "C1",
            "to_unit": "P1",
            "award_form": "giay_khen",
            "date": "01/12/2025",
            "initiatives": [str(m.pk) for m in models],
        },
    )
    assert response.status_code == 400
    assert "do cấp xã quyết định" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_vote_with_more_votes_than_members_writes_nothing(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    council = province_council(world)
    data = {"council": council.pk, "date": VOTE_DATE.strftime("%d/%m/%Y"), "present": "14"}
    for index in range(3):
        data[f"agree_{index}"] = "15" if index == 0 else "10"
        data[f"written_{index}"] = "0"
    response = world.client_for(world.approver).post(f"/de-nghi-khen-thuong/{proposal.pk}/bo-phieu/", data)
    assert response.status_code == 400
    assert "15 phiếu đồng ý tại hội nghị nhiều hơn 14 thành viên có mặt" in response.content.decode()
    assert not ProposalItem.objects.filter(passed__isnull=False).exists()


@pytest.mark.parametrize("proposals", [1, 6])
def test_the_list_reads_a_fixed_number_of_queries(world: World, proposals: int) -> None:
    models = three_models(world)
    for _ in range(proposals):
        commune_proposal(world, models)
    client = world.client_for(world.commune_approver)
    client.get("/de-nghi-khen-thuong/")  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/de-nghi-khen-thuong/")
    assert response.status_code == 200
    # session, user, roles, count, page of proposals (with units, form, decision and item counts)
    assert len(queries) == 5, [q["sql"] for q in queries]


def test_revoking_a_draft_is_refused_on_the_page(world: World) -> None:
    from tests.awards_helpers import make_decision

    draft = make_decision(world)
    response = world.client_for(world.approver).post(
        f"/khen-thuong/{draft.pk}/huy/", {"number": "2700/QĐ-UBND", "date": "20/12/2025", "reason": "Sai"}
    )
    assert response.status_code == 200 and "còn là dự thảo" in response.content.decode()
    assert not Decision.objects.filter(revokes=draft).exists()
