"""Initiative pages: list, detail, registration, edit, actions, historical entry, attachments."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from danvan.initiatives import services
from danvan.initiatives.models import Attachment, Initiative, Status
from danvan.initiatives.services import attachment_remove, initiative_act, initiative_create
from danvan.movements.models import Field
from tests.conftest import initiative_data, registered_initiative


def png_bytes(size: tuple[int, int] = (40, 30), color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def form_post(world, **overrides):
    data = {
        "title": "Mô hình “Camera an ninh” ở Thôn Đoàn Kết",
        "kind": "collective",
        "field": "defence_security",
        "unit": world.village.pk,
        "year": 2026,
        "registered_level": "commune",
        "summary": "Lắp 12 camera do Nhân dân đóng góp.",
        "problem": "Trộm cắp vặt",
        "start_date": "2026-01-15",
        "upload_end": "1",  # the form's last input: the request arrived whole
    }
    data.update(overrides)
    return data


# --- list -----------------------------------------------------------------------------------


def test_list_shows_scope_only_and_filters(world) -> None:
    mine = registered_initiative(world)
    other = initiative_create(
        by=world.outsider,
        data=initiative_data(world, unit=world.other_commune, title="Tổ hòa giải Phường Tây Sơn"),
        register=True,
    )
    client = world.client_for(world.officer)
    body = client.get(reverse("initiatives-list")).content.decode()
    assert mine.title in body and other.title not in body
    # the province approver sees both, and folded search finds without diacritics
    client = world.client_for(world.approver)
    body = client.get(reverse("initiatives-list"), {"q": "hoa giai tay son"}).content.decode()
    assert other.title in body and mine.title not in body
    body = client.get(reverse("initiatives-list"), {"unit": world.commune.code}).content.decode()
    assert mine.title in body and other.title not in body
    body = client.get(reverse("initiatives-list"), {"status": "recognized"}).content.decode()
    assert mine.title not in body


def test_outsider_does_not_see_a_draft_in_the_list(world) -> None:
    draft = initiative_create(by=world.officer, data=initiative_data(world))
    body = world.client_for(world.outsider).get(reverse("initiatives-list")).content.decode()
    assert draft.title not in body


def test_anonymous_is_sent_to_login(client) -> None:
    response = client.get(reverse("initiatives-list"))
    assert (response.status_code == 302 and "/dang-nhap" in response["Location"]) or "login" in response["Location"]


@pytest.mark.parametrize("extra", [1, 40])
def test_list_query_count_is_constant(world, django_assert_num_queries, extra) -> None:
    field = Field.objects.get(code="economy")
    rows = [
        Initiative(
            title=f"Mô hình số {i}",
            kind="collective",
            field=field,
            unit=world.village,
            year=2026,
            registered_level="commune",
            status=Status.REGISTERED,
            search_text=f"mo hinh so {i}",
        )
        for i in range(extra)
    ]
    Initiative.objects.bulk_create(rows, batch_size=500)
    client = world.client_for(world.approver)
    # session, user, memberships, filter units (options), fields (options), count, page of rows
    with django_assert_num_queries(7):
        response = client.get(reverse("initiatives-list"), {"year": "2026"})
    assert response.status_code == 200


def test_list_query_count_ten_thousand(world, django_assert_num_queries) -> None:
    field = Field.objects.get(code="economy")
    Initiative.objects.bulk_create(
        [
            Initiative(
                title=f"Mô hình số {i}",
                kind="collective",
                field=field,
                unit=world.village if i % 2 else world.other_commune,
                year=2020 + i % 7,
                registered_level="commune",
                status=Status.UNDER_REVIEW,
                review_level="commune",
                search_text=f"mo hinh so {i}",
                public_key=f"k{i}",
            )
            for i in range(10_000)
        ],
        batch_size=1000,
    )
    client = world.client_for(world.approver)
    # session, user, memberships, filter units (options), fields (options), count, page of rows
    with django_assert_num_queries(7):
        response = client.get(reverse("initiatives-list"), {"page": "3"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 10_000


# --- detail and actions --------------------------------------------------------------------


def test_detail_shows_fields_timeline_and_allowed_buttons(world) -> None:
    initiative = registered_initiative(world, evidence=False, problem="Đường lầy lội mùa mưa")
    client = world.client_for(world.officer)
    response = client.get(reverse("initiatives-detail", args=[initiative.pk]))
    body = response.content.decode()
    assert "Đường lầy lội mùa mưa" in body
    # the officer sends in one action ("Gửi"), once the dossier is complete: until then the page says
    # what is missing; the workflow's steps are not offered one by one
    assert "Còn thiếu trước khi gửi:" in body and reverse("initiatives-send", args=[initiative.pk]) not in body
    assert 'value="submit"' not in body and 'value="recognize"' not in body
    assert "Đăng ký" in body  # the timeline


def test_outsider_gets_404_on_detail_and_actions(world) -> None:
    initiative = initiative_create(by=world.officer, data=initiative_data(world))
    client = world.client_for(world.outsider)
    assert client.get(reverse("initiatives-detail", args=[initiative.pk])).status_code == 404
    response = client.post(reverse("initiatives-act", args=[initiative.pk]), {"action": "register"})
    assert response.status_code == 404
    assert client.get(reverse("initiatives-edit", args=[initiative.pk])).status_code == 404
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_act_submits_and_stale_page_is_told_in_vietnamese(world) -> None:
    initiative = registered_initiative(world)
    client = world.client_for(world.officer)
    url = reverse("initiatives-act", args=[initiative.pk])
    response = client.post(url, {"action": "submit", "expected_status": "registered"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW
    # a second tab still showing "registered"
    response = client.post(url, {"action": "submit", "expected_status": "registered", "note": "gửi lại"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "vừa được người khác xử lý" in body
    assert "gửi lại" in body  # the note typed is kept


def test_act_without_reason_keeps_input_and_says_what_to_do(world) -> None:
    initiative = registered_initiative(world)
    initiative = initiative_act(by=world.officer, initiative=initiative, action="submit")
    client = world.client_for(world.commune_reviewer)
    response = client.post(reverse("initiatives-act", args=[initiative.pk]), {"action": "return", "note": ""})
    assert response.status_code == 400
    assert "Hãy ghi rõ lý do" in response.content.decode()
    # the reviewer's detail page links to the score sheet
    body = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert reverse("reviews-score", args=[initiative.pk]) in body


def test_viewer_cannot_act(world) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    response = world.client_for(world.viewer).post(
        reverse("initiatives-act", args=[initiative.pk]), {"action": "recognize"}
    )
    assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW


def test_unknown_action_is_a_400_not_a_500(world) -> None:
    initiative = registered_initiative(world)
    response = world.client_for(world.officer).post(
        reverse("initiatives-act", args=[initiative.pk]), {"action": "nuke"}
    )
    assert response.status_code == 400


def test_next_only_to_this_site(world) -> None:
    initiative = registered_initiative(world)
    response = world.client_for(world.officer).post(
        reverse("initiatives-act", args=[initiative.pk]), {"action": "submit", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("initiatives-detail", args=[initiative.pk])


# --- registration form ---------------------------------------------------------------------


def test_register_with_a_photo(world) -> None:
    client = world.client_for(world.officer)
    photo = io.BytesIO(png_bytes())
    photo.name = "anh-hien-truong.png"
    response = client.post(reverse("initiatives-create"), {**form_post(world), "register": "1", "uploads": [photo]})
    assert response.status_code == 302, response.content.decode()[:2000]
    initiative = Initiative.objects.get()
    assert (initiative.status, initiative.created_by) == (Status.REGISTERED, world.officer)
    attachment = initiative.attachments.get()
    assert attachment.kind == Attachment.Kind.IMAGE and attachment.thumbnail
    assert attachment.original_name == "anh-hien-truong.png"


def test_draft_then_finish_later(world) -> None:
    client = world.client_for(world.officer)
    response = client.post(reverse("initiatives-create"), {**form_post(world, summary=""), "save": "1"})
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and initiative.status == Status.DRAFT
    response = client.post(
        reverse("initiatives-edit", args=[initiative.pk]), {**form_post(world, summary="Bổ sung"), "register": "1"}
    )
    initiative.refresh_from_db()
    assert (initiative.status, initiative.summary) == (Status.REGISTERED, "Bổ sung")


def test_empty_title_is_refused_and_the_rest_kept(world) -> None:
    client = world.client_for(world.officer)
    response = client.post(reverse("initiatives-create"), {**form_post(world, title="  "), "register": "1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập tên mô hình, điển hình." in body
    assert "Lắp 12 camera do Nhân dân đóng góp." in body
    assert not Initiative.objects.exists()


def test_wrong_file_type_is_refused_from_its_bytes(world) -> None:
    client = world.client_for(world.officer)
    fake = io.BytesIO(b"MZ\x90\x00 this is a windows program, not a photo")
    fake.name = "anh.jpg"
    response = client.post(reverse("initiatives-create"), {**form_post(world), "register": "1", "uploads": [fake]})
    assert response.status_code == 400
    assert "không phải ảnh (JPEG, PNG, WebP), PDF hoặc Word" in response.content.decode()
    assert not Initiative.objects.exists()


def test_too_large_file_is_refused(world, settings) -> None:
    settings.DANVAN_ATTACHMENT_MAX_BYTES = 1000
    client = world.client_for(world.officer)
    big = io.BytesIO(png_bytes((400, 400), "blue") + b"\x00" * 2000)
    big.name = "to.png"
    response = client.post(reverse("initiatives-create"), {**form_post(world), "uploads": [big]})
    assert response.status_code == 400
    assert "vượt giới hạn" in response.content.decode()


def test_similar_title_is_warned_before_registering(world) -> None:
    first = registered_initiative(world, title="Mô hình Camera an ninh ở Thôn Đoàn Kết")
    client = world.client_for(world.officer)
    data = {**form_post(world, title="Mô hình camera an ninh ở thôn Đoàn Kết"), "register": "1"}
    response = client.post(reverse("initiatives-create"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert reverse("initiatives-detail", args=[first.pk]) in body
    assert Initiative.objects.count() == 1
    # when they confirm it is another one
    response = client.post(reverse("initiatives-create"), {**data, "confirm_similar": "on"})
    assert response.status_code == 302 and Initiative.objects.count() == 2


def test_outsider_cannot_register_for_another_commune(world) -> None:
    client = world.client_for(world.outsider)
    response = client.post(reverse("initiatives-create"), {**form_post(world), "register": "1"})
    assert response.status_code == 400  # the village is not among the units they may choose
    assert not Initiative.objects.exists()


def test_viewer_cannot_open_registration(world) -> None:
    assert world.client_for(world.viewer).get(reverse("initiatives-create")).status_code == 403


def test_edit_refused_once_under_review(world) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    response = world.client_for(world.officer).get(reverse("initiatives-edit", args=[initiative.pk]))
    assert response.status_code == 403


# --- historical entry ----------------------------------------------------------------------


def test_historical_entry_by_the_approver(world) -> None:
    client = world.client_for(world.approver)
    data = form_post(world, year=2018, unit=world.commune.pk, title="Dân vận khéo trong xây dựng nông thôn mới")
    data.update(
        {"status": "recognized", "recognized_level": "province", "recognized_on": "2018-12-20", "exemplary": "on"}
    )
    response = client.post(reverse("initiatives-historical"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    initiative = Initiative.objects.get()
    assert (initiative.historical, initiative.status, initiative.exemplary) == (True, "recognized", True)
    assert initiative.events.get().action == "historical_entry"


def test_historical_entry_needs_a_date_when_recognized(world) -> None:
    client = world.client_for(world.approver)
    data = form_post(world, year=2018, unit=world.commune.pk)
    data.update({"status": "recognized", "recognized_level": "province"})
    response = client.post(reverse("initiatives-historical"), data)
    assert response.status_code == 400
    assert "ngày công nhận" in response.content.decode()


@pytest.mark.parametrize("who", ["officer", "outsider", "commune_reviewer", "viewer"])
def test_historical_entry_refused_to_others(world, who) -> None:
    assert world.client_for(getattr(world, who)).get(reverse("initiatives-historical")).status_code == 403


def test_htmx_filter_returns_only_the_rows(world) -> None:
    registered_initiative(world)
    response = world.client_for(world.officer).get(reverse("initiatives-list"), {"q": "duong"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="rows">') and "<html" not in body
    assert "Đường giao thông nông thôn" in body


def test_returned_initiative_shows_what_to_add(world) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Thêm ảnh hiện trường")
    attachment_remove(by=world.officer, attachment=initiative.attachments.get())  # the photo asked to be replaced
    body = world.client_for(world.officer).get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert "Yêu cầu bổ sung:" in body and "Thêm ảnh hiện trường" in body
    # one "Gửi" sends it back once complete; until then the page says what is missing
    assert "Còn thiếu trước khi gửi:" in body and "ít nhất một ảnh hoặc tài liệu minh chứng" in body
    assert 'value="resubmit"' not in body


def test_dates_are_written_day_first(world) -> None:
    client = world.client_for(world.officer)
    response = client.post(reverse("initiatives-create"), {**form_post(world, start_date="15/01/2026"), "save": "1"})
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert str(initiative.start_date) == "2026-01-15"
    body = client.get(reverse("initiatives-edit", args=[initiative.pk])).content.decode()
    assert 'value="15/01/2026"' in body
    response = client.post(reverse("initiatives-create"), {**form_post(world, start_date="2026/31/01"), "save": "1"})
    assert "Hãy nhập ngày theo dạng dd/mm/yyyy" in response.content.decode()


def test_post_without_an_action_says_what_to_do(world) -> None:
    initiative = registered_initiative(world)
    response = world.client_for(world.officer).post(reverse("initiatives-act", args=[initiative.pk]), {})
    assert response.status_code == 400
    assert "hãy tải lại trang rồi bấm một nút thao tác" in response.content.decode()


def test_registering_a_replica_of_a_public_model(world) -> None:
    # given a recognised, public initiative of another commune
    original = services.initiative_enter_historical(
        by=world.approver,
        data=initiative_data(world, unit=world.other_commune, year=2025),
        status=Status.RECOGNIZED,
        recognized_level="province",
        recognized_on=datetime.date(2025, 9, 2),
    )
    client = world.client_for(world.officer)
    url = reverse("initiatives-create") + f"?replicated_from={original.public_key}"
    # when the village officer opens the form from the library and registers
    page = client.get(url)
    assert "Nhân rộng từ mô hình" in page.content.decode()
    response = client.post(url, {**form_post(world, title="Đường hoa Thôn Đoàn Kết"), "register": "1"})
    # then the new initiative points at the original
    assert response.status_code == 302
    replica = Initiative.objects.get(title="Đường hoa Thôn Đoàn Kết")
    assert replica.replicated_from == original
    assert client.get(reverse("initiatives-create") + "?replicated_from=khong-co").status_code == 404


def test_historical_entry_says_the_day_of_registration(world) -> None:
    import datetime

    from django.utils import timezone

    from danvan.orgs.services import unit_create

    client = world.client_for(world.approver)
    today = timezone.localdate()
    # the form offers today's date, to be corrected
    page = client.get(reverse("initiatives-historical")).content.decode()
    assert f'name="registered_on" value="{today:%d/%m/%Y}"' in page
    data = form_post(world, year=2018, unit=world.commune.pk, title="Dân vận khéo trong xây dựng nông thôn mới")
    data.update({"status": "registered"})
    # a day in the future, or before the unit existed: refused, said what to write, nothing saved
    tomorrow = today + datetime.timedelta(days=1)
    refused = client.post(
        reverse("initiatives-historical"), {**data, "year": tomorrow.year, "registered_on": f"{tomorrow:%d/%m/%Y}"}
    )
    assert refused.status_code == 400 and "ở sau hôm nay" in refused.content.decode()
    merged = unit_create(by=world.superuser, code="C9", name="Xã Hợp Nhất", kind="commune", parent=world.province,
                         valid_from=datetime.date(2025, 7, 1))  # fmt: skip
    early = {**data, "unit": merged.pk, "year": 2025, "registered_on": "10/03/2025"}
    refused = client.post(reverse("initiatives-historical"), early)
    assert refused.status_code == 400
    assert "ở trước khi “Xã Hợp Nhất” được thành lập (01/07/2025)" in refused.content.decode()
    assert not Initiative.objects.exists()
    # the day as the unit registered it
    response = client.post(reverse("initiatives-historical"), {**data, "registered_on": "15/03/2018"})
    assert response.status_code == 302
    assert Initiative.objects.get().registered_on == datetime.date(2018, 3, 15)
