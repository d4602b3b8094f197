import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Serve static files from the source tree: tests must not need collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def plain_http():
    """Let test clients speak plain HTTP; HTTPS redirection has a test of its own.

    Session-wide, so that the live server (also session-wide) starts with it.
    """
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Keep files that tests upload or draw out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: rate-limit counts must not leak between tests."""
    cache.clear()
