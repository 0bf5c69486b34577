"""The review queue as Excel or CSV, with the queue's current filters."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.utils.translation import gettext_lazy as _

from danvan.core.exports import Column, export_response
from danvan.core.http import SignedInRequest
from danvan.orgs.selectors import filter_scope, filter_units
from danvan.reviews import selectors
from danvan.reviews.forms import QueueFilterForm
from danvan.reviews.views import require_reviewer

QUEUE_COLUMNS = [
    Column(_("Mã số danvan"), lambda i: i.pk),
    Column(_("Tên mô hình, điển hình"), lambda i: i.title),
    Column(_("Loại"), lambda i: i.get_kind_display()),
    Column(_("Họ và tên"), lambda i: i.person_name),
    Column(_("Lĩnh vực"), lambda i: i.field.name),
    Column(_("Mã đơn vị"), lambda i: i.unit.code),
    Column(_("Đơn vị"), lambda i: i.unit.name),
    Column(_("Năm đăng ký"), lambda i: i.year),
    Column(_("Cấp đang bình xét"), lambda i: i.get_review_level_display()),
    Column(_("Điểm của tôi"), lambda i: i.my_total),
    Column(_("Điểm tối đa"), lambda i: i.my_max),
]


@login_required
def review_queue_export(request: SignedInRequest, fmt: str) -> HttpResponseBase:
    require_reviewer(request)
    form = QueueFilterForm(request.GET or None, units=filter_units(request.user), scope=filter_scope(request.user))
    rows = selectors.review_queue(user=request.user, filters=form.filters())
    return export_response(items=rows, columns=QUEUE_COLUMNS, filename="danh-sach-binh-xet", fmt=fmt)
