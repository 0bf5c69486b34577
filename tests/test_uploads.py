"""Uploads on a slow link: the file inputs say what they take and how big, and a request cut short
(an aborted or broken upload) writes nothing — no empty draft, no half file."""

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from PIL import Image

from danvan.imports.models import ImportJob
from danvan.initiatives.models import Attachment, Initiative, InitiativeEvent
from danvan.initiatives.services import initiative_act
from danvan.proposals.models import DossierFile
from tests.conftest import World, registered_initiative
from tests.import_helpers import row, xlsx_bytes
from tests.proposals_helpers import PDF, commune_proposal, three_models
from tests.test_initiatives_views import form_post
from tests.test_proposals_bad_input import page_messages

pytestmark = pytest.mark.django_db

CUT_SHORT = "Dữ liệu gửi lên không trọn vẹn"


def cut_short(client: Client, url: str, fields: dict, keep: float = 0.5):  # type: ignore[no-untyped-def]
    """Post `fields` as the browser would (the file before the buttons, `upload_end` last), but only
    the first `keep` of the body arrives (or, when `keep` is 1, all but the last input's value): what
    Django sees when the sender gives up on the way."""
    body = encode_multipart(BOUNDARY, fields)
    end = body.index(b'name="upload_end"') + len(b'name="upload_end"\r\n\r\n') if keep == 1 else int(len(body) * keep)
    return client.generic("POST", url, body[:end], content_type=MULTIPART_CONTENT)


def media_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def noisy_png() -> SimpleUploadedFile:
    """A photo of noise (about 270 kB: it does not compress), so a cut falls inside the file."""
    out = io.BytesIO()
    Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3)).save(out, format="PNG")
    return SimpleUploadedFile("anh.png", out.getvalue(), content_type="image/png")


def test_a_new_registration_cut_short_leaves_no_draft(world: World) -> None:
    client = world.client_for(world.officer)
    fields = {**form_post(world), "uploads": noisy_png(), "save": "1"}
    fields["upload_end"] = fields.pop("upload_end")  # last, as in the page
    for keep in (0.3, 0.6, 1):
        fields["uploads"].seek(0)
        response = cut_short(client, reverse("initiatives-create"), fields, keep)
        assert response.status_code == 400 and CUT_SHORT in response.content.decode(), keep
    assert not Initiative.objects.exists() and not Attachment.objects.exists() and media_files() == []
    # the same request arriving whole is saved, with its photo
    fields["uploads"].seek(0)
    whole = client.post(reverse("initiatives-create"), fields)
    assert whole.status_code == 302
    assert Initiative.objects.get().attachments.count() == 1


def test_an_edit_or_an_added_file_cut_short_changes_nothing(world: World) -> None:
    initiative = registered_initiative(world)
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Thêm ảnh")
    events, title, files = InitiativeEvent.objects.count(), initiative.title, media_files()
    client = world.client_for(world.officer)
    edit = {**form_post(world, title="Tên đã sửa"), "uploads": noisy_png(), "send": "1"}
    edit["upload_end"] = edit.pop("upload_end")
    response = cut_short(client, reverse("initiatives-edit", args=[initiative.pk]), edit)
    assert response.status_code == 400 and CUT_SHORT in response.content.decode()
    added = {"uploads": noisy_png(), "upload_end": "1"}
    response = cut_short(client, reverse("initiatives-attachment-upload", args=[initiative.pk]), added)
    assert response.status_code == 400 and CUT_SHORT in response.content.decode()
    initiative.refresh_from_db()
    assert (initiative.title, initiative.status) == (title, "returned")
    assert InitiativeEvent.objects.count() == events and Attachment.objects.count() == 1 and media_files() == files


def test_file_inputs_say_what_they_take_and_how_big(world: World) -> None:
    client = world.client_for(world.officer)
    initiative = registered_initiative(world, evidence=False)
    for url in (reverse("initiatives-create"), reverse("initiatives-detail", args=[initiative.pk])):
        page = client.get(url).content.decode()
        file_input = re.search(r'<input type="file"[^>]*>', page).group(0)  # type: ignore[union-attr]
        assert 'accept="image/jpeg,image/png,image/webp,application/pdf,.pdf,.docx' in file_input
        assert f'data-max-bytes="{settings.DANVAN_ATTACHMENT_MAX_BYTES}"' in file_input
        assert "quá giới hạn 10 MB mỗi tệp" in file_input
        # the marker of a whole request is the form's last input
        form = page[page.index(file_input) :]
        form = form[: form.index("</form>")]
        assert form.rstrip().rsplit("<input", 1)[1].startswith(' type="hidden" name="upload_end" value="1"')


