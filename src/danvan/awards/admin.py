from django.contrib import admin

from danvan.awards.models import AwardForm, AwardRule


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    """Award forms change with the law (NĐ 152/2025/NĐ-CP): admins keep the list current."""

    list_display = ["code", "name", "certificate_title", "levels", "sort", "active"]


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    """What the decree in force asks of each form: issuer level, vote threshold over all council members,
    dossier, legal bases, thematic or not; each rule dated and naming its article."""

    list_display = ["award_form", "valid_from", "valid_to", "issuer_level", "vote_threshold", "thematic", "article"]
    list_filter = ["award_form", "thematic"]
