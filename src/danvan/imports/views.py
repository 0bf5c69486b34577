from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.http import SignedInRequest
from danvan.core.jobs import job_wait_context
from danvan.imports import services
from danvan.imports.access import access_import_job, may_import
from danvan.imports.forms import ImportUploadForm, ImportWriteForm
from danvan.imports.models import ImportJob
from danvan.imports.template import build_template

PROBLEMS_SHOWN = 500


def _require_importer(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied(_("Chỉ cán bộ, người phê duyệt hoặc quản trị đơn vị mới nhập được dữ liệu."))


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: SignedInRequest) -> HttpResponse:
    _require_importer(request)
    posted = request.method == "POST"  # bound even when a cut left nothing of the body: refused, not shown afresh
    form = ImportUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        job = services.import_job_create(
            by=request.user,
            upload=form.cleaned_data["file"],
            write=request.POST.get("action") == "write",
            valid_only=form.cleaned_data["valid_only"],
        )
        services.import_job_dispatch(job=job)
        return redirect("imports-job", job_id=job.pk)
    jobs = ImportJob.objects.filter(owner_id=request.user.pk)[:10]
    return render(request, "imports/start.html", {"form": form, "jobs": jobs}, status=400 if form.errors else 200)


@login_required
def import_template(request: SignedInRequest) -> HttpResponse:
    response = HttpResponse(
        build_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-mo-hinh-dien-hinh.xlsx"'
    return response


@login_required
def import_job(request: SignedInRequest, job_id: int) -> HttpResponse:
    job = access_import_job(user=request.user, job_id=job_id)
    template = "imports/job.html#status" if request.htmx else "imports/job.html"
    context = {"job": job, "problems": job.problems[:PROBLEMS_SHOWN], **job_wait_context(job)}
    return render(request, template, context)


@login_required
@require_POST
def import_job_write(request: SignedInRequest, job_id: int) -> HttpResponse:
    job = access_import_job(user=request.user, job_id=job_id)
    form = ImportWriteForm(request.POST)
    form.is_valid()
    job = services.import_job_request_write(by=request.user, job=job, valid_only=form.cleaned_data["valid_only"])
    services.import_job_dispatch(job=job)
    messages.info(request, _("Đã bắt đầu nhập tệp %(name)s.") % {"name": job.original_name})
    return redirect("imports-job", job_id=job.pk)


@login_required
@require_POST
def import_job_retry(request: SignedInRequest, job_id: int) -> HttpResponse:
    """Run again an import that failed on the system's side or whose worker stopped."""
    job = access_import_job(user=request.user, job_id=job_id)
    job = services.import_job_retry(by=request.user, job=job)
    services.import_job_dispatch(job=job)
    return redirect("imports-job", job_id=job.pk)
