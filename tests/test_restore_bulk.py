"""`restore` loads in bulk: its number of queries does not grow with the rows, it loads into a freshly
migrated database (a data migration's rows take the backup's content), and afterwards every restored
table gives a new row an id past the loaded ones (PostgreSQL's sequences are moved on)."""

import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.accounts.models import User
from danvan.conferences.models import Conference
from danvan.documents.layouts import load_defaults as layout_defaults
from danvan.documents.models import Layout
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Unit
from danvan.orgs.services import unit_create
from danvan.site.backup import backed_up_models
from tests.awards_helpers import make_decision
from tests.conftest import World, make_user, registered_initiative


def fresh_database() -> None:
    """An empty database with rows a data migration wrote: the document layouts (keyed by their code,
    so the same in every database)."""
    call_command("flush", interactive=False, verbosity=0)
    layout_defaults(apps)


def backup_with(world: World, path: Path, initiatives: int) -> Path:
    while Initiative.objects.count() < initiatives:
        registered_initiative(world, evidence=False, title=f"Mô hình số {Initiative.objects.count()}")
    call_command("backup", output=str(path), stdout=io.StringIO())
    return path


def queries_to_restore(path: Path) -> int:
    fresh_database()
    with CaptureQueriesContext(connection) as captured:
        call_command("restore", str(path), stdout=io.StringIO())
    return len(captured)


@pytest.mark.django_db(transaction=True)
def test_a_restore_of_ten_times_the_initiatives_takes_the_same_number_of_queries(world: World, tmp_path: Path) -> None:
    # given two backups of the same units and people, with 20 and 200 initiatives and their events
    small = backup_with(world, tmp_path / "nho.zip", 20)
    large = backup_with(world, tmp_path / "lon.zip", 200)
    # when
    small_queries = queries_to_restore(small)
    assert Initiative.objects.count() == 20
    large_queries = queries_to_restore(large)
    # then
    assert Initiative.objects.count() == 200
    assert large_queries == small_queries, (small_queries, large_queries)


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_every_table_gives_new_rows_new_ids(world: World, tmp_path: Path) -> None:
    # given a layout an admin renamed, which the migrations write with its shipped name
    layout = Layout.objects.first()
    assert layout is not None
    Layout.objects.filter(pk=layout.pk).update(name="Thể thức đã sửa")
    archive = backup_with(world, tmp_path / "sao-luu.zip", 3)
    loaded = {m: m._base_manager.count() for m in backed_up_models()}
    # when restored into a freshly migrated database
    fresh_database()
    assert Layout.objects.get(pk=layout.pk).name != "Thể thức đã sửa"
    call_command("restore", str(archive), stdout=io.StringIO())
    # then the migrations' row took the backup's content, and nothing else was lost or doubled
    assert Layout.objects.get(pk=layout.pk).name == "Thể thức đã sửa"
    assert {m: m._base_manager.count() for m in loaded} == loaded
    highest = {m: m._base_manager.order_by("-pk").values_list("pk", flat=True).first() for m in loaded}
    # and each table with an auto id gives the next row one past the loaded ones (users get new ids:
    # the backup names them by username)
    with_ids = [m for m in loaded if m._meta.auto_field is not None and highest[m] is not None]
    assert {m._meta.label for m in with_ids} >= {"orgs.Unit", "accounts.User", "initiatives.Initiative"}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in with_ids:
                column = model._meta.auto_field.column  # type: ignore[union-attr]
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))", [model._meta.db_table, column])
                assert cursor.fetchone()[0] > highest[model], model._meta.label
    # new rows through the services, each with an id of its own
    admin = make_user("quantri2", "Quản trị mới", superuser=True)
    unit = unit_create(by=admin, code="C9", name="Xã Mới", kind="commune", parent=Unit.objects.get(code="P1"))
    officer = User.objects.get(username=world.officer.username)
    world.officer, world.village = officer, Unit.objects.get(code="C1-V1")
    initiative = registered_initiative(world, evidence=False, title="Mô hình sau khôi phục")
    assert admin.pk > highest[User] and unit.pk > highest[Unit] and initiative.pk > highest[Initiative]
    assert initiative.events.exists()


@pytest.mark.django_db(transaction=True)
def test_a_conference_keeps_its_decisions_and_initiatives(world: World, tmp_path: Path) -> None:
    # given a conference linked (many to many) to two initiatives and a decision
    first = registered_initiative(world, evidence=False, title="Mô hình thứ nhất")
    second = registered_initiative(world, evidence=False, title="Mô hình thứ hai")
    decision = make_decision(world, number="7/QĐ-UBND")
    conference = Conference.objects.create(
        kind="annual", title="Hội nghị tổng kết", host_unit=world.village, scope_unit=world.village,
        date=datetime.date(2025, 12, 20), place="Nhà văn hóa thôn", chair_name="Đỗ Thị Hoa", year_from=2025,
        year_to=2025, created_by=world.officer,
    )  # fmt: skip
    conference.initiatives.set([first, second])
    conference.decisions.set([decision])
    archive = backup_with(world, tmp_path / "sao-luu.zip", 2)
    # when
    fresh_database()
    call_command("restore", str(archive), stdout=io.StringIO())
    # then
    restored = Conference.objects.get(pk=conference.pk)
    assert sorted(restored.initiatives.values_list("title", flat=True)) == ["Mô hình thứ hai", "Mô hình thứ nhất"]
    assert list(restored.decisions.values_list("number", flat=True)) == ["7/QĐ-UBND"]
    assert restored.created_by.username == world.officer.username
