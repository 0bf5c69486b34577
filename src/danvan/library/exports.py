"""Open data: the public fields of the library as CSV or JSON, filtered like the page, streamed."""

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.exports import neutralise_csv
from danvan.library.models import PublicEntry
from danvan.library.search import clean_filters, clean_sort, filter_choices, public_tiers, query_terms, with_details
from danvan.movements.models import InitiativeKind
from danvan.orgs.models import Level

# Each column's name in the JSON (a code) and its heading in the CSV, which people open in a spreadsheet.
HEADINGS = {
    "public_key": gettext_lazy("Mã công khai"),
    "url": gettext_lazy("Đường dẫn"),
    "title": gettext_lazy("Tên mô hình, điển hình"),
    "kind": gettext_lazy("Mã loại"),
    "kind_name": gettext_lazy("Loại"),
    "field": gettext_lazy("Mã lĩnh vực"),
    "field_name": gettext_lazy("Lĩnh vực"),
    "unit": gettext_lazy("Mã đơn vị"),
    "unit_name": gettext_lazy("Đơn vị"),
    "province": gettext_lazy("Mã tỉnh"),
    "province_name": gettext_lazy("Tỉnh, thành phố"),
    "person_name": gettext_lazy("Họ và tên"),
    "person_position": gettext_lazy("Chức vụ"),
    "year": gettext_lazy("Năm đăng ký"),
    "recognized_level": gettext_lazy("Mã cấp công nhận"),
    "recognized_level_name": gettext_lazy("Cấp công nhận"),
    "recognized_on": gettext_lazy("Ngày công nhận"),
    "exemplary": gettext_lazy("Tiêu biểu"),
    "replica_count": gettext_lazy("Số nơi nhân rộng"),
    "summary": gettext_lazy("Tóm tắt"),
}
COLUMNS = list(HEADINGS)


def public_row(entry: PublicEntry) -> dict[str, Any]:
    """The public fields of one entry: never status history, scores, notes or who typed it."""
    initiative = entry.initiative
    individual = initiative.kind == "individual"
    return {
        "public_key": initiative.public_key,
        "url": f"/thu-vien/mo-hinh/{initiative.public_key}/",
        "title": initiative.title,
        "kind": entry.kind,
        "kind_name": str(InitiativeKind(entry.kind).label),
        "field": entry.field_id,
        "field_name": entry.field.name,
        "unit": initiative.unit.code,
        "unit_name": initiative.unit.name,
        "province": entry.province.code if entry.province else None,
        "province_name": entry.province.name if entry.province else None,
        "person_name": initiative.person_name if individual else "",
        "person_position": initiative.person_position if individual else "",
        "year": initiative.year,
        "recognized_level": entry.recognized_level,
        "recognized_level_name": str(Level(entry.recognized_level).label) if entry.recognized_level else "",
        "recognized_on": entry.recognized_on.isoformat(),
        "exemplary": entry.exemplary,
        "replica_count": entry.replica_count,
        "summary": initiative.summary,
    }


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula starts with an apostrophe instead."""
    return neutralise_csv(value) if isinstance(value, str) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(args: dict[str, str]) -> Iterator[dict[str, Any]]:
    choices = filter_choices()
    _q, terms, _notices = query_terms(args.get("q", ""))
    filters, _ignored = clean_filters(
        choices, **{k: args.get(k, "") for k in ("field", "kind", "level", "province", "year", "exemplary")}
    )
    sort = clean_sort(args.get("sort", ""), terms, [])
    for tier in public_tiers(terms=terms, filters=filters, choices=choices, sort=sort):
        for entry in with_details(tier.rows).iterator(chunk_size=2000):
            yield public_row(entry)


def csv_stream(args: dict[str, str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(HEADINGS[c]) for c in COLUMNS])  # BOM: Excel reads it as UTF-8
    for row in _rows(args):
        yield writer.writerow([neutralise("" if row[c] is None else row[c]) for c in COLUMNS])


def json_stream(args: dict[str, str]) -> Iterator[str]:
    yield '{"items": ['
    first = True
    for row in _rows(args):
        yield ("" if first else ",") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]}"


def export_response(*, fmt: str, **args: str) -> StreamingHttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(csv_stream(args), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = StreamingHttpResponse(json_stream(args), content_type="application/json; charset=utf-8")
    else:
        raise Http404(_("Chỉ có dữ liệu dạng CSV hoặc JSON."))
    response["Content-Disposition"] = f'attachment; filename="thu-vien-mo-hinh-{stamp}.{fmt}"'
    return response
