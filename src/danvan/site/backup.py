"""Backup and restore of the whole platform: the database as JSON (natural keys, so it loads into
any fresh database, SQLite or PostgreSQL) and every stored file, in one zip.

For a very large PostgreSQL installation, pg_dump plus a copy of the storage bucket is faster;
this format is the one that moves between databases and that the tests prove.
"""

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models, transaction
from django.utils import timezone

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "django_tasks_database",
]
FORMAT_VERSION = 1


@dataclass
class BackupResult:
    path: Path
    objects: int
    files: int


def _stored_files() -> list[str]:
    names: set[str] = set()
    for model in apps.get_models():
        file_fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        for field in file_fields:
            names.update(
                name for name in model._default_manager.exclude(**{field: ""}).values_list(field, flat=True) if name
            )
    return sorted(names)


def backup(path: Path) -> BackupResult:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        call_command(
            "dumpdata", exclude=EXCLUDED, natural_foreign=True, natural_primary=True, output=str(data), verbosity=0
        )
        objects = len(json.loads(data.read_text()))
        files = _stored_files()
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "manifest.json",
                json.dumps(
                    {
                        "format": FORMAT_VERSION,
                        "created_at": timezone.now().isoformat(),
                        "objects": objects,
                        "files": len(files),
                    }
                ),
            )
            archive.write(data, "data.json")
            for name in files:
                if default_storage.exists(name):
                    with default_storage.open(name, "rb") as handle:
                        archive.writestr(f"media/{name}", handle.read())
    return BackupResult(path=path, objects=objects, files=len(files))


class RestoreError(Exception):
    pass


def restore(path: Path) -> BackupResult:
    """Load a backup into an empty (freshly migrated) database and put the files back."""
    from danvan.accounts.models import User
    from danvan.initiatives.models import Initiative

    if User.objects.exists() or Initiative.objects.exists():
        raise RestoreError("Cơ sở dữ liệu đích đã có dữ liệu. Hãy khôi phục vào một cơ sở dữ liệu trống.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError) as exc:
        raise RestoreError(f"Tệp “{path}” không phải là bản sao lưu của danvan.") from exc
    with archive, tempfile.TemporaryDirectory() as tmp:
        names = archive.namelist()
        if "manifest.json" not in names or "data.json" not in names:
            raise RestoreError(f"Tệp “{path}” không phải là bản sao lưu của danvan.")
        manifest = json.loads(archive.read("manifest.json"))
        data = Path(tmp) / "data.json"
        data.write_bytes(archive.read("data.json"))
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
        files = 0
        for name in names:
            if name.startswith("media/") and not name.endswith("/"):
                target = name.removeprefix("media/")
                if not default_storage.exists(target):
                    default_storage.save(target, ContentFile(archive.read(name)))
                files += 1
    return BackupResult(path=path, objects=int(manifest["objects"]), files=files)
