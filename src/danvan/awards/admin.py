from django.contrib import admin

from danvan.awards.models import AwardForm


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    """Award forms change with the law (NĐ 152/2025/NĐ-CP): admins keep the list current."""

    list_display = ["code", "name", "certificate_title", "levels", "sort", "active"]
