import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from danvan.awards.access import access_decision, decisions_visible_to
from danvan.awards.models import (
    CODE_ALPHABET,
    Award,
    AwardForm,
    Decision,
    DecisionEvent,
    DecisionStatus,
    NumberForm,
)
from danvan.awards.numbers import parse_number
from danvan.awards.selectors import award_by_certificate_code, decision_list
from danvan.awards.services import DecisionData, decision_issue, decision_update
from danvan.documents.layouts import load_layout
from danvan.documents.models import Layout
from tests.awards_helpers import decision_payload, make_decision, recognized_initiative
from tests.conftest import registered_initiative

pytestmark = pytest.mark.django_db


def test_default_award_forms_and_layouts_are_data() -> None:
    codes = set(AwardForm.objects.values_list("code", flat=True))
    assert {"giay_khen", "bang_khen", "co_thi_dua"} <= codes
    assert AwardForm.objects.get(code="giay_khen").levels == ["commune", "district", "province"]
    assert set(Layout.objects.values_list("code", flat=True)) == {"state", "party"}
    assert load_layout("state")["font_name"] == "Times New Roman"


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("2559/QĐ-UBND", NumberForm.STATE),
        ("12/2024/QĐ-UBND", NumberForm.STATE),
        ("45/QĐ-BTĐKT", NumberForm.STATE),
        ("15-QĐ/HU", NumberForm.PARTY),
        ("07-QĐ/ĐU", NumberForm.PARTY),
        ("20-QĐ/ThU", NumberForm.PARTY),
        ("  2559/QĐ-UBND ", NumberForm.STATE),
    ],
)
def test_number_shapes_accepted(raw: str, form: str) -> None:
    assert parse_number(raw) == (raw.strip(), form)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("", "Hãy nhập số"),
        ("Số: 2559/QĐ-UBND", "bỏ chữ “Số”"),
        ("2559 /QĐ-UBND", "khoảng trắng"),
        ("2559/QD-UBND", "có chữ Đ"),
        ("2559/UBND", "Thiếu ký hiệu “QĐ”"),
        ("QĐ-UBND/2559", "bắt đầu bằng chữ số"),
        ("2559/QĐ-ubnd", "in hoa"),
        ("2559/QĐ-", "chưa đúng mẫu"),
        ("15/QĐ/HU", "chưa đúng mẫu"),
    ],
)
def test_number_shapes_refused_with_what_is_wrong(raw: str, says: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_number(raw)
    assert says in " ".join(exc.value.messages)


def test_create_and_issue_a_decision_with_initiatives_and_named_recipients(world) -> None:
    # given
    initiative = recognized_initiative(world)
    individual = recognized_initiative(
        world,
        kind="individual",
        title="Điển hình dân vận khéo",
        person_name="Nguyễn Thị Hường",
        person_position="Bí thư",
    )
    # when
    decision = make_decision(
        world,
        awards=[
            {"initiative": initiative.pk},
            {"initiative": individual.pk},
            {"recipient_name": "Lê Văn Tám", "recipient_kind": "individual", "position": "Trưởng thôn"},
        ],
    )
    # then a draft with defaults from the layout
    assert decision.status == DecisionStatus.DRAFT
    assert decision.number_form == NumberForm.STATE
    assert decision.year == 2025
    assert decision.issuer_body == "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH MẪU"
    assert decision.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH MẪU"
    assert decision.place == "Hòa Bình Mẫu"
    assert "Bằng khen" in decision.title
    awards = list(decision.awards.order_by("sort"))
    assert [(a.recipient_name, a.recipient_kind) for a in awards] == [
        ("Thôn Đoàn Kết", "collective"),
        ("Nguyễn Thị Hường", "individual"),
        ("Lê Văn Tám", "individual"),
    ]
    assert awards[0].unit_name == "Xã Đông Hòa"
    assert awards[0].initiative == initiative
    for award in awards:
        assert len(award.certificate_code) == 10
        assert set(award.certificate_code) <= set(CODE_ALPHABET)
    assert len({a.certificate_code for a in awards}) == 3
    # a draft's certificate cannot be verified yet
    assert award_by_certificate_code(awards[0].certificate_code) is None
    # when issued
    decision = decision_issue(by=world.approver, decision=decision)
    assert decision.status == DecisionStatus.ISSUED and decision.issued_at is not None
    assert award_by_certificate_code(awards[0].certificate_code.lower()) == awards[0]
    assert list(DecisionEvent.objects.filter(decision=decision).values_list("action", flat=True)) == ["create", "issue"]


def test_party_number_picks_the_party_layout(world) -> None:
    decision = make_decision(world, number="15-QĐ/TU", award_form="giay_khen")
    assert decision.number_form == NumberForm.PARTY
    # the issuer under its superior body (Hướng dẫn 36-HD/VPTW), as the Party report has it
    assert decision.issuer_body.startswith("ĐẢNG BỘ TỈNH HÒA BÌNH MẪU\nBAN THƯỜNG VỤ TỈNH ỦY")


def test_duplicate_number_for_same_issuer_and_year_is_refused(world) -> None:
    make_decision(world)
    before = (Decision.objects.count(), Award.objects.count())
    with pytest.raises(ValidationError) as exc:
        make_decision(world, date=datetime.date(2025, 3, 1))
    assert "đã được “Tỉnh Hòa Bình Mẫu” dùng cho một quyết định năm 2025" in exc.value.message_dict["number"][0]
    assert (Decision.objects.count(), Award.objects.count()) == before
    # the same number next year, or by another issuer, is fine
    make_decision(world, date=datetime.date(2026, 1, 5))
    make_decision(world, issuer_unit=world.commune, award_form="giay_khen", by=world.commune_approver)


def test_initiative_not_recognized_is_refused_and_nothing_written(world) -> None:
    registered = registered_initiative(world)
    before = (Decision.objects.count(), Award.objects.count())
    with pytest.raises(ValidationError) as exc:
        make_decision(
            world,
            awards=[{"recipient_name": "Hội Nông dân", "recipient_kind": "collective"}, {"initiative": registered.pk}],
        )
    message = exc.value.message_dict["awards"][0]
    assert "Dòng 2" in message and "Đã đăng ký" in message and "đã được công nhận" in message
    assert (Decision.objects.count(), Award.objects.count()) == before


@pytest.mark.parametrize(
    ("awards", "says"),
    [
        ([], "ít nhất một"),
        ([{"initiative": 999999}], "không tìm thấy mô hình số 999999"),
        ([{"initiative": "abc"}], "không phải là số"),
        ([{"recipient_name": "", "recipient_kind": "collective"}], "thiếu tên"),
        ([{"recipient_name": "A", "recipient_kind": "group"}], "tập thể (collective) hoặc cá nhân"),
        (["not a mapping"], "không đọc được"),
    ],
)
def test_bad_recipients(world, awards, says) -> None:
    with pytest.raises(ValidationError) as exc:
        make_decision(world, awards=awards)
    assert says in " ".join(exc.value.message_dict["awards"])
    assert not Decision.objects.exists()


def test_initiative_outside_the_issuers_view_is_not_found(world) -> None:
    # an initiative of the other commune is invisible to the commune approver of C1
    other = recognized_initiative(world, unit=world.other_commune)
    with pytest.raises(ValidationError) as exc:
        make_decision(
            world,
            by=world.commune_approver,
            issuer_unit=world.commune,
            award_form="giay_khen",
            awards=[{"initiative": other.pk}],
        )
    assert "không tìm thấy mô hình" in exc.value.message_dict["awards"][0]


def test_same_initiative_twice_is_refused(world) -> None:
    initiative = recognized_initiative(world)
    with pytest.raises(ValidationError) as exc:
        make_decision(world, awards=[{"initiative": initiative.pk}, {"initiative": initiative.pk}])
    assert "đã có trong danh sách" in exc.value.message_dict["awards"][0]


def test_other_bad_fields(world) -> None:
    with pytest.raises(ValidationError) as exc:
        make_decision(world, number="2559", signer_name=" ", signer_title="", award_form="khong_co", date=None)
    errors = exc.value.message_dict
    assert set(errors) >= {"number", "signer_name", "signer_title", "award_form", "date"}
    assert "giay_khen" in errors["award_form"][0]
    assert not Decision.objects.exists()


def test_award_form_must_belong_to_the_issuing_level(world) -> None:
    with pytest.raises(ValidationError) as exc:
        make_decision(world, by=world.commune_approver, issuer_unit=world.commune, award_form="bang_khen")
    assert "không thuộc thẩm quyền khen thưởng của cấp xã" in exc.value.message_dict["award_form"][0]


@pytest.mark.parametrize("who", ["officer", "commune_reviewer", "viewer", "outsider", "commune_approver"])
def test_only_approvers_and_admins_of_the_issuer_create(world, who) -> None:
    with pytest.raises(PermissionDenied):
        make_decision(world, by=getattr(world, who))
    assert not Decision.objects.exists()


def test_admin_of_the_province_may_create(world) -> None:
    assert make_decision(world, by=world.province_admin).pk


def test_issued_decision_is_immutable(world) -> None:
    decision = decision_issue(by=world.approver, decision=make_decision(world))
    with pytest.raises(ValidationError) as exc:
        decision_update(
            by=world.approver, decision=decision, data=DecisionData(**decision_payload(world, signer_name="Người khác"))
        )
    assert "đã ban hành nên không sửa được" in exc.value.messages[0]
    assert "đính chính" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        decision_issue(by=world.approver, decision=decision)
    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Văn Hùng"


def test_draft_update_replaces_recipients(world) -> None:
    decision = make_decision(world)
    decision = decision_update(
        by=world.approver,
        decision=decision,
        data=DecisionData(
            **decision_payload(world, awards=[{"recipient_name": "Trần Văn B", "recipient_kind": "individual"}])
        ),
    )
    assert list(decision.awards.values_list("recipient_name", flat=True)) == ["Trần Văn B"]


def test_a_correction_is_a_new_decision_referring_to_the_old(world) -> None:
    old = decision_issue(by=world.approver, decision=make_decision(world))
    draft = make_decision(world, number="2599/QĐ-UBND")  # a draft cannot be corrected: edit it instead
    with pytest.raises(ValidationError):
        make_decision(world, number="2600/QĐ-UBND", corrects=draft)
    new = make_decision(world, number="2601/QĐ-UBND", corrects=old, issue=True)
    assert new.corrects == old and new.is_issued
    assert list(old.corrections.all()) == [new]


def test_visibility_and_access_gate(world) -> None:
    initiative = recognized_initiative(world)
    issued = make_decision(world, awards=[{"initiative": initiative.pk}], issue=True)
    draft = make_decision(world, number="2700/QĐ-UBND")
    # the village officer sees the issued decision commending its initiative, not the draft
    assert set(decisions_visible_to(world.officer)) == {issued}
    assert set(decisions_visible_to(world.approver)) == {issued, draft}
    assert set(decisions_visible_to(world.viewer)) == {issued}
    assert not decisions_visible_to(world.outsider).exists()
    with pytest.raises(Http404):
        access_decision(user=world.outsider, decision_id=issued.pk)
    with pytest.raises(Http404):
        access_decision(user=world.officer, decision_id=draft.pk)
    with pytest.raises(Http404):
        access_decision(user=world.approver, decision_id="x")
    assert access_decision(user=world.officer, decision_id=str(issued.pk)) == issued


def test_decision_list_filters(world) -> None:
    a = make_decision(world, issue=True)
    b = make_decision(world, number="10/QĐ-UBND", date=datetime.date(2024, 5, 2), issue=True)
    c = make_decision(world, by=world.commune_approver, issuer_unit=world.commune, award_form="giay_khen")
    assert list(decision_list(user=world.approver)) == [c, a, b]
    assert set(decision_list(user=world.approver, unit=world.commune)) == {c}
    assert set(decision_list(user=world.approver, year_from=2025)) == {a, c}
    assert set(decision_list(user=world.approver, year_to=2024)) == {b}
    assert set(decision_list(user=world.approver, status="draft")) == {c}
    assert set(decision_list(user=world.approver, number="10/")) == {b}
    row = decision_list(user=world.approver, number="2559", status="issued").get()
    assert (row.collectives, row.individuals) == (1, 0)


def test_counted_awards_leave_out_drafts_and_corrected_decisions(world) -> None:
    from danvan.awards.selectors import counted_awards

    old = make_decision(world, issue=True)
    make_decision(world, number="2/QĐ-UBND")  # a draft
    assert list(counted_awards().values_list("decision", flat=True)) == [old.pk]
    correction = make_decision(world, number="3/QĐ-UBND", corrects=old)
    assert list(counted_awards().values_list("decision", flat=True)) == [old.pk]
    decision_issue(by=world.approver, decision=correction)
    assert list(counted_awards().values_list("decision", flat=True)) == [correction.pk]


def test_decision_events_cannot_be_changed_or_removed(world) -> None:
    # given: a decision and its "create" event
    decision = make_decision(world)
    event = DecisionEvent.objects.get(decision=decision)
    # when / then: the same append-only base as the initiatives' events
    event.note = "sửa"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        DecisionEvent.objects.filter(decision=decision).update(note="x")
    with pytest.raises(ValidationError):
        DecisionEvent.objects.filter(decision=decision).delete()
    assert DecisionEvent.objects.get(pk=event.pk).note == ""
