from django.contrib import admin

from danvan.library.models import Withheld


@admin.register(Withheld)
class WithheldAdmin(admin.ModelAdmin[Withheld]):
    """Deleting a row here lets the initiative back into the library at its next change
    (or at once with `danvan library_rebuild`)."""

    list_display = ["initiative", "reason", "created_at"]
    raw_id_fields = ["initiative"]
