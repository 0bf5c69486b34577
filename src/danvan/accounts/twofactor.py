"""Optional second factor (TOTP, any authenticator app) for approvers and admins."""

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core.actors import Visitor
from danvan.orgs.access import is_root, roles_of
from danvan.orgs.models import Role

SECOND_FACTOR_ROLES = {Role.APPROVER, Role.ADMIN}


def may_use_second_factor(user: Visitor) -> bool:
    return bool(is_root(user) or any(m.role in SECOND_FACTOR_ROLES for m in roles_of(user)))


def confirmed_device(user: Visitor) -> TOTPDevice | None:
    return next((d for d in devices_for_user(user, confirmed=True) if isinstance(d, TOTPDevice)), None)


@transaction.atomic
def totp_setup_device(*, user: Visitor) -> TOTPDevice:
    """The unconfirmed device a user is setting up (a new secret each time setup starts over)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="danvan", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5))


@transaction.atomic
def totp_confirm(*, user: Visitor, token: str) -> bool:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def totp_disable(*, user: Visitor, token: str) -> bool:
    device = confirmed_device(user)
    if device is None or not device.verify_token(token.strip()):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    return True
