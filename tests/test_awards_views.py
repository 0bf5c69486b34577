import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from danvan.awards.models import Decision, DecisionStatus
from tests.awards_helpers import make_decision, recognized_initiative

pytestmark = pytest.mark.django_db


def _form(world, **overrides):
    values = {
        "number": "2559/QĐ-UBND",
        "date": "15/12/2025",
        "issuer_unit": "P1",
        "award_form": "bang_khen",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        "collectives": "Hội Nông dân xã Đông Hòa | Xã Đông Hòa\nChi đoàn Thôn Tân Tiến",
        "individuals": "Nguyễn Thị Hường | Bí thư Chi bộ | Thôn Đoàn Kết",
    }
    values.update(overrides)
    return values


def test_decision_list_counts_queries_and_shows_rows(world, django_assert_num_queries) -> None:
    for number in ["1/QĐ-UBND", "2/QĐ-UBND", "3/QĐ-UBND"]:
        make_decision(world, number=number, issue=True)
    client = world.client_for(world.approver)
    # session, user, memberships, count, rows (with issuer, form and recipient counts), the filter's units
    with django_assert_num_queries(6):
        response = client.get(reverse("awards-decision-list"))
    assert response.status_code == 200
    content = response.content.decode()
    for number in ["1/QĐ-UBND", "2/QĐ-UBND", "3/QĐ-UBND"]:
        assert number in content
    # twice the rows, the same queries
    for number in ["4/QĐ-UBND", "5/QĐ-UBND", "6/QĐ-UBND"]:
        make_decision(world, number=number, issue=True)
    with django_assert_num_queries(6):
        response = client.get(reverse("awards-decision-list"))
    assert "6/QĐ-UBND" in response.content.decode()
    # a filter by unit adds the unit lookup and the predecessors' paths
    with django_assert_num_queries(8):
        response = client.get(reverse("awards-decision-list"), {"unit": "P1", "year_from": 2025, "status": "issued"})
    assert response.status_code == 200 and "3/QĐ-UBND" in response.content.decode()
    htmx = client.get(reverse("awards-decision-list"), {"number": "2/"}, headers={"HX-Request": "true"})
    assert "<html" not in htmx.content.decode() and "2/QĐ-UBND" in htmx.content.decode()


def test_decision_list_outsider_sees_nothing(world) -> None:
    make_decision(world, issue=True)
    response = world.client_for(world.outsider).get(reverse("awards-decision-list"))
    assert response.status_code == 200
    assert "2559/QĐ-UBND" not in response.content.decode()


def test_decision_list_bad_filter_is_explained(world) -> None:
    response = world.client_for(world.approver).get(reverse("awards-decision-list"), {"unit": "KHONGCO"})
    assert response.status_code == 200
    assert "Không có đơn vị này trong phạm vi bạn xem được. Hãy chọn trong danh sách." in response.content.decode()


