"""The measures of ../shared/API.md, shipped as data (an admin adds more or rewords them). Names and
phrases are marked for translation; a name an admin writes is shown as written."""

from typing import Any

from django.utils.translation import gettext_noop

DEFAULT_MEASURES = [
    ("land_m2", gettext_noop("Đất hiến"), "m²", gettext_noop("vận động hiến {value} m² đất"), 10),
    ("money_vnd", gettext_noop("Kinh phí huy động"), gettext_noop("đồng"),
     gettext_noop("huy động {value} đồng"), 20),
    ("workdays", gettext_noop("Ngày công"), gettext_noop("ngày công"), gettext_noop("góp {value} ngày công"), 30),
    ("households_out_of_poverty", gettext_noop("Hộ thoát nghèo"), gettext_noop("hộ"),
     gettext_noop("giúp {value} hộ thoát nghèo"), 40),
    ("beneficiaries", gettext_noop("Người hưởng lợi"), gettext_noop("người"),
     gettext_noop("mang lại lợi ích cho {value} người"), 50),
]  # fmt: skip


def load_defaults(apps: Any) -> None:
    """Idempotent; called by the data migration with historical models."""
    Measure = apps.get_model("measures", "Measure")
    for code, name, unit_label, phrase, sort in DEFAULT_MEASURES:
        Measure.objects.get_or_create(
            code=code, defaults={"name": name, "unit_label": unit_label, "phrase": phrase, "sort": sort}
        )
