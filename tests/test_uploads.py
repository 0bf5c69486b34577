"""Uploads on a slow link: the file inputs say what they take and how big, and a request cut short
(an aborted or broken upload) writes nothing — no empty draft, no half file."""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from PIL import Image

from danvan.initiatives.models import Attachment, Initiative, InitiativeEvent
from danvan.initiatives.services import initiative_act
from tests.conftest import World, registered_initiative
from tests.test_initiatives_views import form_post

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
    events, title = InitiativeEvent.objects.count(), initiative.title
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
    assert InitiativeEvent.objects.count() == events and not Attachment.objects.exists() and media_files() == []


def test_file_inputs_say_what_they_take_and_how_big(world: World) -> None:
    client = world.client_for(world.officer)
    initiative = registered_initiative(world)
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
