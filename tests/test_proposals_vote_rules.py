"""The council's meeting: a quorum before any vote (the rule's, or more than half of ALL members when the
rule names none, with the basis named in the dated rule data), and messages that number the items from 1
as the pages list them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from danvan.awards.models import AwardRule
from danvan.proposals.models import Proposal, ProposalItem, ProposalStatus
from danvan.proposals.services import proposal_vote
from tests.api_helpers import ApiClient
from tests.conftest import World
from tests.proposals_helpers import VOTE_DATE, VOTES, province_council, submitted_proposal, three_models

pytestmark = pytest.mark.django_db


def nothing_written(proposal: Proposal) -> None:
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert (proposal.council_id, proposal.members, proposal.present, proposal.vote_date) == (None, None, None, None)
    assert not ProposalItem.objects.filter(proposal=proposal).exclude(passed=None).exists()
    assert not ProposalItem.objects.filter(proposal=proposal).exclude(agree=None).exists()


def votes_for(present: int) -> list[dict[str, int]]:
    """Three items, each agreed by every member present and none in writing."""
    return [{"item": index, "agree": present, "written_agree": 0} for index in range(3)]


def test_every_shipped_rule_names_the_basis_of_its_quorum(world: World) -> None:
    rules = list(AwardRule.objects.select_related("award_form"))
    assert rules and all(rule.quorum is None for rule in rules)
    for rule in rules:
        decree = "98/2023" if rule.valid_to is not None else "152/2025"
        assert decree in rule.quorum_article and "quá nửa tổng số thành viên" in rule.quorum_article, rule
    assert rules[0].min_present(20) == 11 and rules[0].min_present(21) == 11 and rules[0].min_present(3) == 2


def test_fewer_than_more_than_half_present_is_refused_and_nothing_written(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    council = province_council(world)  # 20 members: 11 make more than half
    with pytest.raises(ValidationError) as refused:
        proposal_vote(
            by=world.approver, proposal=proposal, council=council, date=VOTE_DATE, present=10, votes=votes_for(10)
        )
    message = refused.value.message_dict["present"][0]
    assert "Chỉ 10 trong 20 thành viên có mặt: hội đồng cần ít nhất 11 thành viên dự họp" in message
    assert "NĐ 152/2025/NĐ-CP không quy định số thành viên dự họp tối thiểu" in message
    nothing_written(proposal)
    voted = proposal_vote(
        by=world.approver, proposal=proposal, council=council, date=VOTE_DATE, present=11, votes=votes_for(11)
    )
    assert voted.present == 11 and voted.status == ProposalStatus.VOTED


def test_a_quorum_in_the_rule_is_applied_and_named(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    AwardRule.objects.filter(pk=proposal.rule_id).update(
        quorum=Decimal("0.667"), quorum_article="Quy chế Hội đồng Thi đua - Khen thưởng tỉnh, Điều 7"
    )
    council = province_council(world)
    with pytest.raises(ValidationError) as refused:
        proposal_vote(
            by=world.approver, proposal=proposal, council=council, date=VOTE_DATE, present=13, votes=votes_for(13)
        )
    message = refused.value.message_dict["present"][0]
    assert "cần ít nhất 14 thành viên" in message and "Quy chế Hội đồng Thi đua - Khen thưởng tỉnh, Điều 7" in message
    nothing_written(proposal)
    voted = proposal_vote(
        by=world.approver, proposal=proposal, council=council, date=VOTE_DATE, present=14, votes=VOTES
    )
    assert voted.present == 14 and voted.status == ProposalStatus.VOTED


def test_the_quorum_refusal_on_the_page_and_in_the_api(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    council = province_council(world)
    data = {"council": council.pk, "date": VOTE_DATE.strftime("%d/%m/%Y"), "present": "9"}
    for index in range(3):
        data[f"agree_{index}"], data[f"written_{index}"] = "9", "0"
    response = world.client_for(world.approver).post(f"/de-nghi-khen-thuong/{proposal.pk}/bo-phieu/", data)
    assert response.status_code == 400
    assert "Chỉ 9 trong 20 thành viên có mặt" in response.content.decode()
    answer = ApiClient(world.approver).post(
        f"/proposals/{proposal.pk}/vote",
        {"council": council.pk, "date": VOTE_DATE.isoformat(), "present": 9, "votes": votes_for(9)},
    )
    assert answer.status_code == 400 and "cần ít nhất 11 thành viên" in answer.json()["detail"]
    assert answer.json()["errors"][0]["field"] == "present"
    nothing_written(proposal)
    forms = {f["code"]: f for f in ApiClient(world.approver).get("/award-forms", page_size=100).json()["items"]}
    assert forms["bang_khen_chuyen_de"]["quorum"] is None
    assert "quá nửa tổng số thành viên" in forms["bang_khen_chuyen_de"]["quorum_article"]


@pytest.mark.parametrize(
    "votes,says",
    [
        (VOTES[:2], "Thiếu kết quả bỏ phiếu cho mục 3 (“"),
        ([VOTES[0], VOTES[0], VOTES[1], VOTES[2]], "Mục 1 (“"),
        ([*VOTES[:2], {"item": 3, "agree": 1, "written_agree": 0}], "Phiếu thứ 3 ghi cho mục “3”"),
        ([VOTES[0], {**VOTES[1], "agree": 15}, VOTES[2]], "Mục 2 (“"),
        ([VOTES[0], VOTES[1], {**VOTES[2], "written_agree": 7}], "Mục 3 (“"),
        ([VOTES[0], VOTES[1], {**VOTES[2], "agree": -1}], "Mục 3 (“"),
    ],
    ids=["missing", "twice", "no-such-item", "agree-over-present", "written-over-absent", "negative"],
)
def test_vote_messages_number_the_items_from_1(world: World, votes: list[dict[str, int]], says: str) -> None:
    proposal = submitted_proposal(world, three_models(world))
    with pytest.raises(ValidationError) as refused:
        proposal_vote(
            by=world.approver,
            proposal=proposal,
            council=province_council(world),
            date=VOTE_DATE,
            present=14,
            votes=votes,
        )
    messages = refused.value.message_dict["votes"]
    assert any(says in message for message in messages), messages
    assert not any("mục 0" in message.lower() for message in messages), messages
    nothing_written(proposal)


def test_the_vote_page_names_the_item_by_number_and_model(world: World) -> None:
    models = three_models(world)
    proposal = submitted_proposal(world, models)
    council = province_council(world)
    client = world.client_for(world.approver)
    page = client.get(f"/de-nghi-khen-thuong/{proposal.pk}/bo-phieu/").content.decode()
    # two models of one village: each row says which model it is
    assert all(f"mô hình “{m.title}”" in page for m in models)
    data = {"council": council.pk, "date": VOTE_DATE.strftime("%d/%m/%Y"), "present": "14"}
    for index in range(3):
        data[f"agree_{index}"], data[f"written_{index}"] = ("15" if index == 1 else "14"), "0"
    response = client.post(f"/de-nghi-khen-thuong/{proposal.pk}/bo-phieu/", data)
    second = proposal.items.order_by("sort", "pk")[1]
    assert f"Mục 2 (“{second.recipient_name}”): 15 phiếu đồng ý tại hội nghị nhiều hơn 14" in response.content.decode()
    nothing_written(proposal)


def test_the_bien_ban_cites_the_basis_of_the_vote_share_not_the_thematic_article(world: World) -> None:
    """A thematic rule's article is NĐ 152 Điều 4 k.3 (thematic awards do not count toward titles): the
    biên bản's sentence on the 90 % cites the basis of the vote share instead."""
    import io

    from docx import Document as read_docx

    from danvan.awards.defaults import ND98_VOTE, ND152_THEMATIC, ND152_VOTE
    from danvan.proposals.documents import dossier_docx

    for rule in AwardRule.objects.all():
        assert rule.threshold_basis == (ND98_VOTE if rule.valid_to is not None else ND152_VOTE), rule
    proposal = submitted_proposal(world, three_models(world))
    thematic = AwardRule.objects.get(award_form__code="bang_khen_chuyen_de", valid_to=None)
    assert thematic.article == ND152_THEMATIC
    Proposal.objects.filter(pk=proposal.pk).update(rule=thematic)
    voted = proposal_vote(
        by=world.approver, proposal=proposal, council=province_council(world), date=VOTE_DATE, present=14, votes=VOTES
    )
    text = "\n".join(p.text for p in read_docx(io.BytesIO(dossier_docx(voted, "bien_ban"))).paragraphs)
    assert f"cần đạt từ 90 % trở lên ({ND152_VOTE})" in text and "Điều 4 khoản 3" not in text
