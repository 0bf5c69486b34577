"""The commendation track through its services: a commune's proposal of three models to the province,
the dossier, the council's vote over all members, the decision, one award per achievement, revocation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.awards.models import AwardForm, AwardRule, Decision
from danvan.awards.selectors import rule_for
from danvan.awards.services import decision_revoke
from danvan.core.errors import Conflict
from danvan.proposals.models import Proposal, ProposalItem, ProposalStatus
from danvan.proposals.selectors import missing_documents
from danvan.proposals.services import (
    decision_from_proposal,
    dossier_upload,
    proposal_submit,
    proposal_vote,
)
from danvan.reports.selectors import stats_for_scope
from tests.conftest import World
from tests.proposals_helpers import (
    VOTE_DATE,
    VOTES,
    commune_proposal,
    province_council,
    scan,
    submitted_proposal,
    three_models,
    upload_before_vote,
)

pytestmark = pytest.mark.django_db


def voted(world: World) -> Proposal:
    proposal = submitted_proposal(world, three_models(world))
    return proposal_vote(
        by=world.approver, proposal=proposal, council=province_council(world), date=VOTE_DATE, present=14, votes=VOTES
    )


def decide(world: World, proposal: Proposal, number: str = "2559/QĐ-UBND") -> Decision:
    dossier_upload(by=world.approver, proposal=proposal, code="bien_ban", upload=scan("bien-ban.pdf"))
    return decision_from_proposal(
        by=world.approver,
        proposal=proposal,
        number=number,
        date=datetime.date(2025, 12, 10),
        signer_name="Nguyễn Văn Hùng",
        signer_title="Chủ tịch",
        issue=True,
    )


def test_rules_are_dated_by_decree(world: World) -> None:
    form = AwardForm.objects.get(code="bang_khen_chuyen_de")
    before = rule_for(form, datetime.date(2025, 6, 30))
    after = rule_for(form, datetime.date(2025, 7, 1))
    assert before is not None and "98/2023" in before.legal_bases and "98/2023" in before.article
    assert after is not None and "152/2025" in after.legal_bases and "Điều 4 khoản 3" in after.article
    assert after.thematic and after.vote_threshold == Decimal("0.900")
    assert after.dossier == ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    assert AwardRule.objects.filter(valid_to__isnull=True).count() == AwardForm.objects.count()


def test_the_council_passes_at_the_threshold_and_fails_a_vote_short(world: World) -> None:
    proposal = voted(world)
    items = list(proposal.items.order_by("sort"))
    assert [i.passed for i in items] == [True, True, False]
    assert (proposal.members, proposal.present, proposal.status) == (20, 14, ProposalStatus.VOTED)


def test_the_decision_awards_the_passed_items_and_cites_its_bases(world: World) -> None:
    proposal = voted(world)
    decision = decide(world, proposal)
    assert sorted(decision.awards.values_list("initiative__title", flat=True)) == sorted(
        i.recipient_name and i.initiative.title for i in proposal.items.filter(passed=True)
    )
    assert decision.awards.count() == 2 and decision.is_issued
    assert "Nghị định số 152/2025/NĐ-CP" in decision.legal_bases
    assert decision.proposal.startswith("Ủy ban nhân dân xã Đông Hòa tại Tờ trình số 45/TTr-UBND ngày 01/12/2025")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED and proposal.decision == decision


def test_a_second_award_for_the_same_model_is_refused_naming_the_first(world: World) -> None:
    proposal = voted(world)
    decide(world, proposal)
    model = proposal.items.filter(passed=True).first().initiative
    again = submitted_proposal(world, [model])
    again = proposal_vote(
        by=world.approver,
        proposal=again,
        council=province_council(world),
        date=VOTE_DATE,
        present=20,
        votes=[{"item": 0, "agree": 20, "written_agree": 0}],
    )
    decisions = Decision.objects.count()
    with pytest.raises(Conflict) as refused:
        decide(world, again, number="2600/QĐ-UBND")
    assert "2559/QĐ-UBND" in " ".join(refused.value.messages)
    assert Decision.objects.count() == decisions  # nothing written
    again.refresh_from_db()
    assert again.status == ProposalStatus.VOTED


def test_revocation_drops_the_awards_from_the_statistics(world: World) -> None:
    decision = decide(world, voted(world))
    assert stats_for_scope(unit=world.province, year_from=2025, year_to=2025)["commended"]["total"] == 2
    revocation = decision_revoke(
        by=world.approver,
        decision=decision,
        number="2700/QĐ-UBND",
        date=datetime.date(2025, 12, 20),
        reason="Kê khai thành tích không trung thực",
    )
    assert revocation.revokes == decision and revocation.is_issued
    stats = stats_for_scope(unit=world.province, year_from=2025, year_to=2025)
    assert stats["commended"]["total"] == 0 and stats["commended"]["decisions"] == 0


def test_a_draft_is_not_revoked(world: World) -> None:
    proposal = voted(world)
    dossier_upload(by=world.approver, proposal=proposal, code="bien_ban", upload=scan())
    draft = decision_from_proposal(
        by=world.approver,
        proposal=proposal,
        number="2559/QĐ-UBND",
        date=datetime.date(2025, 12, 10),
        signer_name="Nguyễn Văn Hùng",
        signer_title="Chủ tịch",
    )
    with pytest.raises(Conflict, match="còn là dự thảo"):
        decision_revoke(
            by=world.approver, decision=draft, number="1/QĐ-UBND", date=datetime.date(2025, 12, 20), reason="x"
        )
    assert not Decision.objects.filter(revokes=draft).exists()


def test_a_proposal_goes_only_to_a_superior(world: World) -> None:
    models = three_models(world)
    with pytest.raises(ValidationError) as refused:
        commune_proposal(world, models, to_unit=world.other_commune)
    assert "không phải là cấp trên" in refused.value.message_dict["to_unit"][0]
    assert not Proposal.objects.exists()


def test_the_award_form_must_be_decided_at_the_receiving_level(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        commune_proposal(world, three_models(world), award_form="giay_khen")
    assert "cấp xã" in refused.value.message_dict["award_form"][0]


def test_a_missing_document_keeps_the_proposal_from_the_council(world: World) -> None:
    proposal = commune_proposal(world, three_models(world))
    dossier_upload(by=world.commune_approver, proposal=proposal, code="to_trinh", upload=scan())
    assert missing_documents(proposal) == ["bao_cao_thanh_tich", "bien_ban"]
    with pytest.raises(ValidationError, match="Báo cáo thành tích"):
        proposal_submit(by=world.commune_approver, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_more_votes_than_members_is_refused(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    council = province_council(world)
    bad = [dict(v) for v in VOTES]
    bad[0]["written_agree"] = 7  # only 6 are absent
    with pytest.raises(ValidationError) as refused:
        proposal_vote(by=world.approver, proposal=proposal, council=council, date=VOTE_DATE, present=14, votes=bad)
    assert "nhiều hơn 6 thành viên vắng mặt" in refused.value.message_dict["votes"][0]
    with pytest.raises(ValidationError, match="từ 1 đến 20"):
        proposal_vote(by=world.approver, proposal=proposal, council=council, date=VOTE_DATE, present=21, votes=VOTES)
    assert not ProposalItem.objects.filter(passed__isnull=False).exists()


def test_outsiders_cannot_propose_or_vote(world: World) -> None:
    models = three_models(world)
    with pytest.raises(PermissionDenied):
        commune_proposal(world, models, by=world.outsider)
    proposal = commune_proposal(world, models)
    upload_before_vote(world, proposal)
    proposal_submit(by=world.commune_approver, proposal=proposal)
    with pytest.raises(PermissionDenied):
        proposal_vote(
            by=world.commune_approver,
            proposal=proposal,
            council=province_council(world),
            date=VOTE_DATE,
            present=14,
            votes=VOTES,
        )


def test_women_are_counted_in_the_statistics_and_the_report(world: World) -> None:
    from danvan.reports.periods import Period
    from danvan.reports.selectors import scope_stats
    from danvan.reports.writing import results_paragraphs
    from tests.awards_helpers import recognized_initiative

    # given a recognised woman and a recognised man, the woman commended through a proposal
    woman = recognized_initiative(
        world, kind="individual", title="Điển hình Lò Thị Hiền", person_name="Lò Thị Hiền", person_gender="female"
    )
    recognized_initiative(
        world, kind="individual", title="Điển hình Lò Văn Sáng", person_name="Lò Văn Sáng", person_gender="male"
    )
    proposal = submitted_proposal(world, [woman])
    assert proposal_items_preferred(proposal) == [True]
    proposal = proposal_vote(
        by=world.approver,
        proposal=proposal,
        council=province_council(world),
        date=VOTE_DATE,
        present=20,
        votes=[{"item": 0, "agree": 20, "written_agree": 0}],
    )
    decide(world, proposal)
    # then
    stats = scope_stats(unit=world.province, period=Period(2025, 2025))
    assert stats.as_api()["women"] == {"registered": 1, "recognized": 1, "commended": 1}
    sentences = results_paragraphs(stats, None, {}, [])["commended"]
    assert (
        "Về nữ (Nghị định số 152/2025/NĐ-CP, Điều 4): 1 điển hình là nữ đăng ký, 1 được công nhận, 1 được khen thưởng."
        in sentences
    )


def proposal_items_preferred(proposal: Proposal) -> list[bool]:
    from danvan.proposals.selectors import proposal_items

    return [item.preferred for item in proposal_items(proposal)]  # type: ignore[attr-defined]


def test_after_revocation_the_library_and_the_certificate_stop_vouching(world: World, client) -> None:
    proposal = voted(world)
    decision = decide(world, proposal)
    model = proposal.items.filter(passed=True).order_by("sort").first().initiative
    library_page = f"/thu-vien/mo-hinh/{model.public_key}/"
    award = decision.awards.get(initiative=model)
    assert "Quyết định số 2559/QĐ-UBND ngày 10/12/2025" in client.get(library_page).content.decode()
    decision_revoke(
        by=world.approver,
        decision=decision,
        number="2700/QĐ-UBND",
        date=datetime.date(2025, 12, 20),
        reason="Kê khai thành tích không trung thực",
    )
    page = client.get(library_page)
    assert page.status_code == 200 and "2559/QĐ-UBND" not in page.content.decode()
    verification = client.get(f"/khen-thuong/xac-thuc/{award.certificate_code}/").content.decode()
    assert "Đã bị hủy theo Quyết định số 2700/QĐ-UBND ngày 20/12/2025" in verification
