from django.contrib import admin

from danvan.movements.models import CriteriaSet, Criterion, Field, Movement, Programme


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "programme", "pass_mark", "active"]
    inlines = [CriterionInline]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sort", "active"]


admin.site.register(Movement)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "issuer", "start", "end"]
    raw_id_fields = ["issuer"]
