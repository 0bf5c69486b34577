"""The measured results said in Vietnamese, as the report and the dashboard state them:
"vận động hiến 2.000 m² đất, huy động 84.500.000 đồng và góp 1.200 ngày công"."""

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from danvan.core.amounts import vn_amount
from danvan.core.formatting import data_name
from danvan.measures.models import Measure


def measure_phrase(measure: Measure, value: Decimal | int) -> str:
    number = vn_amount(value)
    if measure.phrase and "{value}" in measure.phrase:
        return data_name(measure.phrase).replace("{value}", number)
    unit = f" {data_name(measure.unit_label)}" if measure.unit_label else ""
    return f"{data_name(measure.name).lower()} {number}{unit}"


def join_phrases(parts: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s và %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def measures_sentence(totals: Mapping[str, Decimal | int], measures: list[Measure] | None = None) -> str:
    """The non-zero totals in the measures' order, joined as one clause (empty when all are zero)."""
    measures = list(Measure.objects.all()) if measures is None else measures
    parts = [measure_phrase(m, totals[m.code]) for m in measures if totals.get(m.code)]
    return join_phrases(parts)
