"""Attachments: the type from the bytes, re-encoded photos, gated downloads with safe headers."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.initiatives.files import prepare_upload
from danvan.initiatives.models import Attachment
from danvan.initiatives.services import attachment_add, attachments_add, initiative_act, initiative_create
from tests.conftest import initiative_data, registered_initiative


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh bí mật"  # Make
    exif[0x0132] = "2026:01:01 10:00:00"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def word_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_photo_is_reencoded_without_metadata_and_gets_a_thumbnail() -> None:
    prepared = prepare_upload(SimpleUploadedFile("IMG_0001.JPG", jpeg_with_exif()))
    assert prepared.kind == Attachment.Kind.IMAGE and prepared.extension == "jpg"
    with Image.open(io.BytesIO(prepared.content)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    with Image.open(io.BytesIO(prepared.thumbnail)) as thumb:
        assert max(thumb.size) <= 480


def test_webp_is_accepted_and_stored_as_jpeg() -> None:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "yellow").save(out, format="WEBP")
    prepared = prepare_upload(SimpleUploadedFile("anh.webp", out.getvalue()))
    assert prepared.extension == "jpg"


def test_a_script_named_like_a_photo_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        prepare_upload(SimpleUploadedFile("anh.png", b"<script>alert(1)</script>"))
    assert "không phải ảnh" in exc.value.messages[0]


def test_a_broken_png_is_refused_clearly() -> None:
    header = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    with pytest.raises(ValidationError) as exc:
        prepare_upload(SimpleUploadedFile("anh.png", header))
    assert "bị hỏng" in exc.value.messages[0]


def test_word_and_pdf_are_kept_as_they_came() -> None:
    word = prepare_upload(SimpleUploadedFile("bao-cao.docx", word_bytes("Báo cáo kết quả mô hình")))
    assert (word.kind, word.extension) == (Attachment.Kind.WORD, "docx")
    pdf = prepare_upload(SimpleUploadedFile("quyet-dinh.bin", PDF))
    assert (pdf.kind, pdf.extension) == (Attachment.Kind.PDF, "pdf")


def test_stored_word_file_reads_back_and_downloads_with_safe_headers(world) -> None:
    # given
    initiative = registered_initiative(world, evidence=False)
    prepared = prepare_upload(SimpleUploadedFile("Báo cáo.docx", word_bytes("Kết quả: 2,5 km đường")))
    attachment = attachment_add(by=world.officer, initiative=initiative, prepared=prepared)
    # when
    response = world.client_for(world.commune_reviewer).get(reverse("initiatives-attachment", args=[attachment.pk]))
    # then
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    content = b"".join(response.streaming_content)
    assert docx.Document(io.BytesIO(content)).paragraphs[0].text == "Kết quả: 2,5 km đường"
    assert attachment.file.name.endswith(".docx") and "Báo cáo" not in attachment.file.name


def test_photo_is_shown_inline_with_its_thumbnail(world) -> None:
    initiative = registered_initiative(world, evidence=False)
    attachment = attachment_add(
        by=world.officer, initiative=initiative, prepared=prepare_upload(SimpleUploadedFile("a.jpg", jpeg_with_exif()))
    )
    client = world.client_for(world.officer)
    response = client.get(reverse("initiatives-thumbnail", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    body = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert reverse("initiatives-thumbnail", args=[attachment.pk]) in body
    assert initiative.events.filter(action="attach").exists()


def test_outsider_cannot_download_or_remove(world) -> None:
    initiative = initiative_create(by=world.officer, data=initiative_data(world))
    attachment = attachment_add(
        by=world.officer, initiative=initiative, prepared=prepare_upload(SimpleUploadedFile("a.pdf", PDF))
    )
    client = world.client_for(world.outsider)
    assert client.get(reverse("initiatives-attachment", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("initiatives-thumbnail", args=[attachment.pk])).status_code == 404
    assert client.post(reverse("initiatives-attachment-remove", args=[attachment.pk])).status_code == 404
    upload = SimpleUploadedFile("b.pdf", PDF)
    assert (
        client.post(
            reverse("initiatives-attachment-upload", args=[initiative.pk]), {"upload_end": "1", "uploads": [upload]}
        ).status_code
        == 404
    )
    assert Attachment.objects.count() == 1


def test_upload_and_remove_on_the_detail_page(world, django_capture_on_commit_callbacks) -> None:
    initiative = registered_initiative(world, evidence=False)
    client = world.client_for(world.officer)
    response = client.post(
        reverse("initiatives-attachment-upload", args=[initiative.pk]),
        {"upload_end": "1", "uploads": [SimpleUploadedFile("qd.pdf", PDF)]},
    )
    assert response.status_code == 302
    attachment = initiative.attachments.get()
    name = attachment.file.name
    storage = attachment.file.storage
    assert storage.exists(name)
    # the first press asks, naming the file; nothing is removed yet
    asked = client.post(reverse("initiatives-attachment-remove", args=[attachment.pk])).content.decode()
    assert "Tệp “qd.pdf” sẽ bị gỡ khỏi hồ sơ" in asked and "không khôi phục được" in asked
    assert storage.exists(name) and initiative.attachments.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("initiatives-attachment-remove", args=[attachment.pk]), {"confirmed": "1"})
    assert response.status_code == 302
    assert not storage.exists(name)
    assert not initiative.attachments.exists()
    assert initiative.events.filter(action="detach", note="qd.pdf").exists()


def test_no_files_once_under_review(world) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    with pytest.raises(PermissionDenied):
        attachments_add(
            by=world.officer, initiative=initiative, files=[prepare_upload(SimpleUploadedFile("a.pdf", PDF))]
        )
    response = world.client_for(world.officer).post(
        reverse("initiatives-attachment-upload", args=[initiative.pk]),
        {"upload_end": "1", "uploads": [SimpleUploadedFile("qd.pdf", PDF)]},
    )
    assert response.status_code == 403


def test_a_file_gone_from_storage_is_a_404_not_a_500(world) -> None:
    initiative = registered_initiative(world, evidence=False)
    attachment = attachment_add(
        by=world.officer, initiative=initiative, prepared=prepare_upload(SimpleUploadedFile("a.pdf", PDF))
    )
    attachment.file.storage.delete(attachment.file.name)
    response = world.client_for(world.officer).get(reverse("initiatives-attachment", args=[attachment.pk]))
    assert response.status_code == 404


def test_a_viewer_in_scope_cannot_upload(world) -> None:
    initiative = registered_initiative(world, evidence=False)
    response = world.client_for(world.viewer).post(
        reverse("initiatives-attachment-upload", args=[initiative.pk]),
        {"upload_end": "1", "uploads": [SimpleUploadedFile("a.pdf", PDF)]},
    )
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_uploading_nothing_says_what_to_do(world) -> None:
    initiative = registered_initiative(world, evidence=False)
    response = world.client_for(world.officer).post(
        reverse("initiatives-attachment-upload", args=[initiative.pk]), {"upload_end": "1"}
    )
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một ảnh hoặc tài liệu" in response.content.decode()
