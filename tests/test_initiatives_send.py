"""One action to send a registration ("Gửi"): register and submit (or resubmit) through the workflow
table, once the dossier fields the criteria judge and one piece of evidence are there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.initiatives.files import PreparedFile, prepare_upload
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import (
    attachment_add,
    attachment_remove,
    initiative_act,
    initiative_create,
    initiative_send,
    initiative_update,
)
from danvan.initiatives.workflow import SEND, TRANSITIONS, TransitionNotAllowed, dossier_missing
from tests.api_helpers import ApiClient
from tests.conftest import World, initiative_data
from tests.test_initiatives_views import form_post, png_bytes

pytestmark = pytest.mark.django_db

COMPLETE = {
    "summary": "Mỗi hộ trồng hoa trước cửa.",
    "content": "Họp dân, chia tuyến, mỗi hộ nhận 20 m đường.",
    "forces": "Chi hội phụ nữ, đoàn thanh niên, 58 hộ.",
    "results": "1,2 km đường hoa; 58 hộ tham gia.",
    "sustainability": "Mỗi quý chấm điểm tuyến đẹp; hai thôn bên cạnh đã làm theo.",
}


def photo() -> PreparedFile:
    return prepare_upload(SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png"))


def draft(world: World, **fields: str) -> Initiative:
    return initiative_create(by=world.officer, data=initiative_data(world, **fields))


def events(initiative: Initiative) -> list[str]:
    return list(initiative.events.order_by("at", "pk").values_list("action", flat=True))


def test_the_way_to_review_is_read_from_the_workflow_table() -> None:
    assert [t.action for t in SEND.path(Status.DRAFT)] == ["register", "submit"]
    assert [t.action for t in SEND.path(Status.REGISTERED)] == ["submit"]
    assert [t.action for t in SEND.path(Status.RETURNED)] == ["resubmit"]
    for status in (Status.UNDER_REVIEW, Status.RECOGNIZED, Status.NOT_RECOGNIZED):
        assert SEND.path(status) == []
    assert all(TRANSITIONS[a].target for a in SEND.actions)


def test_an_incomplete_draft_is_refused_with_what_is_missing_and_nothing_written(world: World) -> None:
    initiative = draft(world, summary="", content="", forces="", results="", sustainability="")
    assert dossier_missing(initiative) == [
        "tóm tắt",
        "nội dung, cách làm",
        "lực lượng tham gia",
        "kết quả, sản phẩm",
        "duy trì, nhân rộng",
        "ít nhất một ảnh hoặc tài liệu minh chứng",
    ]
    with pytest.raises(TransitionNotAllowed) as refused:
        initiative_send(by=world.officer, initiative=initiative)
    assert "hồ sơ còn thiếu tóm tắt; nội dung, cách làm;" in refused.value.message
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT and events(initiative) == ["create"]
    # the fields alone are not enough: one piece of evidence is needed
    initiative = draft(world, **COMPLETE)
    assert dossier_missing(initiative) == ["ít nhất một ảnh hoặc tài liệu minh chứng"]
    # an individual needs what the criteria for a person judge
    person = draft(world, kind="individual", person_name="Nguyễn Thị Hường", summary="Tóm tắt", content="", results="")
    assert dossier_missing(person)[:2] == ["nội dung, cách làm", "kết quả, sản phẩm"]


def test_a_complete_draft_is_registered_and_sent_in_one_step(world: World) -> None:
    initiative = draft(world, **COMPLETE)
    attachment_add(by=world.officer, initiative=initiative, prepared=photo())
    sent = initiative_send(by=world.officer, initiative=initiative)
    assert (sent.status, sent.review_level) == (Status.UNDER_REVIEW, "commune")
    assert events(sent) == ["create", "attach", "register", "submit"]


def test_the_page_sends_in_one_action_and_outsiders_cannot(world: World) -> None:
    initiative = draft(world, **COMPLETE)
    url = reverse("initiatives-send", args=[initiative.pk])
    # the page lists what is missing and offers no "Gửi" yet, nor the old steps one by one
    client = world.client_for(world.officer)
    detail = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert "Còn thiếu trước khi gửi:" in detail and url not in detail
    assert 'value="register"' not in detail and 'value="submit"' not in detail
    # sent anyway: 409, the reason on the page, nothing written
    refused = client.post(url, {"action": "send", "expected_status": "draft"})
    assert refused.status_code == 409 and "ít nhất một ảnh hoặc tài liệu minh chứng" in refused.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).status == Status.DRAFT
    # with a photo the button is there and one click sends it
    attachment_add(by=world.officer, initiative=initiative, prepared=photo())
    detail = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert url in detail and "Còn thiếu trước khi gửi:" not in detail
    # an outsider does not see it; a reviewer of the commune may not send it
    assert world.client_for(world.outsider).post(url, {"action": "send"}).status_code == 404
    assert world.client_for(world.commune_reviewer).post(url, {"action": "send"}).status_code == 404
    assert Initiative.objects.get(pk=initiative.pk).status == Status.DRAFT
    response = client.post(url, {"action": "send", "expected_status": "draft"})
    assert response.status_code == 302
    sent = Initiative.objects.get(pk=initiative.pk)
    assert sent.status == Status.UNDER_REVIEW and events(sent)[-2:] == ["register", "submit"]
    page = client.get(response["Location"]).content.decode()
    assert f"“{sent.title}” đã được gửi bình xét cấp xã." in page
    # sending twice: refused, said why
    again = client.post(url, {"action": "send", "expected_status": "draft"})
    assert again.status_code == 409 and "vừa được người khác xử lý" in again.content.decode()


def test_a_returned_model_completed_on_the_form_goes_back_in_one_action(world: World) -> None:
    initiative = draft(world, **COMPLETE)
    attachment_add(by=world.officer, initiative=initiative, prepared=photo())
    initiative_send(by=world.officer, initiative=initiative)
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Thêm kết quả năm 2026")
    client = world.client_for(world.officer)
    edit = reverse("initiatives-edit", args=[initiative.pk])
    data = {**form_post(world), **COMPLETE, "results": "", "send": "1"}
    # sent without results: saved, not sent, the form says what is missing
    response = client.post(edit, data)
    assert response.status_code == 302 and response["Location"] == edit
    page = client.get(edit).content.decode()
    assert "nhưng chưa gửi" in page and "Còn thiếu trước khi gửi:" in page and "kết quả, sản phẩm" in page
    assert Initiative.objects.get(pk=initiative.pk).status == Status.RETURNED
    # completed: one click saves and sends it back
    response = client.post(edit, {**data, "results": "2,4 km đường hoa năm 2026"})
    assert response.status_code == 302
    sent = Initiative.objects.get(pk=initiative.pk)
    assert (sent.status, sent.results) == (Status.UNDER_REVIEW, "2,4 km đường hoa năm 2026")
    assert events(sent)[-2:] == ["edit", "resubmit"]


def test_a_new_registration_with_its_photo_is_sent_from_the_form(world: World) -> None:
    client = world.client_for(world.officer)
    upload = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("initiatives-create"), {**form_post(world), **COMPLETE, "send": "1", "uploads": [upload]}
    )
    assert response.status_code == 302
    created = Initiative.objects.get()
    assert created.status == Status.UNDER_REVIEW and created.attachments.count() == 1
    assert events(created) == ["create", "attach", "register", "submit"]
    # without a photo: kept as a draft, the form lists what is missing
    response = client.post(reverse("initiatives-create"), {**form_post(world, title="Mô hình khác"), "send": "1"})
    other = Initiative.objects.get(title="Mô hình khác")
    assert other.status == Status.DRAFT and response["Location"] == reverse("initiatives-edit", args=[other.pk])


# The API goes to review by the same rule -------------------------------------------------------


def test_the_api_cannot_send_an_incomplete_dossier_to_review(world: World) -> None:
    """POST /api/v1/initiatives registers as the contract says (a registered model is not yet under review);
    its `submit` checks the complete dossier as the pages' "Gửi" does: 409 in the API's error shape, the
    message naming what is missing, nothing written."""
    api = ApiClient(world.officer)
    body = {"title": "Tổ tự quản đường hoa", "kind": "collective", "field": "culture_society", "unit": "C1-V1",
            "year": 2026, "summary": "Mỗi hộ trồng hoa trước cửa."}  # fmt: skip
    created = api.post("/initiatives", body)
    assert created.status_code == 201 and created.json()["status"] == "registered"
    pk = created.json()["id"]
    before = events(Initiative.objects.get(pk=pk))
    response = api.post(f"/initiatives/{pk}/actions", {"action": "submit"})
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Chưa gửi bình xét được “Tổ tự quản đường hoa”: hồ sơ còn thiếu nội dung, cách làm; lực lượng "
        "tham gia; kết quả, sản phẩm; duy trì, nhân rộng; ít nhất một ảnh hoặc tài liệu minh chứng. "
        "Hãy bổ sung rồi gửi lại.",
        "errors": [],
    }
    initiative = Initiative.objects.get(pk=pk)
    assert initiative.status == Status.REGISTERED and initiative.review_level == "" and events(initiative) == before
    # the fields alone: still the evidence
    initiative_update(by=world.officer, initiative=initiative, data=initiative_data(world, **COMPLETE))
    response = api.post(f"/initiatives/{pk}/actions", {"action": "submit"})
    assert response.status_code == 409 and response.json()["detail"].endswith(
        "hồ sơ còn thiếu ít nhất một ảnh hoặc tài liệu minh chứng. Hãy bổ sung rồi gửi lại."
    )
    # complete: sent
    attachment_add(by=world.officer, initiative=initiative, prepared=photo())
    response = api.post(f"/initiatives/{pk}/actions", {"action": "submit"})
    assert response.status_code == 200 and response.json()["status"] == "under_review"


def test_the_api_cannot_resubmit_without_what_was_asked_for(world: World) -> None:
    initiative = draft(world, **COMPLETE)
    attachment_add(by=world.officer, initiative=initiative, prepared=photo())
    initiative_send(by=world.officer, initiative=initiative)
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Ảnh chưa rõ, chụp lại")
    attachment_remove(by=world.officer, attachment=initiative.attachments.get())
    before = events(initiative)
    api = ApiClient(world.officer)
    response = api.post(f"/initiatives/{initiative.pk}/actions", {"action": "resubmit"})
    assert response.status_code == 409
    assert "hồ sơ còn thiếu ít nhất một ảnh hoặc tài liệu minh chứng" in response.json()["detail"]
    initiative.refresh_from_db()
    assert initiative.status == Status.RETURNED and events(initiative) == before
    # and a page's single step (the old "submit" button) is held to the same rule
    page = world.client_for(world.officer).post(
        reverse("initiatives-act", args=[initiative.pk]), {"action": "resubmit", "expected_status": "returned"}
    )
    assert page.status_code == 409 and "ít nhất một ảnh hoặc tài liệu minh chứng" in page.content.decode()
    assert events(Initiative.objects.get(pk=initiative.pk)) == before


def test_the_rule_is_the_workflow_tables() -> None:
    """One place: the transitions into review carry the requirement; "Gửi" reads it from its steps."""
    assert [r.name for r in TRANSITIONS["submit"].requires] == ["complete_dossier"]
    assert [r.name for r in TRANSITIONS["resubmit"].requires] == ["complete_dossier"]
    assert TRANSITIONS["register"].requires == ()  # a registration is not yet a request for review
    assert [r.name for r in SEND.requires] == ["complete_dossier"]
