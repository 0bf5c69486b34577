"""Backup and restore of the whole platform: the database as JSON lines (natural keys, so it loads
into any fresh database, SQLite or PostgreSQL) and every stored file, in one zip.

- One consistent snapshot: every table is read inside one transaction (REPEATABLE READ, read only,
  on PostgreSQL; one deferred read transaction on SQLite, which in WAL mode never blocks writers),
  so rows written while the backup runs are either wholly in it or wholly out of it.
- Streamed: rows are read in chunks and written one line each straight into the zip, files are
  copied in blocks; memory stays flat however many initiatives there are.
- Restored in bulk (`load_lines`): the lines are read model by model, 2,000 rows per INSERT, each
  natural key (a user's name) looked up once; one transaction, foreign keys checked at the end, the
  id sequences moved past the loaded ids. 100,000 initiatives: about a minute, not 22.
- The zip is created readable by its owner only (0600).
- No secrets: password hashes, API token hashes and two-factor secrets are left out (README.txt in
  the zip says so). After a restore, passwords are set again (`uv run danvan changepassword <name>`),
  tokens issued again and the second factor turned on again.
- No derived tables (`DERIVED`: the pre-computed statistics and the public library's rows): they
  are computed from the rows a backup holds, so `restore()` rebuilds them after loading, in the
  same transaction. At 1,000,000 initiatives that is about 3.4 million rows less to write and load.

For a very large PostgreSQL installation, pg_dump plus a copy of the storage bucket is faster;
this format is the one that moves between databases and that the tests prove.
"""

import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import base
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DatabaseError, connection, models, reset_queries, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.library.services import library_rebuild
from danvan.reports.counts import rebuild_counts, version_bump

EXCLUDED_APPS = {"contenttypes", "sessions", "axes", "django_tasks_database"}
# Never in a backup: the cache of permissions and admin log, the secrets, and the background workers
# running on this machine now (core.worker: restored elsewhere, their rows would name workers that
# are not there).
EXCLUDED_MODELS = {"auth.permission", "admin.logentry", "api.apitoken", "otp_totp.totpdevice", "core.worker"}
# Tables wholly computed from other tables: never in a backup (since format 3), rebuilt by `restore()`.
# Nothing a person entered lives in them (library.Withheld, a unit's decision to keep an initiative
# out of the library, is not derived and stays in the backup).
DERIVED = {
    "reports.statcount": "the statistics' counts per unit subtree and period, computed from the initiatives, "
    "decisions and awards by reports.counts.rebuild_counts",
    "library.publicentry": "the public library's copy of each recognised initiative whose unit publishes and "
    "which is not withheld, computed by library.services.library_rebuild",
    "library.searchword": "PostgreSQL: the words of the library rows' search vectors, written by a trigger "
    "with the rows (library migration 0004)",
}
FORMAT_VERSION = 3
# Format 1: data.json; format 2: data.jsonl with the derived tables, which a restore skips.
READABLE_FORMATS = {1, 2, FORMAT_VERSION}
DATA = "data.jsonl"
CHUNK = 2000
NOTE = """Bản sao lưu danvan / danvan backup

Không có trong bản sao lưu (bí mật): mật khẩu (mã băm), mã truy cập API và khóa xác thực hai bước.
Sau khi khôi phục: đặt lại mật khẩu (uv run danvan changepassword <tên đăng nhập>, hoặc quản trị
đơn vị đặt lại), tạo lại mã truy cập API và bật lại xác thực hai bước.

Không có trong bản sao lưu (tính ra từ dữ liệu khác): số liệu thống kê tính sẵn và các dòng của
thư viện công khai. Lệnh khôi phục (uv run danvan restore) tự tính lại chúng từ các mô hình, điển
hình và quyết định khen thưởng; danh sách mô hình không công khai vẫn có trong bản sao lưu.

Left out (secrets): password hashes, API token hashes and two-factor secrets. After a restore,
set passwords again (uv run danvan changepassword <username>), issue new API tokens and turn the
second factor on again.

Left out (derived from the other tables): the pre-computed statistics and the public library's
rows. The restore command (uv run danvan restore) computes them again from the initiatives and
the commendation decisions; the initiatives withheld from the library are in the backup.
"""
# A backup's members never unpack to more than this many times their packed size (JSON packs about
# ten times, photos and documents not at all).
MAX_RATIO = 200


