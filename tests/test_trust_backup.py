"""Issue 17, point 1 and the backup part of point 10: one snapshot (a backup taken while a writer adds
units and initiatives restores), a private file without secrets, malicious zips refused cleanly."""

import io
import json
import stat
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import User
from danvan.api.services import api_token_create
from danvan.core.models import Worker
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_create
from danvan.orgs.models import Unit
from danvan.orgs.services import unit_create
from danvan.site.backup import backup
from tests.conftest import World, initiative_data, registered_initiative


def _write_in_another_connection(world: World, n: int) -> None:
    """A person working while the backup runs: new units and initiatives, each committed."""

    def work() -> None:
        try:
            for i in range(n):
                unit = unit_create(by=world.superuser, code=f"W{i}", name=f"Thôn Mới {i}", kind="village",
                                   parent=world.commune)  # fmt: skip
                initiative_create(by=world.superuser, data=initiative_data(world, unit=unit, title=f"Mô hình {i}"))
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_a_writer_adds_units_and_initiatives_restores(world: World, tmp_path: Path) -> None:
    registered_initiative(world)
    before = {m: m.objects.count() for m in (Unit, Initiative, User)}
    archive = tmp_path / "trong-khi-lam-viec.zip"
    seen: list[str] = []

    def after_model(label: str) -> None:
        seen.append(label)
        if label == "orgs.unit":  # the units are written; the initiatives are not yet
            _write_in_another_connection(world, 3)

    backup(archive, after_model=after_model)
    assert "orgs.unit" in seen and seen.index("orgs.unit") < seen.index("initiatives.initiative")
    assert Initiative.objects.filter(title__startswith="Mô hình ").count() == 3  # the writer did commit
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), stdout=io.StringIO())
    # The snapshot: what existed when the backup started, nothing of what came during it.
    assert {m: m.objects.count() for m in before} == before
    assert not Unit.objects.filter(code__startswith="W").exists()


@pytest.mark.django_db
def test_the_backup_file_is_private_and_holds_no_secret(world: World, tmp_path: Path) -> None:
    _row, token = api_token_create(user=world.officer)
    device = TOTPDevice.objects.create(user=world.approver, name="danvan", confirmed=True)
    now = timezone.now()
    Worker.objects.create(worker_id="may-nay-1", host="may-nay", pid=4321, started_at=now, beat_at=now)
    archive = tmp_path / "sao-luu.zip"
    archive.write_bytes(b"")
    archive.chmod(0o644)
    call_command("backup", output=str(archive), stdout=io.StringIO())
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with zipfile.ZipFile(archive) as z:
        data = z.read("data.jsonl").decode()
        note = z.read("README.txt").decode()
        manifest = json.loads(z.read("manifest.json"))
    users = [json.loads(line) for line in data.splitlines() if '"model": "accounts.user"' in line]
    assert users and all(u["fields"]["password"] == "!" for u in users)
    assert world.officer.password not in data and "md5$" not in data
    assert token[:8] not in data and "api.apitoken" not in data
    assert device.key not in data and "otp_totp" not in data
    assert "may-nay-1" not in data and '"model": "core.worker"' not in data  # the workers running here now
    assert "mật khẩu" in note and manifest["secrets"] == "left out"


def _zip(path: Path, members: dict[str, bytes | str], compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compress) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return path


MANIFEST = json.dumps({"format": 2, "created_at": "2026-12-01T00:00:00+00:00", "objects": 0, "files": 0})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"manifest.json": MANIFEST, "data.jsonl": "", "media/../../ngoai.txt": "x"}, "ra ngoài thư mục dữ liệu"),
        ({"manifest.json": MANIFEST, "data.jsonl": "", "/etc/cron.d/x": "x"}, "không thuộc danvan"),
        ({"manifest.json": MANIFEST, "data.jsonl": "", "media/bom.bin": "\0" * 5_000_000}, "nén bất thường"),
        ({"manifest.json": "không phải JSON", "data.jsonl": ""}, "không phải là bản sao lưu"),
        ({"manifest.json": json.dumps({"format": 99, "objects": 1}), "data.jsonl": ""}, "không phải là bản sao lưu"),
        ({"manifest.json": MANIFEST, "data.jsonl": "{không phải JSON\n"}, "không nạp được"),
        ({"manifest.json": MANIFEST, "data.jsonl": '{"model": "orgs.unit", "pk": 1, "fields": {"parent": 999}}\n'},
         "không nạp được"),
        ({"manifest.json": MANIFEST, "data.jsonl": '{"model": "khong.co", "pk": 1, "fields": {}}\n'}, "không nạp được"),
        ({"readme.txt": "xin chào"}, "không phải là bản sao lưu"),
    ],
)  # fmt: skip
def test_a_malicious_or_broken_backup_is_refused_with_a_message(
    tmp_path: Path, members: dict[str, Any], message: str
) -> None:
    path = _zip(tmp_path / "xau.zip", members)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), stdout=io.StringIO())
    assert not Unit.objects.exists() and not (tmp_path / "ngoai.txt").exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(path), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_backup_reads_each_table_in_a_constant_number_of_queries(world: World, tmp_path: Path) -> None:
    """The users named by natural key (created_by, by, …) are joined in, not read one row at a time:
    ten more initiatives with their events cost no query more."""
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(conn) as captured:
            backup(tmp_path / "b.zip")
        return len(captured)

    registered_initiative(world)
    first = queries()
    for n in range(10):
        registered_initiative(world, title=f"Thêm {n}")
    assert queries() == first
