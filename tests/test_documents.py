"""The one document writer: its layout model (rules as data, an admin's changes over the defaults)."""

import importlib

import pytest

from danvan.documents.layouts import DEFAULTS, load_layout, place_name
from danvan.documents.models import Layout

pytestmark = pytest.mark.django_db


def test_an_admins_change_is_laid_over_the_defaults_key_by_key(migrated_rows: None) -> None:
    # given an admin changed one margin and one text of the decision
    Layout.objects.filter(code="state").update(
        rules={"margins_mm": {"left": 35}, "kinds": {"decision": {"recipients": ["Lưu: VT, TĐKT."]}}}
    )
    # when
    layout = load_layout("state")
    # then the rest of each nested rule keeps its default
    assert layout["margins_mm"] == {**DEFAULTS["state"]["margins_mm"], "left": 35}
    assert layout.kind("decision")["recipients"] == ["Lưu: VT, TĐKT."]
    assert layout.kind("decision")["article2"] == DEFAULTS["state"]["kinds"]["decision"]["article2"]
    assert load_layout("party")["national_name"] == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_number_lines_and_places() -> None:
    state, party = load_layout("state"), load_layout("party")
    assert state.number_line("12", kind="decision", abbr="UBND") == "Số: 12/QĐ-UBND"
    assert party.number_line("12", kind="decision", abbr="ĐU") == "Số 12-QĐ/ĐU"
    assert state.number_line("2559/QĐ-UBND") == "Số: 2559/QĐ-UBND"
    assert place_name("Tỉnh Phú Thọ") == "Phú Thọ" and place_name("Xã Thanh Thủy") == "Thanh Thủy"


def test_the_migration_keeps_only_what_an_admin_had_changed() -> None:
    migration = importlib.import_module("danvan.documents.migrations.0002_one_layout_model")
    report = {**migration.OLD_REPORTS["state"], "title": "BÁO CÁO SƠ KẾT"}
    decision = {**migration.OLD_DECISIONS["party"], "distribution": ["Như Điều 3,", "Lưu Văn phòng, BTG."]}
    assert migration.changes("state", report, None) == {"kinds": {"report": {"title": "BÁO CÁO SƠ KẾT"}}}
    assert migration.changes("party", migration.OLD_REPORTS["party"], decision) == {
        "kinds": {"decision": {"recipients": ["Như Điều 3,", "Lưu Văn phòng, BTG."]}}
    }
    assert migration.changes("state", {}, {}) == {}
