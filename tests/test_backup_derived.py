"""A backup leaves the derived tables out (the pre-computed statistics, the public library's rows) and a
restore rebuilds them: the restored platform shows the same figures and the same library."""

import datetime
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection

from danvan.awards.models import Decision
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import initiative_act, initiative_enter_historical
from danvan.library.models import PublicEntry, SearchWord, Withheld
from danvan.library.services import initiative_withhold
from danvan.orgs.models import Unit
from danvan.orgs.services import unit_create
from danvan.reports.counts import COLUMNS
from danvan.reports.models import StatCount
from danvan.reports.selectors import stats_for_scope
from danvan.site import backup as backup_module
from tests.awards_helpers import make_decision
from tests.conftest import World, initiative_data, registered_initiative, score_sheet


def build(world: World) -> None:
    """Every kind of record the derived tables are computed from: registered, recognised through the
    workflow and entered as history, exemplary, a replica of a public one, one withheld from the
    library, one of a unit that does not publish, one of a dissolved district whose successor is the
    province, a woman's, and an issued decision commending two of them and a named person."""
    registered_initiative(world, year=2025, title="Mới đăng ký")
    sent = registered_initiative(world, title="Qua bình xét")
    sent = initiative_act(by=world.officer, initiative=sent, action="submit")
    initiative_act(by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, sent), action="recognize")

    def historical(title: str, *, on: datetime.date, unit: Unit | None = None, **extra: Any) -> Initiative:
        return initiative_enter_historical(
            by=world.superuser,
            data=initiative_data(world, title=title, year=on.year, unit=unit or world.village, **extra),
            status=Status.RECOGNIZED,
            recognized_level="commune",
            recognized_on=on,
            exemplary=title.startswith("Tiêu biểu"),
        )

    original = historical("Tiêu biểu: đường hoa", on=datetime.date(2024, 5, 6))
    historical("Nhân rộng đường hoa", on=datetime.date(2025, 3, 10), unit=world.other_commune, replicated_from=original)
    woman = historical(
        "Điển hình bà Hường", on=datetime.date(2025, 4, 2), kind="individual", person_name="Nguyễn Thị Hường",
        person_gender="female",
    )  # fmt: skip
    withheld = historical("Có ảnh trẻ em", on=datetime.date(2025, 6, 1))
    initiative_withhold(by=world.officer, initiative=withheld, withheld=True, reason="Ảnh có trẻ em")
    world.village2.publishes_initiatives = False
    world.village2.save(update_fields=["publishes_initiatives"])
    historical("Của thôn không công khai", on=datetime.date(2025, 7, 1), unit=world.village2)
    district = unit_create(
        by=world.superuser, code="D01", name="Huyện Lạc Sơn Cũ", kind="district", parent=world.root,
        valid_to=datetime.date(2025, 6, 30), successor=world.province,
    )  # fmt: skip
    historical("Của huyện cũ", on=datetime.date(2023, 9, 7), unit=district)
    make_decision(
        world,
        issue=True,
        awards=[
            {"initiative": original.pk},
            {"initiative": woman.pk},
            {"recipient_name": "Trần Văn Đức", "recipient_kind": "individual"},
        ],
    )


def figures(world: World) -> dict[str, Any]:
    """What the dashboard, the API and the library show, read from the derived tables."""
    units = [world.root, world.province, world.commune, world.village]
    periods = [(2020, 2026), (2025, 2025)]
    return {
        # Cells an increment brought back to zero count nothing; a rebuild does not write them.
        "counts": set(StatCount.objects.exclude(count=0).values_list(*COLUMNS, "count")),
        "stats": [stats_for_scope(unit=u, year_from=y0, year_to=y1) for u in units for y0, y1 in periods],
        "library": list(PublicEntry.objects.values_list("initiative_id", "sort_key", "province_id", "replica_count",
                                                        "exemplary", "search_text")),
        "withheld": list(Withheld.objects.values_list("initiative_id", "reason")),
    }  # fmt: skip


