"""Importing a spreadsheet of initiatives: check every row, then write all of it (or, if asked,
only its valid rows) in one transaction through the initiatives' bulk service."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.formatting import vn_number
from danvan.core.jobs import job_begin, job_condition, job_fail, job_finish, job_save, may_retry
from danvan.imports.access import may_import
from danvan.imports.checking import CheckResult, check_file
from danvan.imports.models import ImportJob
from danvan.imports.tasks import run_import_job
from danvan.initiatives import changes
from danvan.initiatives.services import initiatives_enter_historical
from danvan.orgs.access import is_root

MAX_PROBLEMS_KEPT = 1_000
INLINE_MAX_BYTES = 100 * 1024  # smaller files are checked during the request; larger ones in the background


@dataclass
class ImportOutcome:
    check: CheckResult
    created: int = 0
    written: bool = False

    @property
    def summary(self) -> str:
        c = self.check
        if c.file_error:
            return c.file_error
        parts = [
            _("%(n)s dòng dữ liệu") % {"n": vn_number(c.total_rows)},
            _("%(n)s dòng có lỗi") % {"n": vn_number(len(c.bad_rows))},
            _("%(n)s dòng đã có trong hệ thống (bỏ qua)") % {"n": vn_number(c.skipped_rows)},
        ]
        if self.written:
            parts.append(_("đã nhập %(n)s mô hình, điển hình") % {"n": vn_number(self.created)})
        else:
            parts.append(_("%(n)s dòng sẵn sàng nhập") % {"n": vn_number(len(c.entries))})
        return "; ".join(parts) + "."


def import_file(
    *,
    by: Actor,
    source: str | Path | IO[bytes],
    write: bool,
    valid_only: bool = False,
    progress: Callable[[int, int], None] | None = None,
    before_write: Callable[[], None] | None = None,
) -> ImportOutcome:
    """Check every row; if `write`, enter the records in one transaction: nothing unless the whole file
    is valid, or only the valid rows when `valid_only` is chosen explicitly."""
    outcome = ImportOutcome(check=check_file(source, by=by, progress=progress))
    check = outcome.check
    if not write or check.file_error or (check.problems and not valid_only):
        return outcome
    if before_write is not None:
        before_write()
    # what follows the initiatives (statistics, public library, notifications) is done once for the
    # whole file, in bulk, in the same transaction
    with transaction.atomic(), changes.bulk():
        outcome.created = initiatives_enter_historical(by=by, entries=check.entries)
    outcome.written = True
    return outcome


@transaction.atomic
def import_job_create(*, by: Actor, upload: UploadedFile, write: bool, valid_only: bool) -> ImportJob:
    if not may_import(by):
        raise PermissionDenied(_("Chỉ cán bộ, người phê duyệt hoặc quản trị đơn vị mới nhập được dữ liệu."))
    job = ImportJob(
        owner=by,
        original_name=(upload.name or "")[:255],
        write=write,
        valid_only=valid_only,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.file.save("nhap-lieu.xlsx", upload, save=False)
    job.save()
    return job


@transaction.atomic
def import_job_request_write(*, by: Actor, job: ImportJob, valid_only: bool) -> ImportJob:
    """After a check, the person asks to write the file (all of it, or only its valid rows)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_owner(by, job)
    if job.status != ImportJob.Status.CHECKED or job.write:
        raise PermissionDenied(_("Tệp này đang được xử lý hoặc đã nhập rồi."))
    job.write, job.valid_only, job.status = True, valid_only, ImportJob.Status.QUEUED
    job.save(update_fields=["write", "valid_only", "status", "updated_at"])
    return job


def _require_owner(by: Actor, job: ImportJob) -> None:
    if job.owner_id != getattr(by, "pk", None) and not is_root(by):
        raise PermissionDenied(_("Chỉ người đã tải tệp lên mới nhập được tệp này."))


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Run a job (in the worker, or inline for small files), in the language of the person who asked.
    Progress is saved as rows are read (each save a sign of life); the write itself is one transaction,
    so a worker killed mid-way leaves all of it or none, and the job can simply run again."""
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return _run(job)


def _run(job: ImportJob) -> ImportJob:
    by = job.owner
    job_begin(job, status=ImportJob.Status.CHECKING, rows_read=0, progress=job.progress_of(read=0, declared=0))

    def progress(read: int, declared: int) -> None:
        job_save(job, rows_read=read, rows_declared=declared, progress=job.progress_of(read=read, declared=declared))

    try:
        with job.file.open("rb") as source:
            outcome = import_file(
                by=by,
                source=source,
                write=job.write,
                valid_only=job.valid_only,
                progress=progress,
                before_write=lambda: job_save(job, status=ImportJob.Status.WRITING, progress=95),
            )
    except Exception:
        job_fail(job, error=_("Lỗi hệ thống khi nhập; không có gì được ghi. Hãy bấm “Thử lại”."))
        raise
    check = outcome.check
    status = ImportJob.Status.DONE if outcome.written else ImportJob.Status.CHECKED
    if check.file_error:
        status = ImportJob.Status.FAILED
    job_finish(
        job,
        status=status,
        rows_read=check.total_rows,
        total_rows=check.total_rows,
        valid_rows=len(check.entries) + check.skipped_rows,
        bad_rows=len(check.bad_rows),
        skipped_rows=check.skipped_rows,
        created_rows=outcome.created,
        problem_count=len(check.problems),
        problems=[p.as_dict() for p in check.problems[:MAX_PROBLEMS_KEPT]],
        message=outcome.summary,
    )
    return job


@transaction.atomic
def import_job_retry(*, by: Actor, job: ImportJob) -> ImportJob:
    """Run again a job that failed on the system's side or whose worker stopped (its page offers it)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require_owner(by, job)
    if not may_retry(job, job_condition(job)):
        raise PermissionDenied(_("Lần nhập này đang chạy hoặc đã xong; không cần thử lại."))
    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status", "updated_at"])
    return job


def import_job_dispatch(*, job: ImportJob) -> ImportJob:
    """Small files run now, in the request; large ones go to the background worker."""
    if job.file.size <= INLINE_MAX_BYTES:
        return import_job_run(job=job)
    run_import_job.enqueue(job.pk)
    return job
