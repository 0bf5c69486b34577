"""The REST API of the contract (/work/shared/API.md): one NinjaAPI, one router per resource."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from danvan.api.auth import TokenAuth
from danvan.api.endpoints import (
    decisions,
    fields,
    initiatives,
    keytasks,
    measures,
    proposals,
    reports,
    rounds,
    stats,
    units,
    users,
)
from danvan.api.errors import install_error_handlers
from danvan.api.throttling import TokenRateThrottle


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese as it is written, not as \\u escapes."""

    media_type = "application/json; charset=utf-8"
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="danvan API",
    version="1",
    description=str(
        _(
            "API của nền tảng phong trào thi đua “Dân vận khéo”. Xác thực: tiêu đề "
            "“Authorization: Bearer <mã>” (tạo mã bằng `uv run danvan create_api_token <tên đăng nhập>`)."
        )
    ),
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
for module in (units, users, fields, measures, initiatives, decisions, proposals, stats, reports, keytasks, rounds):
    api.add_router("", module.router)