def restored(archive: Path) -> str:
    call_command("flush", interactive=False, verbosity=0)
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_restore_rebuilds_the_figures_and_the_library_the_backup_left_out(world: World, tmp_path: Path) -> None:
    # given
    build(world)
    before = figures(world)
    national, province_2025 = before["stats"][0], before["stats"][3]
    assert [national[metric]["total"] for metric in ("recognized", "exemplary", "commended")] == [7, 1, 3]
    assert national["women"]["recognized"] == 1
    assert province_2025["recognized"]["total"] == 4  # the replica, the woman, the withheld, the unpublished
    public = dict(Initiative.objects.filter(pk__in=[row[0] for row in before["library"]]).values_list("title", "pk"))
    assert set(public) == {"Qua bình xét", "Tiêu biểu: đường hoa", "Nhân rộng đường hoa", "Điển hình bà Hường",
                           "Của huyện cũ"}  # fmt: skip
    assert [row[3] for row in before["library"] if row[0] == public["Tiêu biểu: đường hoa"]] == [1]  # replicated
    # when
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with zipfile.ZipFile(archive) as z:
        models = {json.loads(line)["model"] for line in z.read("data.jsonl").decode().splitlines()}
        manifest = json.loads(z.read("manifest.json"))
        note = z.read("README.txt").decode()
    words_before = set(SearchWord.objects.values_list("word", flat=True))
    out = restored(archive)
    words_after = set(SearchWord.objects.values_list("word", flat=True))
    # then the zip holds none of the derived rows, and says so
    assert {"initiatives.initiative", "library.withheld", "awards.award"} <= models
    assert not models & {"reports.statcount", "library.publicentry", "library.searchword"}
    assert manifest["format"] == 3 and manifest["derived"] == "left out, rebuilt by restore"
    assert manifest["derived_tables"] == ["library.publicentry", "library.searchword", "reports.statcount"]
    assert "tự tính lại" in note and "computes them again" in note
    # and the restored platform shows what the original showed
    after = figures(world)
    for key in before:
        assert after[key] == before[key], key
    # The library's lexicon (PostgreSQL) is rebuilt without the words of rows removed since (the
    # withheld initiative's), which the original keeps until a `library_rebuild`.
    assert words_after <= words_before and words_before - words_after <= {"co", "anh", "tre", "em"}
    assert bool(words_after) == (connection.vendor == "postgresql")
    assert f"{len(before['library'])} mô hình của thư viện công khai" in out


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_previous_format_with_its_derived_rows_restores(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Format 2 held the derived tables: their rows are skipped (a damaged one would not load) and rebuilt."""
    # given a backup written as format 2 wrote it
    build(world)
    before = figures(world)
    with monkeypatch.context() as m:
        m.setattr(backup_module, "DERIVED", {})
        m.setattr(backup_module, "FORMAT_VERSION", 2)
        old = tmp_path / "dinh-dang-2.zip"
        backup_module.backup(old)
    with zipfile.ZipFile(old) as z:
        members = {name: z.read(name) for name in z.namelist()}
    lines = members["data.jsonl"].decode().splitlines(keepends=True)
    counts = [n for n, line in enumerate(lines) if line.startswith('{"model": "reports.statcount"')]
    assert counts and any(line.startswith('{"model": "library.publicentry"') for line in lines)
    assert json.loads(members["manifest.json"])["format"] == 2
    lines[counts[0]] = lines[counts[0]].replace('"count": ', '"count": "hỏng", "x": ', 1)
    members["data.jsonl"] = "".join(lines).encode()
    with zipfile.ZipFile(old, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    # when
    restored(old)
    # then
    assert figures(world) == before


@pytest.mark.django_db(transaction=True)
def test_decisions_of_a_backup_made_before_they_stored_their_search_text_get_it_back(
    world: World, tmp_path: Path
) -> None:
    """A backup made before awards migration 0008 holds no search text for its decisions: the restore writes it."""
    # given a backup whose decisions have no search text
    build(world)
    texts = dict(Decision.objects.values_list("pk", "search_text"))
    assert texts and all(texts.values())
    archive = tmp_path / "truoc-0008.zip"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with zipfile.ZipFile(archive) as z:
        members = {name: z.read(name) for name in z.namelist()}
    lines = []
    for line in members["data.jsonl"].decode().splitlines(keepends=True):
        row = json.loads(line)
        if row["model"] == "awards.decision":
            del row["fields"]["search_text"]
            line = json.dumps(row, ensure_ascii=False) + "\n"
        lines.append(line)
    assert sum('"awards.decision"' in line for line in lines) == len(texts)
    members["data.jsonl"] = "".join(lines).encode()
    with zipfile.ZipFile(archive, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    # when it is restored, then its decisions are searchable as before
    restored(archive)
    assert dict(Decision.objects.values_list("pk", "search_text")) == texts


@pytest.mark.django_db(transaction=True)
def test_a_failed_rebuild_writes_nothing(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(world)
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    def broken() -> int:
        raise DatabaseError("ổ đĩa đầy")

    monkeypatch.setattr(backup_module, "library_rebuild", broken)
    with pytest.raises(CommandError, match="không có gì được ghi"):
        restored(archive)
    assert not Unit.objects.exists() and not Initiative.objects.exists() and not StatCount.objects.exists()
