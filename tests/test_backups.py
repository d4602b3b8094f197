"""Back up a site with content, uploads and a patient's request; restore it into an empty
database and an empty uploads folder; find the same things. On the engine this run uses
(SQLite here; PostgreSQL with pg_dump when DATABASE_URL names one, as in CI)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import environ
import psycopg
import pytest

PROJECT = Path(__file__).resolve().parents[1]
RUN_DATABASE = os.environ.get("DATABASE_URL", "")
SNAPSHOT = """
import json, os
from appointments.models import AppointmentRequest
from articles.models import Article
from locations.models import Clinic
from django.conf import settings
media = sorted(
    str(p.relative_to(settings.MEDIA_ROOT))
    for p in __import__("pathlib").Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
)
print(json.dumps({
    "articles": sorted(Article.objects.values_list("slug", "title", "status")),
    "clinics": sorted(Clinic.objects.values_list("slug", "name", "phone")),
    "requests": sorted(AppointmentRequest.objects.values_list("pk", "last_name", "note")),
    "media": media,
}))
"""


@pytest.fixture
def databases(tmp_path):
    """Two database URLs on this run's engine: one for the live site, one empty to restore to."""
    if not RUN_DATABASE.startswith("postgres"):
        yield [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("site", "restored")]
        return
    server = environ.Env.db_url_config(RUN_DATABASE)
    names = [f"ff_backup_{name}_{secrets.token_hex(4)}" for name in ("site", "restored")]
    admin = f"postgresql://{server['USER']}:{server['PASSWORD']}@{server['HOST']}:{server['PORT']}"
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    yield [f"{admin}/{name}" for name in names]
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database, media):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("CACHE_URL", None)
    env.update(
        DJANGO_ENV_FILE="/dev/null",
        DJANGO_SECRET_KEY="test-only",
        DATABASE_URL=database,
        DJANGO_MEDIA_ROOT=str(media),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def snapshot(database, media) -> dict:
    result = manage("shell", "-c", SNAPSHOT, database=database, media=media)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_backup_restores_into_an_empty_database_with_the_same_content(databases, tmp_path):
    site, empty = databases
    site_media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    for step in (["migrate", "-v0"], ["load_demo_content"]):
        assert manage(*step, database=site, media=site_media).returncode == 0
    add_request = (
        "from tests.factories import make_request\n"
        "make_request(last_name='Okafor-Łukasik', note='Knee, since March')"
    )
    assert manage("shell", "-c", add_request, database=site, media=site_media).returncode == 0
    before = snapshot(site, site_media)
    assert before["articles"] and before["clinics"] and before["requests"] and before["media"]

    archive = tmp_path / "site-backup.tar.gz"
    backed_up = manage("backup_site", str(archive), database=site, media=site_media)
    assert backed_up.returncode == 0, backed_up.stderr
    assert "7 articles, 5 clinics, 181 appointment requests" in backed_up.stdout  # demo: 180

    restored = manage("restore_site", str(archive), database=empty, media=restored_media)
    assert restored.returncode == 0, restored.stderr
    assert snapshot(empty, restored_media) == before

    # A second restore would overwrite a live site: refused.
    again = manage("restore_site", str(archive), database=empty, media=restored_media)
    assert again.returncode != 0
    assert "The database is not empty" in again.stderr
