from django.contrib import admin

from danvan.documents.models import Layout


@admin.register(Layout)
class LayoutAdmin(admin.ModelAdmin[Layout]):
    """What an admin changes when a decree or the Party's guidance changes the layout."""

    list_display = ["code", "name", "updated_at"]
