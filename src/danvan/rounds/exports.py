"""The Excel of a round: one row per unit asked, its status and every figure (rates computed), and a
last row with the totals of what was sent."""

from collections.abc import Callable
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _

from danvan.core.amounts import json_amount
from danvan.core.exports import Column, xlsx_response
from danvan.core.formatting import data_name
from danvan.rounds import selectors
from danvan.rounds.models import ReportingRound


def round_workbook(the_round: ReportingRound) -> FileResponse:
    indicators = selectors.round_indicators(the_round)
    rows: list[dict[str, Any]] = [
        {
            "code": s.unit.code,
            "name": s.unit.name,
            "status": s.get_status_display(),
            "sent_at": s.sent_at,
            "late": s.late,
            "values": values,
        }
        for s, values in selectors.round_rows(the_round, indicators)
    ]
    rows.append({"code": "", "name": _("Tổng cộng (các báo cáo đã gửi)"), "status": "", "sent_at": None,
                 "late": False, "values": selectors.round_totals(the_round, indicators=indicators)})  # fmt: skip
    columns = [
        Column(_("Mã đơn vị"), lambda r: r["code"]),
        Column(_("Đơn vị"), lambda r: r["name"]),
        Column(_("Trạng thái"), lambda r: r["status"]),
        Column(_("Gửi lúc"), lambda r: r["sent_at"]),
        Column(_("Gửi muộn"), lambda r: r["late"]),
    ]
    for indicator in indicators:
        header = data_name(indicator.name)
        if indicator.unit_label:
            header = f"{header} ({data_name(indicator.unit_label)})"
        columns.append(Column(header, _value_of(indicator.code)))
    return xlsx_response(rows, columns, f"dot-bao-cao-{the_round.pk}", _("Tổng hợp"))


def _value_of(code: str) -> Callable[[dict[str, Any]], int | float | None]:
    def value(row: dict[str, Any]) -> int | float | None:
        found = row["values"].get(code)
        return None if found is None else json_amount(found)

    return value
