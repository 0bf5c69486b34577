from django.contrib import admin

from danvan.orgs.models import Membership, Unit, UnitKind


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "sort"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "level", "valid_to"]
    search_fields = ["code", "name", "name_folded"]
    list_filter = ["kind", "level"]
    raw_id_fields = ["parent", "successor"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    raw_id_fields = ["user", "unit"]
