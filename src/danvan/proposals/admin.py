from django.contrib import admin

from danvan.proposals.models import Council, CouncilMember


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    """Councils (Hội đồng Thi đua - Khen thưởng) of units and their members."""

    list_display = ["name", "unit", "active"]
    inlines = [CouncilMemberInline]