# The other forms that carry files: the spreadsheet import, the proposal dossier's signed scans ---------


def padded_pdf(size: int = 300_000) -> SimpleUploadedFile:
    """A PDF long enough (noise in a stream) that a cut falls inside it."""
    return SimpleUploadedFile("to-trinh-da-ky.pdf", PDF + b"%" + os.urandom(size), content_type="application/pdf")


def test_an_import_cut_short_writes_nothing(world: World) -> None:
    client = world.client_for(world.officer)
    sheet = xlsx_bytes([row(title=f"Mô hình số {n}", summary=os.urandom(40).hex()) for n in range(2000)])
    fields = {"file": SimpleUploadedFile("so-lieu.xlsx", sheet), "action": "write", "upload_end": "1"}
    for keep in (0.3, 0.6, 1):
        fields["file"].seek(0)
        response = cut_short(client, reverse("imports-start"), fields, keep)
        assert response.status_code == 400 and CUT_SHORT in response.content.decode(), keep
    assert not ImportJob.objects.exists() and not Initiative.objects.exists() and media_files() == []
    # the same request arriving whole is taken
    fields["file"].seek(0)
    assert client.post(reverse("imports-start"), fields).status_code == 302
    job = ImportJob.objects.get()  # over 100 kB: checked and written in the background
    assert (job.original_name, job.file.size) == ("so-lieu.xlsx", len(sheet))


def test_a_signed_scan_cut_short_writes_nothing(world: World) -> None:
    proposal = commune_proposal(world, three_models(world))
    client = world.client_for(world.commune_approver)
    url = reverse("proposals-upload", args=[proposal.pk])
    fields = {"code": "to_trinh", "file": padded_pdf(), "upload_end": "1"}
    for keep in (0.3, 0.6, 1):
        fields["file"].seek(0)
        response = cut_short(client, url, fields, keep)
        assert response.status_code == 302, keep
        assert CUT_SHORT in page_messages(response), keep
    assert not DossierFile.objects.exists() and media_files() == []
    # the same request arriving whole is stored
    fields["file"].seek(0)
    response = client.post(url, fields)
    assert "Đã tải lên bản ký." in page_messages(response)
    assert list(DossierFile.objects.values_list("code", flat=True)) == ["to_trinh"]


def test_a_spreadsheet_over_the_import_limit_is_refused_on_the_server_too(world: World, settings: Any) -> None:
    settings.DANVAN_IMPORT_MAX_BYTES = 1024 * 1024
    client = world.client_for(world.officer)
    big = SimpleUploadedFile("so-lieu.xlsx", os.urandom(1536 * 1024))
    response = client.post(reverse("imports-start"), {"file": big, "action": "write", "upload_end": "1"})
    assert response.status_code == 400
    assert "Tệp nặng 1,5 MB, lớn hơn giới hạn 1 MB. Hãy chia thành nhiều tệp nhỏ hơn." in response.content.decode()
    assert not ImportJob.objects.exists() and media_files() == []


def _form_of(page: str, file_input: str) -> str:
    form = page[page.index(file_input) :]
    return form[: form.index("</form>")]


@pytest.mark.parametrize(
    "page_of,accept,limit_setting,says",
    [
        (
            lambda world: reverse("imports-start"),
            ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "DANVAN_IMPORT_MAX_BYTES",
            "quá giới hạn 50 MB của một lần nhập: hãy chia bảng tính",
        ),
        (
            lambda world: reverse("proposals-detail", args=[commune_proposal(world, three_models(world)).pk]),
            "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png",
            "DANVAN_ATTACHMENT_MAX_BYTES",
            "quá giới hạn 10 MB mỗi tệp: hãy quét lại với độ phân giải thấp hơn",
        ),
    ],
    ids=["import", "signed-scan"],
)
def test_the_other_file_inputs_say_what_they_take_and_how_big(
    world: World, page_of: Any, accept: str, limit_setting: str, says: str
) -> None:
    page = world.client_for(world.commune_approver).get(page_of(world)).content.decode()
    file_input = re.search(r'<input type="file"[^>]*>', page).group(0)  # type: ignore[union-attr]
    assert f'accept="{accept}"' in file_input
    assert f'data-max-bytes="{getattr(settings, limit_setting)}"' in file_input
    assert says in file_input and "Đang tải lên: {percent}%" in file_input
    form = _form_of(page, file_input)
    assert form.rstrip().rsplit("<input", 1)[1].startswith(' type="hidden" name="upload_end" value="1"')