@dataclass
class BackupResult:
    path: Path
    objects: int
    files: int
    rebuilt: dict[str, int] = field(default_factory=dict)  # restore: rows rebuilt per derived table


class RestoreError(Exception):
    pass


def backed_up_models() -> list[type[models.Model]]:
    """Every model of the backup, each after the models its natural keys point to."""
    app_list: dict[Any, list[type[models.Model]]] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDED_APPS or label in EXCLUDED_MODELS or label in DERIVED:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


@contextmanager
def snapshot() -> Iterator[None]:
    """One read transaction: every query inside sees the database as it was at the first one."""
    if connection.in_atomic_block:  # already inside a transaction (a test): that is the snapshot
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # SQLite: a deferred transaction reads one snapshot of the WAL and takes no write lock
    # (Django's atomic() would BEGIN IMMEDIATE and hold every writer back for the whole backup).
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("COMMIT")


def _with_natural_keys(model: type[models.Model]) -> models.QuerySet[models.Model]:
    """The rows with what their natural keys are read from joined in (a user's name for `created_by`,
    `by`, …): the serializer would otherwise read each related row apart, one query per row."""
    fields = [f for f in model._meta.get_fields() if f.is_relation and hasattr(f.related_model, "natural_key")]
    joined = [f.name for f in fields if f.many_to_one and f.concrete]
    many = [f.name for f in fields if f.many_to_many and f.concrete]
    return model._base_manager.select_related(*joined).prefetch_related(*many).order_by("pk")


def _rows(model: type[models.Model], count: list[int]) -> Iterator[models.Model]:
    is_user = model._meta.label_lower == apps.get_model("accounts", "User")._meta.label_lower
    for obj in _with_natural_keys(model).iterator(chunk_size=CHUNK):
        if is_user:
            obj.password = UNUSABLE_PASSWORD_PREFIX  # type: ignore[attr-defined]  # never the hash
        count[0] += 1
        yield obj


def _stored_files() -> Iterator[str]:
    seen: set[str] = set()
    for model in apps.get_models():
        if model._meta.label_lower in EXCLUDED_MODELS:
            continue
        for column in [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]:
            rows = model._base_manager.exclude(**{column: ""}).values_list(column, flat=True)
            for name in rows.iterator(chunk_size=CHUNK):
                if name and name not in seen:
                    seen.add(name)
                    yield name


