from django.contrib import admin

from danvan.measures.models import Measure


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_label", "active", "sort"]