def test_anonymous_is_sent_to_login(world, client) -> None:
    decision = make_decision(world)
    for name, args in [
        ("awards-decision-list", []),
        ("awards-decision-create", []),
        ("awards-decision-detail", [decision.pk]),
        ("awards-decision-edit", [decision.pk]),
        ("awards-decision-docx", [decision.pk]),
        ("awards-decision-certificates", [decision.pk]),
        ("awards-decision-correct", [decision.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/"), name
    assert client.post(reverse("awards-decision-issue", args=[decision.pk])).status_code == 302
    assert Decision.objects.get().status == DecisionStatus.DRAFT


def test_outsider_is_denied_every_decision_view(world) -> None:
    draft = make_decision(world)
    issued = make_decision(world, number="2560/QĐ-UBND", issue=True)
    client = world.client_for(world.outsider)
    assert client.get(reverse("awards-decision-create")).status_code == 403
    for decision in (draft, issued):
        for name in [
            "awards-decision-detail",
            "awards-decision-edit",
            "awards-decision-docx",
            "awards-decision-certificates",
            "awards-decision-correct",
        ]:
            assert client.get(reverse(name, args=[decision.pk])).status_code == 404, name
        assert client.post(reverse("awards-decision-issue", args=[decision.pk])).status_code == 404
    assert client.post(reverse("awards-decision-create"), _form(world, number="1/QĐ-UBND")).status_code == 403
    assert Decision.objects.count() == 2
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT


def test_create_edit_issue_download_flow(world) -> None:
    initiative = recognized_initiative(world, title="Dân vận khéo trong xây dựng nông thôn mới")
    client = world.client_for(world.approver)
    # the form offers the recognised initiative
    page = client.get(reverse("awards-decision-create"))
    assert page.status_code == 200 and "Dân vận khéo trong xây dựng nông thôn mới" in page.content.decode()
    # create
    response = client.post(reverse("awards-decision-create"), _form(world, initiatives=[str(initiative.pk)]))
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards-decision-detail", args=[decision.pk])
    names = list(decision.awards.order_by("sort").values_list("recipient_name", "recipient_kind", "position"))
    assert names == [
        ("Thôn Đoàn Kết", "collective", ""),
        ("Hội Nông dân xã Đông Hòa", "collective", ""),
        ("Chi đoàn Thôn Tân Tiến", "collective", ""),
        ("Nguyễn Thị Hường", "individual", "Bí thư Chi bộ"),
    ]
    # edit the draft
    edit = client.get(reverse("awards-decision-edit", args=[decision.pk]))
    assert "Hội Nông dân xã Đông Hòa | Xã Đông Hòa" in edit.content.decode()
    response = client.post(
        reverse("awards-decision-edit", args=[decision.pk]), _form(world, number="2560/QĐ-UBND", individuals="")
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.number == "2560/QĐ-UBND" and decision.awards.count() == 2
    # a draft has no certificates yet
    response = client.get(reverse("awards-decision-certificates", args=[decision.pk]), follow=True)
    assert "Chỉ in được giấy khen của quyết định đã ban hành" in response.content.decode()
    # issue: the first press asks, saying what will happen; nothing is issued yet
    response = client.post(reverse("awards-decision-issue", args=[decision.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Xác nhận ban hành quyết định 2560/QĐ-UBND" in page
    assert "không sửa được nữa" in page and 'name="confirmed" value="1"' in page
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    response = client.post(reverse("awards-decision-issue", args=[decision.pk]), {"confirmed": "1"}, follow=True)
    assert "Đã ban hành quyết định 2560/QĐ-UBND" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    # downloads
    word = client.get(reverse("awards-decision-docx", args=[decision.pk]))
    assert word.status_code == 200 and "quyet-dinh-2560-QD-UBND.docx" in word["Content-Disposition"]
    text = "\n".join(c.text for t in docx.Document(io.BytesIO(word.content)).tables for r in t.rows for c in r.cells)
    assert "Hội Nông dân xã Đông Hòa" in text
    pdf = client.get(reverse("awards-decision-certificates", args=[decision.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 2
    code = decision.awards.order_by("sort").first().certificate_code
    assert f"http://testserver/khen-thuong/xac-thuc/{code}/" in reader.pages[0].extract_text().replace("\n", "")


def test_create_bad_input_is_explained_and_nothing_written(world) -> None:
    client = world.client_for(world.approver)
    response = client.post(reverse("awards-decision-create"), _form(world, number="2559/QD-UBND"))
    assert response.status_code == 200
    assert "có chữ Đ" in response.content.decode()
    response = client.post(reverse("awards-decision-create"), _form(world, individuals="Ai đó | | ", collectives=""))
    assert response.status_code == 302
    response = client.post(reverse("awards-decision-create"), _form(world))
    assert "đã được “Tỉnh Hòa Bình Mẫu” dùng" in response.content.decode()
    response = client.post(
        reverse("awards-decision-create"), _form(world, number="9/QĐ-UBND", collectives="", individuals="")
    )
    assert "ít nhất một tập thể hoặc cá nhân" in response.content.decode()
    response = client.post(reverse("awards-decision-create"), _form(world, number="9/QĐ-UBND", date="31/02/2025"))
    assert response.status_code == 200
    assert Decision.objects.count() == 1


def test_create_for_a_unit_outside_the_scope_is_a_form_error(world) -> None:
    client = world.client_for(world.commune_approver)
    response = client.post(reverse("awards-decision-create"), _form(world, award_form="giay_khen"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy chọn một đơn vị mà bạn là người phê duyệt hoặc quản trị" in body
    assert not Decision.objects.exists()
    # the province is not even offered to the commune's approver: the drop-down holds their commune
    assert '<option value="C1">Xã Đông Hòa (Tỉnh Hòa Bình Mẫu)</option>' in body
    assert 'value="P1"' not in body


def test_initiative_not_recognized_via_the_form(world) -> None:
    from tests.conftest import registered_initiative

    registered = registered_initiative(world)
    client = world.client_for(world.approver)
    # a hand-made POST with an id the form never offered
    response = client.post(reverse("awards-decision-create"), _form(world, initiatives=[str(registered.pk)]))
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_editing_an_issued_decision_is_refused(world) -> None:
    decision = make_decision(world, issue=True)
    client = world.client_for(world.approver)
    response = client.post(
        reverse("awards-decision-edit", args=[decision.pk]), _form(world, signer_name="X"), follow=True
    )
    assert "Quyết định đã ban hành không sửa được" in response.content.decode()
    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Văn Hùng"
    response = client.post(reverse("awards-decision-issue", args=[decision.pk]), follow=True)
    assert "đã ban hành nên không sửa được" in response.content.decode()


def test_viewer_and_officer_cannot_manage(world) -> None:
    initiative = recognized_initiative(world)
    issued = make_decision(world, awards=[{"initiative": initiative.pk}], issue=True)
    draft = make_decision(world, number="2561/QĐ-UBND")
    for user in (world.viewer, world.officer):
        client = world.client_for(user)
        assert client.get(reverse("awards-decision-detail", args=[issued.pk])).status_code == 200
        assert client.get(reverse("awards-decision-correct", args=[issued.pk])).status_code == 403
        assert client.get(reverse("awards-decision-edit", args=[draft.pk])).status_code == 404
        assert client.post(reverse("awards-decision-issue", args=[draft.pk])).status_code == 404
        assert client.get(reverse("awards-decision-create")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT


def test_correction_flow(world) -> None:
    old = make_decision(world, issue=True)
    client = world.client_for(world.approver)
    page = client.get(reverse("awards-decision-correct", args=[old.pk]))
    assert page.status_code == 200 and "Hội Nông dân xã Đông Hòa" in page.content.decode()
    response = client.post(
        reverse("awards-decision-correct", args=[old.pk]),
        _form(world, number="2600/QĐ-UBND", collectives="Hội Nông dân xã Đông Hòa (đính chính)", individuals=""),
    )
    new = Decision.objects.get(number="2600/QĐ-UBND")
    assert response.status_code == 302 and new.corrects == old and new.status == DecisionStatus.DRAFT
    detail = client.get(reverse("awards-decision-detail", args=[old.pk])).content.decode()
    assert "Đã được đính chính bởi" in detail and "2600/QĐ-UBND" in detail
    word = client.get(reverse("awards-decision-docx", args=[new.pk]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "đính chính và thay thế Quyết định số 2559/QĐ-UBND ngày 15/12/2025" in text


def test_public_verification_shows_nothing_private(world, client) -> None:
    decision = make_decision(
        world,
        awards=[
            {
                "recipient_name": "Nguyễn Thị Hường",
                "recipient_kind": "individual",
                "position": "Bí thư Chi bộ",
                "unit_name": "Thôn Đoàn Kết",
            }
        ],
        issue=True,
    )
    award = decision.awards.get()
    response = client.get(reverse("awards-verify", args=[award.certificate_code]))
    content = response.content.decode()
    assert response.status_code == 200
    for shown in [
        "Nguyễn Thị Hường",
        "Cá nhân",
        "2559/QĐ-UBND",
        "15/12/2025",
        "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu",
        "Bằng khen",
    ]:
        assert shown in content
    for private in ["Bí thư Chi bộ", "Thôn Đoàn Kết", "Căn cứ", "tinh.pheduyet"]:
        assert private not in content
    # lower case and spaces typed from paper still find it
    assert client.get(reverse("awards-verify-lookup"), {"ma": award.certificate_code.lower()}).status_code == 302
    assert client.get(reverse("awards-verify", args=[award.certificate_code.lower()])).status_code == 200


def test_unknown_or_draft_certificate_code_is_a_helpful_404(world, client) -> None:
    draft = make_decision(world)
    for code in ["KHONGTONTAI", draft.awards.get().certificate_code, "<script>"]:
        response = client.get(reverse("awards-verify", args=[code]))
        assert response.status_code == 404
        content = response.content.decode()
        assert "Không tìm thấy giấy chứng nhận" in content and "Hãy đối chiếu lại mã" in content
        assert "<script>" not in content
    assert client.get(reverse("awards-verify-lookup")).status_code == 200
