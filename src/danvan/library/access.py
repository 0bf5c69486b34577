"""The only way to fetch a public object by what a visitor puts in a URL: the public key of an
initiative (never its internal id). Anything not in the public library is a 404."""

from django.http import Http404
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.initiatives.models import Attachment
from danvan.library.models import PublicEntry


def access_public_entry(*, public_key: str) -> PublicEntry:
    entry = (
        PublicEntry.objects.select_related("initiative__unit", "initiative__programme", "field", "province")
        .filter(initiative__public_key=str(public_key)[:32])
        .first()
    )
    if entry is None:
        raise Http404(_("Không có mô hình công khai nào ở địa chỉ này."))
    return entry


def access_public_image(*, public_key: str, attachment_id: int | str) -> Attachment:
    """A photo of a public initiative; documents and files of other initiatives are never served."""
    visible = Attachment.objects.filter(
        kind=Attachment.Kind.IMAGE,
        initiative__public_key=str(public_key)[:32],
        initiative__library_entry__isnull=False,
    ).only("file", "thumbnail", "original_name")
    return get_visible_or_404(visible, attachment_id, not_found=_("Không có ảnh này."))
