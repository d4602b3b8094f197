"""Start-up configuration and the security headers every response carries."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import sign_in_staff

PROJECT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # Each test names the settings it starts with: none inherited from the run (CI sets CACHE_URL).
    clean_env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "CACHE_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean_env, "DJANGO_ENV_FILE": "/dev/null", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_up_refuses_without_a_secret_key_when_debug_is_off():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_development_starts_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_deploy_check_passes_with_a_production_environment():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a" * 10 + "production-like-secret-key-with-enough-variety-9f8e7d6c5b",
        DJANGO_ALLOWED_HOSTS="www.foreverfitpt.example",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.com:587",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_deploy_check_warns_when_each_process_would_keep_its_own_cache():
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY="a" * 10 + "production-like-secret-key-with-enough-variety-9f8e7d6c5b",
        DJANGO_ALLOWED_HOSTS="www.foreverfitpt.example",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.com:587",
    )
    assert "forever_fit.W001" in result.stdout + result.stderr
    assert "Set CACHE_URL=redis://" in result.stdout + result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'none'"  # anything not listed is refused
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


@pytest.mark.django_db
def test_pages_forbid_sniffing_framing_and_leaking_the_referrer(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_production_redirects_to_https_and_sends_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/locations/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/locations/"
    secure = client.get("/locations/", secure=True)
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["public", "form", "admin"])
def test_every_kind_of_page_sends_the_full_set_of_security_headers(client, admin_user, kind):
    if kind == "admin":
        sign_in_staff(client, admin_user)
    url = {"public": "/articles/", "form": "/request-appointment/", "admin": "/admin/"}[kind]
    response = client.get(url, secure=True)
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    for feature in ("camera", "microphone", "geolocation", "payment", "interest-cohort"):
        assert f"{feature}=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    for cookie in response.cookies.values():  # the form sets the CSRF cookie
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_the_warm_up_before_forking_compiles_every_template_and_opens_no_connection(
    django_assert_num_queries,
):
    from django.conf import settings

    from forever_fit.warm_up import compile_templates

    own = list((settings.BASE_DIR / "templates").rglob("*.html"))
    with django_assert_num_queries(0):  # a connection made here would be shared by the workers
        compiled = compile_templates()
    assert compiled > len(own) + 20  # ours, and the form widgets' Jinja2 templates


def test_every_variable_the_settings_read_is_documented_in_env_example():
    settings_source = (PROJECT / "forever_fit" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    documented = set(
        re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (PROJECT / ".env.example").read_text(), re.M)
    )
    assert read and read - documented == set()
