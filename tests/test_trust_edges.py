"""Issue 17, points 4, 5, 8 and 10: usernames, public pages fed junk, the Atom feed, superusers and
drafts, the API's contract, spreadsheet formulas, sheets that unpack huge, GETs that write, thumbnails,
and the proxy header."""

import datetime
import io
import json
import os
import random
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.services import RoleGrant, user_create
from danvan.conferences.models import ConferenceNews
from danvan.core.exports import Column, csv_response, neutralise_csv
from danvan.imports.reading import ImportFileError, check_container
from danvan.initiatives.access import access_initiative, initiatives_visible_to
from danvan.initiatives.files import prepare_upload
from danvan.initiatives.services import attachment_add, initiative_create
from danvan.orgs.models import Role
from tests.api_helpers import ApiClient
from tests.awards_helpers import matrix_objects
from tests.conftest import World, initiative_data, make_user, registered_initiative
from tests.library_helpers import library_matrix_objects
from tests.test_authz_matrix import ROUTES, public
from tests.test_library import historical

pytestmark = pytest.mark.django_db

BAD_USERNAMES = ["a/b", "có dấu", "hai từ", "<script>", "аdmin", "ad\u200fmin", "quản🙂", "x\u0000y"]


# Point 4: usernames ---------------------------------------------------------------------------


@pytest.mark.parametrize("username", BAD_USERNAMES)
def test_usernames_are_checked_on_every_path(world: World, username: str) -> None:
    grant = [RoleGrant(unit=world.village, role=Role.OFFICER)]
    users_before = User.objects.count()
    with pytest.raises(ValidationError) as caught:
        user_create(by=world.province_admin, username=username, full_name="A", password="Dan-van-kheo-2026!",
                    roles=grant)  # fmt: skip
    assert "chữ cái không dấu" in " ".join(caught.value.message_dict["username"])
    body = {"username": username, "full_name": "A", "password": "Dan-van-kheo-2026!",
            "roles": [{"unit": "C1-V1", "role": "officer"}]}  # fmt: skip
    response = ApiClient(world.province_admin).post("/users", body)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "username"
    form = {"username": username, "full_name": "A", "password": "Dan-van-kheo-2026!", "unit": "C1-V1",
            "role": "officer"}  # fmt: skip
    page = world.client_for(world.province_admin).post(reverse("accounts-user-create"), form)
    assert page.status_code == 200  # the form again, with the reason (Django's own for a NUL)
    assert "\x00" in username or "chữ cái không dấu" in page.content.decode()
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("createsuperuser", username=username, email="", interactive=False, stdout=StringIO())
    assert User.objects.count() == users_before  # (a NUL cannot even be queried on PostgreSQL)


def test_a_stored_name_from_before_the_rule_still_opens_its_page(world: World) -> None:
    odd = make_user("xa/canbo cũ", "Người cũ", (world.village, Role.OFFICER))  # written before names were checked
    client = world.client_for(world.province_admin)
    listing = client.get(reverse("accounts-user-list"))
    assert listing.status_code == 200
    detail = client.get(reverse("accounts-user-detail", args=[odd.pk]))
    assert detail.status_code == 200 and "xa/canbo cũ" in detail.content.decode()
    assert f'href="/nguoi-dung/{odd.pk}/"' in listing.content.decode()


# Point 5: every public route answers junk without a 500 ----------------------------------------

JUNK = ["a/b", "%", "\u0000", "../../etc/passwd", "<script>alert(1)</script>", "9" * 40, "-1", "2025-13-45",
        "' OR 1=1 --", "ＡＢＣ", "\ud800"[:0] + "x" * 3000, "1e999", "null", "[]"]  # fmt: skip
PARAMS = ["ma", "q", "page", "field", "kind", "level", "province", "year", "exemplary", "sort", "nho", "next",
          "format", "nam", "ky", "tu", "den", "giai_doan", "unit", "replicated_from"]  # fmt: skip


