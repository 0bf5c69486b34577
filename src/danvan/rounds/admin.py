from django.contrib import admin

from danvan.rounds.models import Indicator, IndicatorSet


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fk_name = "indicator_set"
    extra = 1
    fields = ["code", "name", "unit_label", "numerator", "denominator", "sort"]


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    inlines = [IndicatorInline]
