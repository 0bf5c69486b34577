"""The one rule every step that deletes data obeys: never on a production database."""

import os

from django.conf import settings


class ProductionRefused(Exception):
    pass


def is_production() -> bool:
    """DANVAN_ENV=production in the environment now, or when the settings were read."""
    return os.environ.get("DANVAN_ENV") == "production" or bool(getattr(settings, "PRODUCTION", False))


def refuse_in_production(action: str) -> None:
    """Raise ProductionRefused, naming `action`, when this is a production database."""
    if is_production():
        raise ProductionRefused(
            f"DANVAN_ENV=production: không {action} trên cơ sở dữ liệu thật. Bộ sinh dữ liệu và các phép đo "
            "chỉ chạy trên cơ sở dữ liệu thử: đặt DATABASE_URL tới một cơ sở dữ liệu riêng và bỏ "
            "DANVAN_ENV=production."
        )
