"""Checking and preparing an uploaded attachment: the real type from the bytes, never the name.

Photos are decoded and re-encoded with Pillow (which drops EXIF, GPS and any payload hidden
after the image) and get a thumbnail; PDF and Word files are stored as they came and are only
ever served as downloads.
"""

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from danvan.core.formatting import vn_number
from danvan.initiatives.models import Attachment

THUMBNAIL_SIZE = (480, 480)

# detected MIME type → (kind, stored extension, content type served)
ACCEPTED = {
    "image/jpeg": (Attachment.Kind.IMAGE, "jpg", "image/jpeg"),
    "image/png": (Attachment.Kind.IMAGE, "png", "image/png"),
    "image/webp": (Attachment.Kind.IMAGE, "jpg", "image/jpeg"),
    "application/pdf": (Attachment.Kind.PDF, "pdf", "application/pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        Attachment.Kind.WORD,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": ACCEPTED["application/vnd.openxmlformats-officedocument.wordprocessingml.document"][2],
}


@dataclass
class PreparedFile:
    """An upload that passed every check, ready to be stored."""

    kind: str
    extension: str
    content: bytes
    thumbnail: bytes | None
    original_name: str


def max_bytes() -> int:
    return int(settings.DANVAN_ATTACHMENT_MAX_BYTES)


def prepare_upload(upload: UploadedFile) -> PreparedFile:
    """Check one upload and return what to store; raises ValidationError with a Vietnamese message."""
    name = (upload.name or "tep").rsplit("/", 1)[-1][:200]
    size = upload.size or 0
    if size > max_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn %(limit)s MB. Hãy nén ảnh hoặc chia nhỏ tệp.")
            % {"name": name, "size": vn_number(size / 1024 / 1024, 1), "limit": vn_number(max_bytes() / 1024 / 1024)}
        )
    if size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng. Hãy chọn lại tệp.") % {"name": name})
    upload.seek(0)
    content = upload.read()
    kind = filetype.guess(content[:8192])
    accepted = ACCEPTED.get(kind.mime) if kind is not None else None
    if accepted is None:
        raise ValidationError(
            _("Tệp “%(name)s” không phải ảnh (JPEG, PNG, WebP), PDF hoặc Word (.docx). Hãy chọn đúng loại tệp.")
            % {"name": name}
        )
    attachment_kind, extension, _content_type = accepted
    if attachment_kind != Attachment.Kind.IMAGE:
        return PreparedFile(attachment_kind, extension, content, None, name)
    image_bytes, thumbnail = _reencode_image(content, extension, name)
    return PreparedFile(attachment_kind, extension, image_bytes, thumbnail, name)


def _reencode_image(content: bytes, extension: str, name: str) -> tuple[bytes, bytes]:
    broken = ValidationError(
        _("Không đọc được ảnh “%(name)s”: tệp bị hỏng. Hãy chụp hoặc chọn lại ảnh.") % {"name": name}
    )
    try:
        with Image.open(io.BytesIO(content)) as probe:
            width, height = probe.size
            if width * height > settings.DANVAN_IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh “%(name)s” quá lớn (%(w)s × %(h)s điểm ảnh). Hãy thu nhỏ ảnh rồi tải lên lại.")
                    % {"name": name, "w": width, "h": height}
                )
            probe.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise broken from None
    keep_alpha = extension == "png"
    picture = upright.convert("RGBA" if keep_alpha and upright.mode in ("RGBA", "LA", "P") else "RGB")
    out = io.BytesIO()
    if extension == "png":
        picture.save(out, format="PNG", optimize=True)
    else:
        picture.save(out, format="JPEG", quality=85, optimize=True)
    thumb = picture.convert("RGB")
    thumb.thumbnail(THUMBNAIL_SIZE)
    thumb_out = io.BytesIO()
    thumb.save(thumb_out, format="JPEG", quality=80)
    return out.getvalue(), thumb_out.getvalue()


def content_type_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension, "application/octet-stream")
