"""Issue 17, point 7: API tokens listed and revoked (page and command), expiring, revoked by a new
password or a locked account, and issued to a user with two-factor only after the second factor."""

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.services import user_set_active
from danvan.api.models import ApiToken
from danvan.api.services import api_token_create
from tests.api_helpers import ApiClient
from tests.conftest import World

pytestmark = pytest.mark.django_db


def works(token: str) -> bool:
    return ApiClient(None, token=token).get("/fields").status_code == 200


def test_revoke_api_tokens_lists_and_revokes_every_token(world: World) -> None:
    _row, first = api_token_create(user=world.officer, name="kho dữ liệu")
    _row, second = api_token_create(user=world.officer)
    _row, other = api_token_create(user=world.approver)
    out = StringIO()
    call_command("revoke_api_tokens", "thon.canbo", "--list", stdout=out)
    assert out.getvalue().count("còn hiệu lực") == 2 and "kho dữ liệu" in out.getvalue()
    assert works(first) and works(second)
    out = StringIO()
    call_command("revoke_api_tokens", "thon.canbo", stdout=out)
    assert "Đã thu hồi 2 mã" in out.getvalue()
    assert not works(first) and not works(second) and works(other)
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("revoke_api_tokens", "khong.co")


def test_tokens_expire(world: World, settings: Any) -> None:
    settings.API_TOKEN_DAYS = 30
    row, token = api_token_create(user=world.officer)
    assert row.expires_at is not None
    assert abs(row.expires_at - (timezone.now() + datetime.timedelta(days=30))) < datetime.timedelta(minutes=1)
    assert works(token)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not works(token)


def test_a_new_password_or_a_locked_account_ends_every_token(world: World) -> None:
    _row, token = api_token_create(user=world.officer)
    client = world.client_for(world.officer)
    new = "mat-khau-moi-rat-dai-2027"
    from tests.conftest import PASSWORD

    client.post("/tai-khoan/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert not works(token)
    _row, token = api_token_create(user=world.officer)
    world.officer.last_login = timezone.now()
    world.officer.save(update_fields=["last_login"])  # an ordinary save keeps the token
    assert works(token)
    user_set_active(by=world.province_admin, user=world.officer, active=False)
    user_set_active(by=world.province_admin, user=world.officer, active=True)
    assert not works(token)  # unlocking does not bring it back
    assert ApiToken.objects.filter(user=world.officer, revoked_at__isnull=True).count() == 0


def test_a_user_with_two_factor_gets_a_token_only_after_the_second_factor(world: World) -> None:
    device = TOTPDevice.objects.create(user=world.approver, name="danvan", confirmed=True)
    with pytest.raises(CommandError, match="xác thực hai bước"):
        call_command("create_api_token", "tinh.pheduyet", stdout=StringIO())
    with pytest.raises(CommandError, match="xác thực hai bước"):
        call_command("create_api_token", "tinh.pheduyet", "--otp", "000000", stdout=StringIO())
    assert not ApiToken.objects.filter(user=world.approver).exists()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    out = StringIO()
    call_command("create_api_token", "tinh.pheduyet", "--otp", code, stdout=out)
    assert works(out.getvalue().strip())
    # On the web: a session that did not pass the second factor gets no token.
    page = world.client_for(world.approver).post(reverse("api-tokens"), {"name": "x"})
    assert "xác thực hai bước" in page.content.decode()
    assert ApiToken.objects.filter(user=world.approver).count() == 1


def test_the_token_page_lists_issues_and_revokes(world: World) -> None:
    client = world.client_for(world.officer)
    page = client.post(reverse("api-tokens"), {"name": "bảng tính"})
    row = ApiToken.objects.get(user=world.officer)
    token = page.context["issued"]
    assert token in page.content.decode() and "bảng tính" in page.content.decode() and works(token)
    client.post(reverse("api-tokens"), {"revoke": str(row.pk)})
    assert not works(token)
    # An admin of the user's scope lists and revokes; an outsider gets 404.
    _row, again = api_token_create(user=world.officer)
    admin = world.client_for(world.province_admin)
    listing = admin.get(reverse("api-user-tokens", args=[world.officer.pk]))
    assert listing.status_code == 200 and again[:8] in listing.content.decode()
    admin.post(reverse("api-user-tokens", args=[world.officer.pk]), {"revoke": "all"})
    assert not works(again)
    assert world.client_for(world.outsider).get(reverse("api-user-tokens", args=[world.officer.pk])).status_code == 404


def test_a_token_stops_while_failed_sign_ins_lock_the_account_out(world: World) -> None:
    """django-axes locks the account after five failed sign-ins from any addresses; its tokens stop too,
    and work again once the cool-off has passed (nothing is revoked)."""
    from axes.models import AccessAttempt
    from django.test import Client

    _row, token = api_token_create(user=world.officer)
    _row, other = api_token_create(user=world.approver)
    for n in range(4):
        Client().post("/dang-nhap/", {"username": "thon.canbo", "password": "sai"}, REMOTE_ADDR=f"10.9.0.{n}")
    assert works(token)  # four failures: not yet locked
    Client().post("/dang-nhap/", {"username": "thon.canbo", "password": "sai"}, REMOTE_ADDR="10.9.0.9")
    assert not works(token) and works(other)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert works(token)
    assert ApiToken.objects.filter(user=world.officer, revoked_at__isnull=True).count() == 1