def test_every_public_route_answers_any_query_string(world: World) -> None:
    objects: dict[str, Any] = {"unit": world.village, "world": world}
    objects.update(matrix_objects(world))
    objects.update(library_matrix_objects(world, actors=1))
    routes = {name: r for name, r in ROUTES.items() if r.policy is public and r.method == "get"}
    assert "awards-verify-lookup" in routes and "library-index" in routes and len(routes) >= 10
    client = Client()
    failures = []
    for name, route in routes.items():
        path = route.path(objects)
        for value in JUNK:
            for query in (dict.fromkeys(PARAMS, value), {"ma": value}, {"q": [value, value], "page": value}):
                response = client.get(path, query)
                if response.status_code >= 500:
                    failures.append(f"{name} {path} {query}: {response.status_code}")
    assert not failures, "\n".join(failures[:20])
    # The certificate lookup: a "/" in what was typed is dropped, the code still found or not.
    response = client.get("/khen-thuong/xac-thuc/", {"ma": "a/b"})
    assert response.status_code == 302 and response["Location"] == "/khen-thuong/xac-thuc/AB/"
    assert client.get("/khen-thuong/xac-thuc/", {"ma": "///"}).status_code == 404


# Point 8: the Atom feed carries user text as text ------------------------------------------------


def test_the_feed_declares_summaries_as_text(world: World, client: Client) -> None:
    historical(world, "Mô hình <b>đậm</b>", on=datetime.date(2024, 1, 2))
    text = client.get("/thu-vien/tin-moi.atom").content.decode()
    assert 'type="html"' not in text
    assert '<summary type="text">' in text and "&lt;b&gt;đậm&lt;/b&gt;" in text


# Point 10 -----------------------------------------------------------------------------------


def test_superusers_see_drafts(world: World) -> None:
    draft = initiative_create(by=world.officer, data=initiative_data(world))
    assert draft.status == "draft"
    assert initiatives_visible_to(world.superuser).filter(pk=draft.pk).exists()
    assert access_initiative(user=world.superuser, initiative_id=draft.pk) == draft
    assert world.client_for(world.superuser).get(reverse("initiatives-detail", args=[draft.pk])).status_code == 200
    assert not initiatives_visible_to(world.commune_reviewer).filter(pk=draft.pk).exists()


def _schema() -> dict[str, Any]:
    return json.loads(Client().get("/api/v1/openapi.json").content)


def _body_schema(schema: dict[str, Any], path: str) -> dict[str, Any]:
    ref = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]


