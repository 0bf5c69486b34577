"""Objects of the public library for the authorisation matrix."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.initiatives.models import Attachment, Initiative
from danvan.initiatives.services import initiative_enter_historical
from tests.conftest import World, initiative_data

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def public_initiative(world: World, title: str) -> Initiative:
    return initiative_enter_historical(
        by=world.superuser,
        data=initiative_data(world, title=title, year=2025),
        status="recognized",
        recognized_level="commune",
        recognized_on=datetime.date(2025, 10, 1),
    )


def library_matrix_objects(world: World, *, actors: int) -> dict[str, Any]:
    """A public initiative of the village with a photo, and one public initiative per actor to
    withhold (withholding takes it out of the library: the next actor needs a fresh one)."""
    public = public_initiative(world, "Mô hình công khai của thôn")
    photo = Attachment.objects.create(
        initiative=public,
        file=SimpleUploadedFile("anh.png", PNG),
        kind=Attachment.Kind.IMAGE,
        original_name="anh.png",
        size=len(PNG),
    )
    to_withhold = [public_initiative(world, f"Mô hình thứ {n}").public_key for n in range(actors)]
    return {"public_key": public.public_key, "photo": photo.pk, "to_withhold": to_withhold}
