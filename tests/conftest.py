import os

import hypothesis
import pytest
from django.conf import global_settings
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.flatpages.models import FlatPage
from django.core import serializers
from django.core.cache import cache
from django.test import override_settings

from articles.models import UrgentCareNotice
from pages.models import HomePage
from tests.workers import with_redis_db

# Hypothesis: a quick look on a developer's machine, a longer one in CI (.ci/run sets "ci").
hypothesis.settings.register_profile("dev", max_examples=15)
hypothesis.settings.register_profile("ci", max_examples=60)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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


@pytest.fixture(scope="session", autouse=True)
def workers_own_redis_database():
    """A shared Redis cache (CI's CACHE_URL) in this worker's own database: tests empty theirs."""
    cache_config = django_settings.CACHES["default"]
    if "redis" not in cache_config["BACKEND"].lower():
        yield
        return
    own = {**cache_config, "LOCATION": with_redis_db(cache_config["LOCATION"])}
    with override_settings(CACHES={**django_settings.CACHES, "default": own}):
        yield


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Every test account's password is "x": production's PBKDF2 (1.5 million rounds, half a
    second of CPU per account or sign-in here) would test nothing but the machine. The
    commands run as subprocesses (backups, migrations) keep production's hasher, and every
    production hasher still reads (recovery codes are scrypt hashes, whatever this says)."""
    quick = ["django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=quick):
        yield


SITE_URL = "https://www.foreverfitpt.example"


@pytest.fixture(autouse=True)
def public_site_url(settings):
    """A public address unlike the test client's host: absolute links must come from it."""
    settings.SITE_URL = SITE_URL


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Keep files that tests upload or draw out of the project's media and private folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: rate-limit counts must not leak between tests."""
    cache.clear()


@pytest.fixture(scope="session")
def migration_data(django_db_setup, django_db_blocker):
    """What the data migrations create (groups, site pages, the urgent-care wording), saved once."""
    with django_db_blocker.unblock():
        return [
            # Permissions by name: the flush re-creates them under new ids.
            serializers.serialize("json", Group.objects.all(), use_natural_foreign_keys=True),
            serializers.serialize(
                "json",
                [*FlatPage.objects.all(), *UrgentCareNotice.objects.all(), *HomePage.objects.all()],
            ),
        ]


@pytest.fixture
def restored_migration_data(transactional_db, migration_data):
    """Put the migrations' data back: a transactional test empties the database after it
    (content types, permissions and the site come back by themselves)."""
    if not Group.objects.exists():
        for data in migration_data:
            for saved in serializers.deserialize("json", data):
                saved.save()
