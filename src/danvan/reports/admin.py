from django.contrib import admin

from danvan.reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ["pk", "unit", "year_from", "year_to", "format", "layout", "status", "created_at"]
    list_filter = ["status", "format", "layout"]
    raw_id_fields = ["unit", "owner"]
