"""Backup round trip and crash safety, on the database the suite runs on."""

import json
import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from danvan.accounts.models import User
from danvan.initiatives.models import Attachment, Initiative, InitiativeEvent
from danvan.initiatives.services import initiative_act
from danvan.orgs.models import Membership, Unit
from tests.conftest import registered_initiative
from tests.import_helpers import row, write_xlsx


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_and_file_into_an_empty_database(world, tmp_path) -> None:
    # given data and a stored file
    initiative = registered_initiative(world)
    initiative = initiative_act(by=world.officer, initiative=initiative, action="submit")
    attachment = Attachment(initiative=initiative, kind="pdf", original_name="Báo cáo.pdf", size=9)
    attachment.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    counts = {m: m.objects.count() for m in (User, Unit, Membership, Initiative, InitiativeEvent, Attachment)}
    stored_name = attachment.file.name
    archive = tmp_path / "backup.zip"
    call_command("backup", output=str(archive))
    # when everything is gone
    call_command("flush", interactive=False, verbosity=0)
    attachment.file.storage.delete(stored_name)
    assert not Initiative.objects.exists()
    call_command("restore", str(archive))
    # then
    assert {m: m.objects.count() for m in counts} == counts
    restored = Initiative.objects.get(pk=initiative.pk)
    assert restored.title == initiative.title and restored.status == "under_review"
    assert [e.action for e in restored.events.all()] == ["register", "attach", "submit"]
    assert Attachment.objects.get(pk=attachment.pk).file.read() == b"%PDF-1.4\n"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(world, tmp_path) -> None:
    from django.core.management.base import CommandError

    archive = tmp_path / "backup.zip"
    call_command("backup", output=str(archive))
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive))
    not_a_backup = tmp_path / "x.zip"
    not_a_backup.write_bytes(b"hello")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(not_a_backup))


CRASH_SCRIPT = r"""
import os, sys, time, json
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
django.setup()
from django.core.management import call_command
from danvan.initiatives.models import Initiative
from danvan.initiatives.changes import Follower, follow

mode = sys.argv[1]
if mode == "import":
    from danvan.accounts.services import system_user
    from danvan.imports.services import import_file
    written = []
    def stall_after_two_batches(change):
        written.append(1)
        if len(written) == 2500:  # two batches of 1000 are in the tables, uncommitted
            print("MID", flush=True)
            time.sleep(120)
    follow(Follower("stall", stall_after_two_batches))
    import_file(by=system_user(), source=sys.argv[2], write=True)
elif mode == "worker":  # the real worker runs the queued import; it stalls in the middle of the write
    written = []
    def stall_in_the_write(change):
        written.append(1)
        if len(written) == 2500:
            print("MID", flush=True)
            time.sleep(120)
    follow(Follower("stall", stall_in_the_write))
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", verbosity=0)
elif mode == "crash":
    from danvan.initiatives.services import initiative_act
    from danvan.accounts.models import User
    def stall(change):
        print("MID", flush=True)  # the status row and the event are written, not committed
        time.sleep(120)
    reviewer = User.objects.get(username="xa.thamdinh")
    initiative = Initiative.objects.get()
    from danvan.movements.selectors import criteria_set_for
    from danvan.reviews.services import review_save
    criteria = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id).criteria.all()
    follow(Follower("stall", stall))
    from django.db import transaction
    with transaction.atomic():  # the score sheet recognition needs, in the same transaction as the recognition
        review_save(by=reviewer, initiative=initiative, scores={c.pk: 8 for c in criteria})
        initiative_act(by=reviewer, initiative=initiative, action="recognize")
elif mode == "count":
    from danvan.library.models import PublicEntry
    from danvan.reports.models import StatCount
    print(json.dumps([Initiative.objects.count(), PublicEntry.objects.count(), StatCount.objects.count()]))
else:
    i = Initiative.objects.get()
    print(json.dumps({"status": i.status, "events": i.events.count(), "recognized_level": i.recognized_level}))
"""


def other_process_env(tmp_path) -> dict[str, str]:
    """The environment of a second process that opens the test's database."""
    from django.conf import settings

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "danvan.settings", "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        if "memory" in str(settings_dict["NAME"]):
            # an in-memory test database cannot be opened by another process: copy it to a file
            path = tmp_path / f"crash-{uuid.uuid4().hex}.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(path)])
            env["DATABASE_URL"] = f"sqlite:///{path}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{settings_dict['NAME']}"
    else:
        env["DATABASE_URL"] = (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    return env


class Crash:
    """CRASH_SCRIPT in a second process on the test's database: killed by SIGKILL once it prints MID."""

    def __init__(self, tmp_path) -> None:
        self.env = other_process_env(tmp_path)
        self.script = tmp_path / "crash.py"
        self.script.write_text(CRASH_SCRIPT)

    def kill_mid(self, *args: str) -> None:
        command = [sys.executable, str(self.script), *args]
        process = subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "MID"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def read(self, mode: str) -> object:
        command = [sys.executable, str(self.script), mode]
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=60, check=True)
        return json.loads(done.stdout)


@pytest.mark.django_db(transaction=True)
def test_killing_the_process_mid_transition_leaves_the_before_state(world, tmp_path) -> None:
    # given an initiative under review, committed, in a database another process can open
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    crash = Crash(tmp_path)
    # when the process is killed inside the transaction
    crash.kill_mid("crash")
    # then the initiative is as it was before, with no half-written event
    assert crash.read("read") == {"status": "under_review", "events": 3, "recognized_level": ""}
    assert initiative.events.count() == 3  # register, attach, submit


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_import_leaves_none_of_it(world, tmp_path) -> None:
    # given a file of 3,000 valid records (half recognised: they would be public and counted)
    rows = [row(row_key=f"K-{n}", title=f"Mô hình số {n}", status="Đã công nhận" if n % 2 else "Đã đăng ký",
                recognized_level="Xã" if n % 2 else None, recognized_on="20/11/2021" if n % 2 else None)
            for n in range(3000)]  # fmt: skip
    path = write_xlsx(tmp_path / "lon.xlsx", rows)
    crash = Crash(tmp_path)
    # when the importing process is killed after two batches of rows are in the tables
    crash.kill_mid("import", str(path))
    # then nothing of the file is there: no initiative, no public row, no count
    assert crash.read("count") == [0, 0, 0]


def test_events_cannot_be_changed_in_bulk_either(world) -> None:
    from django.core.exceptions import ValidationError

    registered_initiative(world, evidence=False)
    with pytest.raises(ValidationError):
        InitiativeEvent.objects.all().update(note="x")
    with pytest.raises(ValidationError):
        InitiativeEvent.objects.all().delete()
    assert InitiativeEvent.objects.get().note == ""
    with pytest.raises(ValidationError):  # last: bulk_update leaves the test's transaction unusable
        InitiativeEvent.objects.bulk_update(list(InitiativeEvent.objects.all()), ["note"])
