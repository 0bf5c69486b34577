"""Load the real unit tree from the `vietnam-provinces` package, idempotently.

Codes (national statistics codes) are stable; names change, so a second run renames and
re-links, and never duplicates. Today's units: central root "VN", 34 provinces ("01"), 3,321
communes ("00004"). Before 1 July 2025: 63 provinces ("L01", L for legacy, since their numbers
are reused by today's provinces) and 696 districts ("001"), valid until 30/06/2025, each with
its successor: the province that took it over.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_noop
from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Province as LegacyProvince

from danvan.core.text import fold, nfc
from danvan.orgs.models import Level, Unit, UnitKind

REFORM_DAY = datetime.date(2025, 7, 1)
LAST_LEGACY_DAY = datetime.date(2025, 6, 30)
ROOT_CODE = "VN"

# (code, name, level, sort). Names are Vietnamese data; an admin may rename them.
UNIT_KINDS = [
    ("central", gettext_noop("Trung ương"), Level.CENTRAL, 10),
    ("province", gettext_noop("Tỉnh, thành phố"), Level.PROVINCE, 20),
    ("district", gettext_noop("Quận, huyện, thị xã (trước 01/7/2025)"), Level.DISTRICT, 30),
    ("commune", gettext_noop("Xã, phường, đặc khu"), Level.COMMUNE, 40),
    ("village", gettext_noop("Thôn, ấp, bản, tổ dân phố"), "", 50),
    ("agency", gettext_noop("Cơ quan, đơn vị"), "", 60),
    ("front", gettext_noop("Mặt trận Tổ quốc"), "", 70),
    ("association", gettext_noop("Đoàn thể, hội"), "", 80),
    ("party_cell", gettext_noop("Chi bộ, đảng bộ"), "", 90),
    ("enterprise", gettext_noop("Doanh nghiệp"), "", 100),
    ("armed_forces", gettext_noop("Lực lượng vũ trang"), "", 110),
]


def legacy_province_code(code: int) -> str:
    return f"L{code:02d}"


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Row:
    code: str
    name: str
    kind: str
    parent: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str | None = None


def _rows() -> list[_Row]:
    rows = [_Row(ROOT_CODE, "Trung ương", "central", None, None, None)]
    rows += [_Row(f"{int(p.code):02d}", p.name, "province", ROOT_CODE, REFORM_DAY, None) for p in Province.iter_all()]
    rows += [
        _Row(f"{int(w.code):05d}", w.name, "commune", f"{int(w.province_code):02d}", REFORM_DAY, None)
        for w in Ward.iter_all()
    ]
    successor_of_legacy: dict[int, str] = {}
    for province in Province.iter_all():
        for source in province.get_legacy_sources():
            successor_of_legacy[int(source.code)] = f"{int(province.code):02d}"
    for legacy in LegacyProvince.iter_all():
        code = int(legacy.code)
        rows.append(
            _Row(
                legacy_province_code(code),
                legacy.name,
                "province",
                ROOT_CODE,
                None,
                LAST_LEGACY_DAY,
                successor_of_legacy.get(code),
            )
        )
    for district in LegacyDistrict.iter_all():
        province_code = int(district.province_code)
        rows.append(
            _Row(
                f"{int(district.code):03d}",
                district.name,
                "district",
                legacy_province_code(province_code),
                None,
                LAST_LEGACY_DAY,
                successor_of_legacy.get(province_code),
            )
        )
    return rows


def _differs(unit: Unit, values: dict[str, object]) -> bool:
    for name, value in values.items():
        if isinstance(value, Unit | UnitKind):
            if getattr(unit, f"{name}_id") != value.pk:
                return True
        elif getattr(unit, name) != value:
            return True
    return False


def ensure_unit_kinds(model: type[UnitKind] = UnitKind) -> dict[str, UnitKind]:
    """The default unit kinds (also run by a data migration, with the historical model)."""
    kinds = {}
    for code, name, level, sort in UNIT_KINDS:
        kinds[code], _ = model.objects.get_or_create(code=code, defaults={"name": name, "level": level, "sort": sort})
    return kinds


@transaction.atomic
def load_units() -> LoadResult:
    """Create or refresh the official tree. Units added by admins below communes are kept."""
    result = LoadResult()
    kinds = ensure_unit_kinds()
    rows = _rows()
    existing = {u.code: u for u in Unit.objects.filter(code__in=[r.code for r in rows])}
    by_code: dict[str, Unit] = {}
    to_create: dict[int, list[Unit]] = {}
    to_update: list[Unit] = []
    fields = ["name", "name_folded", "kind", "parent", "path", "depth", "level", "valid_from", "valid_to"]
    for row in rows:  # parents always come before their children in _rows()
        parent = by_code[row.parent] if row.parent else None
        kind = kinds[row.kind]
        name = nfc(row.name)
        values = {
            "name": name,
            "name_folded": fold(name),
            "kind": kind,
            "parent": parent,
            "path": (parent.path if parent else "/") + row.code + "/",
            "depth": (parent.depth + 1) if parent else 1,
            "level": kind.level or (parent.level if parent else ""),
            "valid_from": row.valid_from,
            "valid_to": row.valid_to,
        }
        unit = existing.get(row.code)
        if unit is None:
            unit = Unit(code=row.code, **values)
            to_create.setdefault(unit.depth, []).append(unit)
        elif _differs(unit, values):
            for name_, value in values.items():
                setattr(unit, name_, value)
            to_update.append(unit)
        else:
            result.unchanged += 1
        by_code[row.code] = unit
    for depth in sorted(to_create):  # parents first; children pick up their parent's new key
        Unit.objects.bulk_create(to_create[depth], batch_size=1000)
        result.created += len(to_create[depth])
    Unit.objects.bulk_update(to_update, fields, batch_size=1000)
    result.updated += len(to_update)
    # Successors, once every unit has its primary key.
    relinks = []
    for row in rows:
        unit = by_code[row.code]
        successor_id = by_code[row.successor].pk if row.successor else None
        if unit.successor_id != successor_id:
            unit.successor_id = successor_id
            relinks.append(unit)
    Unit.objects.bulk_update(relinks, ["successor"], batch_size=1000)
    for label, flt in {
        "current_provinces": {"kind_id": "province", "valid_to__isnull": True},
        "communes": {"kind_id": "commune", "valid_to__isnull": True},
        "legacy_provinces": {"kind_id": "province", "valid_to__isnull": False},
        "legacy_districts": {"kind_id": "district", "valid_to__isnull": False},
    }.items():
        result.counts[label] = Unit.objects.filter(**flt).count()
    return result