def test_the_api_schema_refuses_what_the_api_refuses(world: World) -> None:
    schema = _schema()
    initiative = _body_schema(schema, "/api/v1/initiatives")
    assert initiative["year"]["minimum"] == 2010 and initiative["year"]["maximum"] == timezone.localdate().year + 1
    assert initiative["title"]["pattern"] == "^[^\\x00]*$"
    assert initiative["unit"]["minLength"] == 1 and initiative["unit"]["pattern"] == "^[^\\s\\x00]+$"
    report = _body_schema(schema, "/api/v1/reports")
    year_from = next(s for s in report["year_from"]["anyOf"] if s["type"] == "integer")  # optional: date_from
    assert year_from["minimum"] == 2010
    users = _body_schema(schema, "/api/v1/users")
    assert users["username"]["pattern"] == "^[A-Za-z0-9.@+_-]+$"
    # The inputs that were schema-valid and refused are now refused by the schema, with its message.
    api = ApiClient(world.officer)
    body = {"title": "Tên", "kind": "collective", "field": "economy", "unit": "C1-V1", "year": 2025}
    for change, field in [({"year": 1900}, "year"), ({"unit": ""}, "unit"), ({"field": " "}, "field"),
                          ({"title": "a\u0000b"}, "title"), ({"summary": "\u0000"}, "summary")]:  # fmt: skip
        response = api.post("/initiatives", {**body, **change})
        assert response.status_code == 400, (change, response.content)
        assert response.json()["errors"][0]["field"] == field
    assert api.get("/initiatives", unit="").status_code == 200  # an empty filter is no filter
    # Report files are documented with their real media types.
    content = schema["paths"]["/api/v1/reports/{id}/file"]["get"]["responses"]["200"]["content"]
    assert "application/octet-stream" not in content
    assert {"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} == set(content)  # fmt: skip


def test_csv_neutralises_every_place_a_reader_may_start_a_cell() -> None:
    assert neutralise_csv("x;=1+1") == "x;'=1+1"
    assert neutralise_csv("=1+1") == "'=1+1"
    assert neutralise_csv("a,b\t+c\n-d; @e") == "a,b\t'+c\n'-d; '@e"
    assert neutralise_csv("Kinh tế - xã hội; 2.500 m²") == "Kinh tế - xã hội; 2.500 m²"
    response = csv_response([{"t": 'Thôn A;=HYPERLINK("http://x")'}], [Column("T", lambda r: r["t"])], "x")
    text = b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    assert ";'=HYPERLINK" in text and ";=HYPERLINK" not in text


def test_a_sheet_whose_strings_unpack_huge_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", '<worksheet><dimension ref="A1:A2"/></worksheet>')
        # 3.6 MB of text that packs 106 times: under the whole file's limits (200 times), over the strings'.
        rng = random.Random(1)
        text = "".join("".join(rng.choices("abcdefghijklmnop", k=12)) + "A" * 1200 for _ in range(3000))
        archive.writestr("xl/sharedStrings.xml", f"<sst><si><t>{text}</t></si></sst>")
    with pytest.raises(ImportFileError) as caught:
        check_container(path)
    assert "Phần chữ của bảng tính giải nén ra" in caught.value.message


def test_get_of_the_news_page_writes_nothing(world: World) -> None:
    conference = matrix_objects(world)["conference"]
    ConferenceNews.objects.filter(conference=conference).delete()
    client = world.client_for(world.officer)
    page = client.get(reverse("conferences-news-edit", args=[conference.pk]))
    assert page.status_code == 200 and conference.title in page.content.decode()
    assert not ConferenceNews.objects.filter(conference=conference).exists()
    saved = client.post(reverse("conferences-news-edit", args=[conference.pk]),
                        {"action": "save", "title": "Tin đã sửa", "body": "Nội dung"})  # fmt: skip
    assert saved.status_code == 302
    assert ConferenceNews.objects.get(conference=conference).title == "Tin đã sửa"


def test_a_pdfs_thumbnail_is_served_as_the_pdf(world: World) -> None:
    initiative = registered_initiative(world)
    pdf = prepare_upload(SimpleUploadedFile("Báo cáo.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
    attachment = attachment_add(by=world.officer, initiative=initiative, prepared=pdf)
    response = world.client_for(world.officer).get(reverse("initiatives-thumbnail", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "anh-nho.jpg" not in response["Content-Disposition"] and ".pdf" in response["Content-Disposition"]
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(out, format="PNG")
    photo = attachment_add(by=world.officer, initiative=initiative,
                           prepared=prepare_upload(SimpleUploadedFile("anh.png", out.getvalue())))  # fmt: skip
    thumb = world.client_for(world.officer).get(reverse("initiatives-thumbnail", args=[photo.pk]))
    assert thumb["Content-Type"].startswith("image/") and "anh-nho." in thumb["Content-Disposition"]


def _production_setting(env: dict[str, str], name: str) -> str:
    code = f"import danvan.settings as s; print(repr(getattr(s, {name!r}, None)))"
    full = {**os.environ, "DANVAN_ENV": "production", "SECRET_KEY": "x" * 50, **env}
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip


def test_production_trusts_x_forwarded_proto_only_when_told() -> None:
    assert _production_setting({}, "SECURE_PROXY_SSL_HEADER") == "None"
    trusted = _production_setting({"TRUSTED_PROXY": "1"}, "SECURE_PROXY_SSL_HEADER")
    assert trusted == "('HTTP_X_FORWARDED_PROTO', 'https')"


# Point 6: lockout per account and per address --------------------------------------------------


def _login(client: Client, username: str, password: str, address: str) -> Any:
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_lock_the_account_from_every_address(world: World, settings: Any) -> None:
    from tests.conftest import PASSWORD

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "thon.canbo", "sai", "10.0.0.1")
    response = _login(Client(), "thon.canbo", PASSWORD, "10.0.0.2")
    assert response.status_code == 429 and "tạm thời bị khóa" in response.content.decode()


def test_guesses_spread_over_many_addresses_still_lock_the_account(world: World) -> None:
    from tests.conftest import PASSWORD

    for n in range(40):
        _login(Client(), "xa.pheduyet", f"doan-{n}", f"10.0.1.{n % 10}")
    assert _login(Client(), "xa.pheduyet", PASSWORD, "10.0.2.1").status_code == 429
    # Another account from a clean address is not affected.
    assert _login(Client(), "thon.canbo", PASSWORD, "10.0.2.2").status_code == 302


def test_one_address_trying_many_accounts_is_locked(world: World, settings: Any) -> None:
    from tests.conftest import PASSWORD

    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), f"khong.co.{n}", "sai", "10.0.3.1")
    assert _login(Client(), "thon.canbo", PASSWORD, "10.0.3.1").status_code == 429
    assert _login(Client(), "thon.canbo", PASSWORD, "10.0.3.2").status_code == 302
