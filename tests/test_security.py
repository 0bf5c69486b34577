"""Hardening: deploy checks, CSP, CSRF, clickjacking, cookies."""

import os
import re
import subprocess
import sys

from django.test import Client


def _production_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **env,
        "DANVAN_ENV": "production",
        "SECRET_KEY": "x" * 20 + "-production-secret-for-the-deploy-check-only-0123456789",
        "ALLOWED_HOSTS": "danvan.example.vn",
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
    }


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = _production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_cookies_and_hsts() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS > 0, s.X_FRAME_OPTIONS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=_production_env(), capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert out == ["True", "True", "True", "Lax", "True", "DENY"]


def test_pages_carry_a_strict_csp_and_no_inline_script(client, world) -> None:
    for c, url in [(client, "/"), (client, "/dang-nhap/"), (world.client_for(world.officer), "/don-vi/")]:
        response = c.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", response.content.decode(), re.S)
        assert scripts, "htmx is loaded"
        for attributes, body in scripts:
            assert "src=" in attributes and not body.strip(), "no inline script"
        assert ' style="' not in response.content.decode()


def test_forms_need_the_csrf_token(world) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "thon.canbo", "password": "x"})
    assert response.status_code == 403
