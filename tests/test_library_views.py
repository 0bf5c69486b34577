"""Public pages, feed, sitemap and open data: privacy, query counts, outsider denials."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.initiatives.models import Attachment, Initiative, Status
from danvan.initiatives.services import initiative_act, initiative_create
from danvan.library.models import PublicEntry
from danvan.library.services import initiative_withhold
from tests.conftest import initiative_data, registered_initiative, score_sheet
from tests.test_library import historical, recognized

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def private_world(world):
    """One public initiative and one of every kind that must never be seen in public."""
    world.officer.email = "do.thi.hoa@example.vn"
    world.officer.save(update_fields=["email"])
    public = registered_initiative(world, title="Mô hình congkhai đường hoa", summary="Tóm tắt công khai.")
    public = initiative_act(by=world.officer, initiative=public, action="submit")
    public = initiative_act(
        by=world.commune_reviewer,
        initiative=score_sheet(world.commune_reviewer, public),
        action="recognize",
        note="ghichucongnhan điểm 95",
    )
    hidden = {
        "draft": initiative_create(by=world.officer, data=initiative_data(world, title="Mô hình bimatnhap")),
        "registered": registered_initiative(world, title="Mô hình bimatdangky"),
    }
    under_review = initiative_act(
        by=world.officer, initiative=registered_initiative(world, title="Mô hình bimatbinhxet"), action="submit"
    )
    hidden["under_review"] = under_review
    returned = initiative_act(
        by=world.officer, initiative=registered_initiative(world, title="Mô hình bimattralai"), action="submit"
    )
    hidden["returned"] = initiative_act(
        by=world.commune_reviewer, initiative=returned, action="return", note="ghichutralai thiếu ảnh"
    )
    rejected = initiative_act(
        by=world.officer, initiative=registered_initiative(world, title="Mô hình bimatkhong"), action="submit"
    )
    hidden["rejected"] = initiative_act(
        by=world.commune_reviewer, initiative=rejected, action="reject", note="ghichukhong chưa đạt"
    )
    withheld = recognized(world, title="Mô hình bimatrieng")
    initiative_withhold(by=world.officer, initiative=withheld, withheld=True)
    hidden["withheld"] = withheld
    world.village2.publishes_initiatives = False
    world.village2.save(update_fields=["publishes_initiatives"])
    hidden["unit_private"] = historical(world, "Mô hình bimatdonvi", unit=world.village2)
    return public, hidden


SECRETS = [
    # the queries "bimat" and "ghichu" are echoed back to the visitor; the titles and notes never are
    "Mô hình bimat",
    "ghichucongnhan",
    "ghichutralai",
    "ghichukhong",
    "điểm 95",
    "do.thi.hoa@example.vn",
    "thon.canbo",
    "Đỗ Thị Hoa",
    "xa.thamdinh",
    "Trần Đức Anh",
]


def public_pages(client: Client, public: Initiative, hidden: dict[str, Initiative]) -> dict[str, str]:
    pages = {
        "home": body(client.get("/")),
        "index": body(client.get("/thu-vien/")),
        "search": body(client.get("/thu-vien/", {"q": "mo hinh"})),
        "search-secret": body(client.get("/thu-vien/", {"q": "bimat"})),
        "search-notes": body(client.get("/thu-vien/", {"q": "ghichu"})),
        "detail": body(client.get(f"/thu-vien/mo-hinh/{public.public_key}/")),
        "feed": body(client.get("/thu-vien/tin-moi.atom")),
        "sitemap": body(client.get("/sitemap.xml")),
        "csv": body(client.get("/thu-vien/du-lieu.csv")),
        "json": body(client.get("/thu-vien/du-lieu.json")),
        "json-secret": body(client.get("/thu-vien/du-lieu.json", {"q": "bimat"})),
    }
    for name, initiative in hidden.items():
        response = client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/")
        assert response.status_code == 404, name
    return pages


@pytest.mark.parametrize("who", ["anonymous", "outsider", "superuser"])
def test_nothing_private_appears_anywhere_public(private_world, world, who) -> None:
    # given
    public, hidden = private_world
    client = Client() if who == "anonymous" else world.client_for(getattr(world, who))
    # when
    pages = public_pages(client, public, hidden)
    # then the public one is there, and nothing private is
    assert "congkhai" in pages["index"] and "congkhai" in pages["feed"] and "congkhai" in pages["csv"]
    assert public.public_key in pages["sitemap"]
    assert "library-card" not in pages["search-secret"] + pages["search-notes"]
    if who == "superuser":
        # signed in, "/" is the workspace, not a public page: it lists every unit's drafts to a superuser
        assert "Việc cần làm" in pages.pop("home")
    for name, text in pages.items():
        for secret in SECRETS:
            if who != "anonymous" and name in ("home", "index", "search", "detail") and secret in ("Đỗ Thị Hoa",):
                continue  # the logged-in officer's own name in the header is not a leak
            assert secret not in text, (name, secret)
        for initiative in hidden.values():
            assert initiative.public_key not in text, (name, initiative.title)


def test_the_internal_id_is_never_a_public_address(private_world, client) -> None:
    public, _hidden = private_world
    assert client.get(f"/thu-vien/mo-hinh/{public.pk}/").status_code == 404
    assert client.get("/thu-vien/mo-hinh/khong-co-dau/").status_code == 404


def test_detail_reads_like_a_case_study_with_office_contact(world, client) -> None:
    world.village.contact_office = "Nhà văn hóa Thôn Đoàn Kết, Xã Đông Hòa"
    world.village.contact_phone = "0218 3 852 123"
    world.village.contact_email = "thondoanket@example.gov.vn"
    world.village.save(update_fields=["contact_office", "contact_phone", "contact_email"])
    initiative = recognized(
        world,
        problem="Đường lầy lội mùa mưa.",
        content="Họp dân bàn bạc, công khai đóng góp.",
        results="2,5 km đường, 120 hộ hiến đất.",
        sustainability="Tổ tự quản bảo dưỡng hằng năm.",
    )
    text = body(client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/"))
    for expected in [
        "Đường lầy lội mùa mưa.",
        "Họp dân bàn bạc",
        "120 hộ hiến đất",
        "Tổ tự quản bảo dưỡng",
        "Cấp xã",
        initiative.recognized_on.strftime("%d/%m/%Y"),
        "0218 3 852 123",
        "thondoanket@example.gov.vn",
        "<title>Đường giao thông",
        'name="description" content="Nhân dân hiến đất',
    ]:
        assert expected in text, expected


def test_library_page_query_count(world, client, django_assert_num_queries) -> None:
    for n in range(5):
        historical(world, f"Mô hình đường số {n}", on=datetime.date(2024, 1, n + 1))
    # fields, provinces, is "duong" a whole word, count of all matches, count of those in titles, ids
    # of the page (title tier), rows of the page (with unit, field, province)
    with django_assert_num_queries(7):
        response = client.get("/thu-vien/", {"q": "duong", "province": "P1"})
    assert body(response).count("library-card") == 5
    with django_assert_num_queries(7):  # fields, provinces, count, page ids, rows, exemplary of the year, news
        client.get("/thu-vien/")
    with django_assert_num_queries(6):  # fields, provinces, whole word, count, page ids, rows: by date, one tier
        client.get("/thu-vien/", {"q": "duong", "sort": "date", "page": "2"})


def test_htmx_request_gets_the_results_fragment(world, client) -> None:
    recognized(world)
    text = body(client.get("/thu-vien/", {"q": "dan van"}, headers={"HX-Request": "true"}))
    assert "<mark>Dân</mark>" in text and "<html" not in text


def test_detail_query_count(world, client, django_assert_num_queries) -> None:
    initiative = recognized(world)
    with django_assert_num_queries(6):  # entry, photos, contact, spread by province, public replicas, decisions
        client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/")


def test_feed_is_atom_with_one_query(world, client, django_assert_num_queries) -> None:
    for n in range(3):
        historical(world, f"Mô hình số {n}", on=datetime.date(2024, 1, n + 1))
    with django_assert_num_queries(1):  # rows with unit, field, province
        response = client.get("/thu-vien/tin-moi.atom")
    text = body(response)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert text.count("<entry>") == 3 and "Mô hình số 2" in text


def test_sitemap_lists_public_pages(world, client, django_assert_num_queries) -> None:
    initiative = recognized(world)
    with django_assert_num_queries(2):  # count, rows
        text = body(client.get("/sitemap.xml"))
    assert f"/thu-vien/mo-hinh/{initiative.public_key}/" in text and "/thu-vien/</loc>" in text


def test_csv_export_is_filtered_neutralised_and_counted(world, client, django_assert_num_queries) -> None:
    historical(world, '=HYPERLINK("http://x") mô hình', summary="+1 ô nhiễm; -2 rác; @ghi chú")
    historical(world, "Camera an ninh", on=datetime.date(2023, 1, 1))
    with django_assert_num_queries(5):  # fields, provinces, whole last word, rows found in titles, in texts
        response = client.get("/thu-vien/du-lieu.csv", {"q": "hyperlink"})
        text = body(response)
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1
    assert rows[0]["Tên mô hình, điển hình"] == '\'=HYPERLINK("http://x") mô hình'
    assert rows[0]["Tóm tắt"] == "'+1 ô nhiễm; '-2 rác; '@ghi chú"  # a reader splitting at ";" runs nothing
    assert rows[0]["Mã tỉnh"] == "P1" and rows[0]["Ngày công nhận"] == "2024-05-06"
    # Vietnamese headings, and each code with its label beside it
    assert (rows[0]["Mã loại"], rows[0]["Loại"]) == ("collective", "Mô hình (tập thể)")
    assert rows[0]["Mã cấp công nhận"] in {"commune", "province"}
    assert rows[0]["Cấp công nhận"] == {"commune": "Cấp xã", "province": "Cấp tỉnh"}[rows[0]["Mã cấp công nhận"]]


def test_json_export_matches_the_page(world, client, django_assert_num_queries) -> None:
    historical(world, "Camera an ninh", on=datetime.date(2023, 1, 1))
    recognized(world)
    with django_assert_num_queries(3):  # fields, provinces, rows
        data = json.loads(body(client.get("/thu-vien/du-lieu.json", {"year": "2023", "field": "nope"})))
    assert [item["title"] for item in data["items"]] == ["Camera an ninh"]
    assert set(data["items"][0]) >= {"public_key", "title", "unit", "province", "recognized_level", "replica_count"}
    assert "created_by" not in data["items"][0] and "status" not in data["items"][0]
    assert data["items"][0]["kind_name"] == "Mô hình (tập thể)" and data["items"][0]["recognized_level_name"]
    assert client.get("/thu-vien/du-lieu.xml").status_code == 404


def test_photos_are_served_only_for_public_initiatives(world, client, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    public = recognized(world)
    draft = initiative_create(by=world.officer, data=initiative_data(world, title="Nháp"))

    def attach(initiative, name, kind) -> Attachment:
        return Attachment.objects.create(
            initiative=initiative,
            file=SimpleUploadedFile(name, PNG),
            kind=kind,
            original_name=name,
            size=len(PNG),
            uploaded_by=world.officer,
        )

    photo = attach(public, "anh.png", Attachment.Kind.IMAGE)
    document = attach(public, "bao-cao.pdf", Attachment.Kind.PDF)
    draft_photo = attach(draft, "nhap.png", Attachment.Kind.IMAGE)
    response = client.get(f"/thu-vien/anh/{public.public_key}/{photo.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert f"/thu-vien/anh/{public.public_key}/{photo.pk}/" in body(
        client.get(f"/thu-vien/mo-hinh/{public.public_key}/")
    )
    assert client.get(f"/thu-vien/anh/{public.public_key}/{document.pk}/").status_code == 404
    assert client.get(f"/thu-vien/anh/{draft.public_key}/{draft_photo.pk}/").status_code == 404
    assert client.get(f"/thu-vien/anh/{public.public_key}/{draft_photo.pk}/").status_code == 404


def test_replicate_needs_login(world, client) -> None:
    initiative = recognized(world)
    response = client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/nhan-rong/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts-login"))


def test_officer_replicates_into_their_own_unit(world) -> None:
    original = historical(world, "Mô hình gốc", unit=world.other_commune)
    client = world.client_for(world.officer)
    url = f"/thu-vien/mo-hinh/{original.public_key}/nhan-rong/"
    assert "Thôn Đoàn Kết" in body(client.get(url))
    response = client.post(url, {"unit": world.village.pk, "title": "Mô hình nhân rộng của thôn", "summary": ""})
    assert response.status_code == 302
    replica = Initiative.objects.get(title="Mô hình nhân rộng của thôn")
    assert (replica.replicated_from, replica.status, replica.unit) == (original, Status.DRAFT, world.village)


def test_outsider_cannot_replicate_into_another_unit(world) -> None:
    original = historical(world, "Mô hình gốc")
    client = world.client_for(world.outsider)
    url = f"/thu-vien/mo-hinh/{original.public_key}/nhan-rong/"
    response = client.post(url, {"unit": world.village.pk, "title": "Chiếm chỗ"})
    assert response.status_code == 200
    assert "Hãy chọn một đơn vị trong phạm vi của bạn." in body(response)
    assert not Initiative.objects.filter(title="Chiếm chỗ").exists()


def test_replicate_page_of_a_non_public_initiative_is_404(world) -> None:
    draft = initiative_create(by=world.officer, data=initiative_data(world))
    client = world.client_for(world.officer)
    assert client.get(f"/thu-vien/mo-hinh/{draft.public_key}/nhan-rong/").status_code == 404


def test_home_shows_the_library_to_everyone(world, client) -> None:
    recognized(world)
    text = body(client.get("/"))
    assert "Mới được công nhận" in text and "Thư viện mô hình" in text
    assert PublicEntry.objects.count() == 1


def test_issued_decisions_and_published_news_appear_drafts_do_not(world, client) -> None:
    from danvan.conferences.services import conference_create, news_draft, news_publish
    from tests.awards_helpers import make_decision
    from tests.test_conferences import conference_data

    # given a public initiative commended by an issued decision, and a draft decision
    initiative = historical(world, "Mô hình được khen")
    issued = make_decision(world, awards=[{"initiative": initiative.pk}], issue=True)
    # (a draft of the next year: one achievement gets one award per year)
    make_decision(world, number="99/QĐ-UBND", date=datetime.date(2026, 3, 1), awards=[{"initiative": initiative.pk}])
    # and a conference whose news is published, another whose news is a draft
    published = news_draft(
        by=world.approver, conference=conference_create(by=world.approver, data=conference_data(world))
    )
    published = news_publish(by=world.approver, news=published)
    news_draft(
        by=world.approver,
        conference=conference_create(by=world.approver, data=conference_data(world, title="Hội nghị nháp chưa đăng")),
    )
    # then
    detail = body(client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/"))
    assert f"Quyết định số {issued.number} ngày 15/12/2025" in detail
    assert "99/QĐ-UBND" not in detail
    for page in (body(client.get("/thu-vien/")), body(client.get("/"))):
        assert published.title in page
        assert "Hội nghị nháp chưa đăng" not in page


def test_unit_officer_withholds_an_initiative_outsider_cannot(world, client) -> None:
    initiative = recognized(world)
    url = f"/thu-vien/mo-hinh/{initiative.public_key}/khong-cong-khai/"
    # anonymous: to the login page; outsider: forbidden, and it stays public
    assert client.post(url).status_code == 302
    outsider = world.client_for(world.outsider)
    assert "khong-cong-khai" not in body(outsider.get(f"/thu-vien/mo-hinh/{initiative.public_key}/"))
    assert outsider.post(url, {"reason": "x"}).status_code == 403
    assert PublicEntry.objects.filter(pk=initiative.pk).exists()
    # the village officer sees the button and uses it
    officer = world.client_for(world.officer)
    assert "khong-cong-khai" in body(officer.get(f"/thu-vien/mo-hinh/{initiative.public_key}/"))
    assert officer.post(url, {"reason": "Ảnh có trẻ em"}).status_code == 200  # the confirmation
    assert PublicEntry.objects.filter(pk=initiative.pk).exists()
    assert officer.post(url, {"reason": "Ảnh có trẻ em", "confirmed": "1"}).status_code == 302
    assert not PublicEntry.objects.filter(pk=initiative.pk).exists()
    assert client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/").status_code == 404


def test_the_follow_page_gives_the_feed_address_and_what_it_holds(world, client) -> None:
    """The library links to a page (not to the raw Atom file, which a browser shows as XML) that gives the
    feed's address for a reader and lists what the feed holds now."""
    historical(world, "Camera an ninh", on=datetime.date(2023, 1, 1))
    index = body(client.get("/thu-vien/"))
    assert 'href="/thu-vien/theo-doi/"' in index and 'type="application/atom+xml"' in index
    page = client.get("/thu-vien/theo-doi/")
    text = body(page)
    assert page.status_code == 200 and "http://testserver/thu-vien/tin-moi.atom" in text
    assert "Camera an ninh" in text and 'rel="alternate"' in text
    assert "Camera an ninh" in body(client.get("/thu-vien/tin-moi.atom"))
