import pytest


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Serve static files from the source tree: tests must not need collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def plain_http(settings):
    """Let the test client speak plain HTTP; HTTPS redirection has a test of its own."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Keep files that tests upload or draw out of the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