def _private_file(path: Path) -> io.BufferedWriter:
    """The zip file, created readable and writable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file was already there
    return os.fdopen(fd, "wb")


def backup(path: Path, *, after_model: Callable[[str], None] | None = None) -> BackupResult:
    """Write the backup zip at `path`. `after_model(label)` is called after each table (progress)."""
    count = [0]
    files = 0
    with _private_file(path) as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with snapshot():
            started = timezone.now()
            with archive.open(DATA, "w", force_zip64=True) as entry, io.TextIOWrapper(entry, "utf-8") as text:
                for model in backed_up_models():
                    serializers.serialize(
                        "jsonl",
                        _rows(model, count),
                        stream=text,
                        use_natural_foreign_keys=True,
                        use_natural_primary_keys=True,
                    )
                    if after_model is not None:
                        after_model(model._meta.label_lower)
            for name in _stored_files():
                if not default_storage.exists(name):
                    continue
                with (
                    default_storage.open(name, "rb") as source,
                    archive.open(f"media/{name}", "w", force_zip64=True) as target,
                ):
                    shutil.copyfileobj(source, target, 1024 * 1024)
                files += 1
        archive.writestr("README.txt", NOTE)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": started.isoformat(),
            "objects": count[0],
            "files": files,
            "secrets": "left out",
            "derived": "left out, rebuilt by restore",
            "derived_tables": sorted(DERIVED),
        }
        archive.writestr("manifest.json", json.dumps(manifest))
    return BackupResult(path=path, objects=count[0], files=files)


def _not_a_backup(path: Path) -> RestoreError:
    return RestoreError(
        _("Tệp “%(path)s” không phải là bản sao lưu của danvan (tạo bằng uv run danvan backup).") % {"path": path}
    )


def _safe_media_name(name: str) -> str | None:
    """The storage name of a media member, or None when it would land outside the storage."""
    relative = name.removeprefix("media/")
    parts = PurePosixPath(relative).parts
    if not relative or relative.startswith("/") or "\\" in relative or ".." in parts or ":" in relative:
        return None
    return relative


def _check_archive(archive: zipfile.ZipFile, path: Path) -> tuple[dict[str, Any], str, list[zipfile.ZipInfo]]:
    infos = archive.infolist()
    names = {i.filename for i in infos}
    data = DATA if DATA in names else "data.json" if "data.json" in names else ""
    if "manifest.json" not in names or not data:
        raise _not_a_backup(path)
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise RestoreError(
                _("Bản sao lưu có phần “%(name)s” bị nén bất thường (có thể là tệp độc hại); không khôi phục.")
                % {"name": info.filename[:100]}
            )
    media = [i for i in infos if i.filename.startswith("media/") and not i.filename.endswith("/")]
    unsafe = [i.filename for i in media if _safe_media_name(i.filename) is None]
    unknown = sorted(names - {"manifest.json", data, "README.txt"} - {i.filename for i in media})
    if unsafe or [n for n in unknown if not n.endswith("/")]:
        raise RestoreError(
            _(
                "Bản sao lưu có tệp không thuộc danvan hoặc có đường dẫn ra ngoài thư mục dữ liệu "
                "(“%(name)s”); không khôi phục."
            )
            % {"name": (unsafe or unknown)[0][:100]}
        )
    try:
        manifest = json.loads(archive.read("manifest.json"))
        assert isinstance(manifest, dict) and int(manifest["format"]) in READABLE_FORMATS
        int(manifest["objects"])
    except (ValueError, KeyError, TypeError, AssertionError, UnicodeDecodeError):
        raise _not_a_backup(path) from None
    return manifest, data, media


def restore(path: Path) -> BackupResult:
    """Load a backup into an empty (freshly migrated) database, rebuild the derived tables in the same
    transaction, and put the files back. Anything that is not a sound danvan backup is refused with a
    RestoreError, and nothing is written (a failed rebuild too)."""
    from danvan.accounts.models import User
    from danvan.awards.models import Decision, decisions_fill_search_text
    from danvan.initiatives.models import Initiative

    if User.objects.exists() or Initiative.objects.exists():
        raise RestoreError(_("Cơ sở dữ liệu đích đã có dữ liệu. Hãy khôi phục vào một cơ sở dữ liệu trống."))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_backup(path) from None
    with archive, tempfile.TemporaryDirectory() as tmp:
        manifest, data, media = _check_archive(archive, path)
        local = Path(tmp) / data
        try:
            with archive.open(data) as source, local.open("wb") as target:
                if data == DATA and int(manifest["format"]) < FORMAT_VERSION:
                    _copy_without_derived(source, target)
                else:
                    shutil.copyfileobj(source, target, 1024 * 1024)
            with transaction.atomic():
                if data == DATA:
                    with local.open("rb") as lines:
                        load_lines(lines)
                else:  # format 1: one JSON document, from before backups were streamed
                    call_command("loaddata", str(local), verbosity=0)
                # decisions of a backup made before they stored their search text (awards migration 0008)
                decisions_fill_search_text(Decision.objects.filter(search_text=""))
                if connection.vendor == "postgresql":
                    # the loaded tables have no planner statistics yet: without them the rebuild's
                    # joins are planned as if the tables were empty (ANALYZE sees this transaction's rows)
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                rebuilt = rebuild_derived()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise RestoreError(_("Bản sao lưu bị hỏng (%(error)s); không khôi phục.") % {"error": exc}) from None
        except (serializers.base.DeserializationError, DatabaseError, ValueError, LookupError) as exc:
            raise RestoreError(
                _("Dữ liệu trong bản sao lưu không nạp được (%(error)s); không có gì được ghi.")
                % {"error": str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__}
            ) from None
        files = 0
        for info in media:
            target_name = _safe_media_name(info.filename)
            assert target_name is not None  # checked above
            if not default_storage.exists(target_name):
                with archive.open(info) as source:
                    default_storage.save(target_name, File(source, name=target_name))
            files += 1
    return BackupResult(path=path, objects=int(manifest["objects"]), files=files, rebuilt=rebuilt)


class _Deserializer(PythonDeserializer):
    """Django's deserializer, with each natural key looked up once (a user's name in `created_by`,
    `by`, `reviewer`, … would otherwise cost a query per row), and without the query per row that
    looks for an existing row of a model with a natural key (`restore` loads into an empty database;
    `_load_chunk` still updates a row that is there, such as a group a migration made)."""

    def __init__(self, keys: dict[tuple[Any, ...], Any]) -> None:
        super().__init__([], handle_forward_references=True)
        self.keys = keys  # (model, field name, natural key) -> the value a foreign key holds

    def _handle_fk_field_node(self, field: Any, field_value: Any) -> Any:
        if not isinstance(field_value, list):
            return super()._handle_fk_field_node(field, field_value)  # type: ignore[misc]  # stubs lag Django 6.1
        key = (field.remote_field.model, field.remote_field.field_name, tuple(field_value))
        if key not in self.keys:
            value = super()._handle_fk_field_node(field, field_value)  # type: ignore[misc]
            if value == base.DEFER_FIELD:
                return value
            self.keys[key] = value
        return self.keys[key]

    def _handle_m2m_field_node(self, field: Any, field_value: Any) -> Any:
        model = field.remote_field.model
        if not isinstance(field_value, list) or not all(isinstance(v, list) for v in field_value):
            return super()._handle_m2m_field_node(field, field_value)  # type: ignore[misc]
        values = []
        for natural in field_value:
            key = (model, model._meta.pk.name, tuple(natural))
            if key not in self.keys:
                found = super()._handle_m2m_field_node(field, [natural])  # type: ignore[misc]
                if found == base.DEFER_FIELD:
                    return found
                self.keys[key] = found[0]
            values.append(self.keys[key])
        return values

    def objects(self, lines: list[dict[str, Any]]) -> list[base.DeserializedObject]:
        found = []
        for line in lines:
            placeholder = "pk" not in line and _natural(apps.get_model(line["model"]))
            if placeholder:  # any pk keeps build_instance from looking the row up; taken off below
                line = {**line, "pk": 0}
            for deserialized in self._handle_object(line):  # type: ignore[attr-defined]
                if placeholder:
                    deserialized.object.pk = None
                found.append(deserialized)
        return found


def _natural(model: type[models.Model]) -> bool:
    """Rows of the model are written with their natural key instead of their id (and get new ids)."""
    return (
        hasattr(model, "natural_key")
        and hasattr(model._meta.default_manager, "get_by_natural_key")
        and model._meta.pk is model._meta.auto_field
    )


def load_lines(stream: IO[bytes]) -> int:
    """Load a backup's JSON lines (grouped by model, each model after those it points to) into the
    database, `CHUNK` rows per INSERT, inside the caller's transaction; then check every foreign key
    and move the tables' id sequences past the loaded ids, as Django's `loaddata` does. Returns the
    number of rows. Raises DeserializationError or DatabaseError (the caller rolls back)."""
    keys: dict[tuple[Any, ...], Any] = {}
    deserializer = _Deserializer(keys)
    loaded: list[type[models.Model]] = []
    deferred: list[base.DeserializedObject] = []
    seeded: set[type[models.Model]] = set()
    count = 0
    with connection.constraint_checks_disabled():
        for model, lines in _chunks(stream):
            if model not in loaded:
                loaded.append(model)
                if model._base_manager.exists():  # rows a migration made (documents.Layout, …)
                    seeded.add(model)
            try:
                objects = deserializer.objects(lines)
            except (base.DeserializationError, DatabaseError):
                raise
            except Exception as exc:
                raise base.DeserializationError(f"{model._meta.label_lower}: {exc!r}") from exc
            _load_chunk(model, objects, keys, seeded=model in seeded)
            deferred.extend(o for o in objects if o.deferred_fields)
            count += len(objects)
            if settings.DEBUG and not connection.force_debug_cursor:
                # DEBUG keeps the last 9,000 statements, here each up to megabytes; a test that counts
                # queries forces the debug cursor and keeps them.
                reset_queries()
        for obj in deferred:  # a natural key to a row further on (none in a backup of danvan's own models)
            obj.save_deferred_fields()
    connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    if any(m._meta.label_lower == "orgs.unit" for m in loaded):
        version_bump()  # the cached figures show units' names (saving a unit bumps it too)
    return count


def _chunks(stream: IO[bytes]) -> Iterator[tuple[type[models.Model], list[dict[str, Any]]]]:
    """The lines as dicts, up to `CHUNK` of one model at a time."""
    model: type[models.Model] | None = None
    lines: list[dict[str, Any]] = []
    for raw in stream:
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            label = line["model"]
            this = PythonDeserializer._get_model_from_node(label)  # type: ignore[attr-defined]
            assert isinstance(line.get("fields"), dict)
        except base.DeserializationError:
            raise
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            raise base.DeserializationError(f"{raw[:100]!r}: {exc!r}") from exc
        if lines and (this is not model or len(lines) >= CHUNK):
            assert model is not None
            yield model, lines
            lines = []
        model = this
        lines.append(line)
    if lines:
        assert model is not None
        yield model, lines


def _load_chunk(
    model: type[models.Model], objects: list[base.DeserializedObject], keys: dict[Any, Any], *, seeded: bool
) -> None:
    """INSERT the rows (raw, as loaddata saves them: no signals, auto_now fields kept as they were),
    many at a time; rows keyed by natural key get their new ids back and are remembered by key. In a
    table that had rows before the restore (`seeded`: made by a migration), a row that is there
    already is updated instead, as loaddata does."""
    meta = model._meta
    manager: Any = meta.base_manager
    rows = [o.object for o in objects]
    natural = _natural(model)
    if seeded:
        by_key = {tuple(o.natural_key()): o.pk for o in manager.all()} if natural else {}
        for row in rows:
            if row.pk is None and tuple(row.natural_key()) in by_key:  # type: ignore[attr-defined]
                row.pk = by_key[tuple(row.natural_key())]  # type: ignore[attr-defined]
        there = set(manager.filter(pk__in=[r.pk for r in rows if r.pk is not None]).values_list("pk", flat=True))
        for row in rows:
            if row.pk in there:
                row.save_base(raw=True)
        rows = [r for r in rows if r.pk not in there]
    _insert(model, [r for r in rows if r.pk is not None], with_pk=True)
    _insert(model, [r for r in rows if r.pk is None], with_pk=False)
    if natural:
        for obj in objects:
            key = tuple(obj.object.natural_key())  # type: ignore[attr-defined]
            keys[(model, meta.pk.name, key)] = keys[(model, meta.pk.attname, key)] = obj.object.pk
    m2m: dict[Any, list[models.Model]] = {}
    for obj in objects:
        for name, values in (obj.m2m_data or {}).items():
            field = meta.get_field(name)
            through = field.remote_field.through  # type: ignore[union-attr]
            source = through._meta.get_field(field.m2m_field_name()).attname  # type: ignore[union-attr]
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname  # type: ignore[union-attr]
            m2m.setdefault(through, []).extend(through(**{source: obj.object.pk, target: v}) for v in values)
    for through, links in m2m.items():
        _insert(through, links, with_pk=False, ids=False)


def _insert(model: type[models.Model], rows: list[models.Model], *, with_pk: bool, ids: bool = True) -> None:
    """INSERT the rows as they are (raw), `CHUNK` at a time; without their ids (`with_pk` false), the
    database gives them and they are set on the rows (unless `ids` is false)."""
    if not rows:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated and (with_pk or f is not meta.auto_field)]
    returning = None if with_pk or not ids else meta.db_returning_fields
    size = min(CHUNK, connection.ops.bulk_batch_size(fields, rows) or CHUNK)
    if returning and not connection.features.can_return_rows_from_bulk_insert:
        size = 1
    manager = model._base_manager
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        returned = manager._insert(batch, fields=fields, returning_fields=returning, raw=True)  # type: ignore[attr-defined]
        for row, values in zip(batch, returned or [], strict=False):
            for f, value in zip(returning or [], values, strict=True):
                setattr(row, f.attname, value)
        for row in batch:
            row._state.adding = False
            row._state.db = connection.alias


def _copy_without_derived(source: IO[bytes], target: IO[bytes]) -> None:
    """Copy JSON lines of a format 2 backup, which held the derived tables, leaving their rows out:
    they would be loaded only to be rebuilt (3.4 million rows at 1,000,000 initiatives). A line that
    does not start as Django's serializer writes it is kept: loaded, then replaced by the rebuild."""
    derived = tuple(f'{{"model": "{label}"'.encode() for label in DERIVED)
    for line in source:
        if not line.startswith(derived):
            target.write(line)


def rebuild_derived() -> dict[str, int]:
    """Compute every table of `DERIVED` again from the rows it is derived from (after a restore's
    loading, inside its transaction); returns the rows written per table."""
    counts = rebuild_counts()
    entries = library_rebuild()  # rewrites library.searchword too (PostgreSQL)
    return {"reports.statcount": counts, "library.publicentry": entries}
