"""Back up a site with content, uploads and a patient's request; restore it into an empty
database and an empty uploads folder; find the same things. On the engine this run uses
(SQLite here; PostgreSQL with pg_dump when DATABASE_URL names one, as in CI)."""

import json
import os
import secrets
import tarfile
from pathlib import Path

import environ
import psycopg
import pytest

from tests.commands import manage

RUN_DATABASE = os.environ.get("DATABASE_URL", "")
SNAPSHOT = """
import json, os
from appointments.models import AppointmentRequest
from articles.models import Article
from locations.models import Clinic
from django.conf import settings
import hashlib
from pathlib import Path
media = sorted(
    f"{kind}/{p.relative_to(root)}:{hashlib.sha256(p.read_bytes()).hexdigest()[:16]}"
    for kind, root in (("media", Path(settings.MEDIA_ROOT)),
                       ("private", Path(settings.PRIVATE_ROOT)))
    for p in root.rglob("*") if p.is_file()
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


def table_count(database, media) -> int:
    result = manage(
        "shell",
        "-c",
        "from django.db import connection; print(len(connection.introspection.table_names()))",
        database=database,
        media=media,
    )
    return int(result.stdout.strip().splitlines()[-1])


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


@pytest.fixture
def site_and_archive(databases, tmp_path):
    """A site with content, uploads and a private upload, and its backup."""
    site, empty = databases
    media = tmp_path / "media"
    assert manage("migrate", "-v0", database=site, media=media).returncode == 0
    assert manage("load_demo_content", database=site, media=media).returncode == 0
    private = tmp_path / "media-private" / "wordpress-exports"
    private.mkdir(parents=True)
    (private / "export.xml").write_text("<rss>a WordPress export</rss>")
    archive = tmp_path / "backups" / "site.tar.gz"
    backed_up = manage("backup_site", str(archive), database=site, media=media)
    assert backed_up.returncode == 0, backed_up.stderr
    return site, empty, archive


def test_a_backup_holds_the_private_uploads_and_only_its_owner_can_read_it(
    site_and_archive, tmp_path
):
    site, empty, archive = site_and_archive
    assert archive.stat().st_mode & 0o777 == 0o600
    assert list(archive.parent.iterdir()) == [archive]  # no partial file left behind
    before = snapshot(site, tmp_path / "media")
    assert any(name.startswith("private/wordpress-exports/export.xml") for name in before["media"])

    restored_media = tmp_path / "restored" / "media"
    restored = manage("restore_site", str(archive), database=empty, media=restored_media)
    assert restored.returncode == 0, restored.stderr
    exported = tmp_path / "restored" / "media-private" / "wordpress-exports" / "export.xml"
    assert exported.read_text() == "<rss>a WordPress export</rss>"
    assert snapshot(empty, restored_media)["media"] == before["media"]


def damaged_copies(archive: Path, folder: Path) -> dict[str, Path]:
    data = archive.read_bytes()
    size = len(data)

    def overwritten(offset):
        return data[:offset] + b"\xde\xad\xbe\xef" + data[offset + 4 :]

    versions = {
        "its first bytes": overwritten(0),
        "its compressed start": overwritten(64),  # past the header and its file name
        "its middle": overwritten(size // 2),
        "its last block": overwritten(size - 40),
        "its checksum": overwritten(size - 8),
        "truncated": data[: int(size * 0.6)],
        "a text file": b"These are not the backups you are looking for.\n" * 100,
    }
    copies = {}
    for name, content in versions.items():
        copies[name] = folder / f"{name.replace(' ', '-')}.tar.gz"
        copies[name].write_bytes(content)
    # A real tar.gz of something else.
    with tarfile.open(folder / "foreign.tar.gz", "w:gz") as foreign:
        foreign.add(archive.parent, "backups")
    copies["another archive"] = folder / "foreign.tar.gz"
    return copies


def test_a_damaged_truncated_or_foreign_archive_is_refused_and_nothing_is_written(
    site_and_archive, tmp_path
):
    _, empty, archive = site_and_archive
    folder = tmp_path / "damaged"
    folder.mkdir()
    restored_media = tmp_path / "restored" / "media"
    verified = manage("backup_site", "--verify", str(archive), database=empty, media=restored_media)
    assert verified.returncode == 0 and "is whole" in verified.stdout

    for damage, copy in damaged_copies(archive, folder).items():
        for command in (["backup_site", "--verify"], ["restore_site"]):
            result = manage(*command, str(copy), database=empty, media=restored_media)
            assert result.returncode != 0, (damage, command)
            message = result.stderr.strip()
            assert "Traceback" not in message, (damage, message)
            assert "Nothing was restored." in message, (damage, message)
            assert len(message.splitlines()) == 1, (damage, message)
    assert not restored_media.exists()
    assert not (tmp_path / "restored").exists()
    assert table_count(empty, restored_media) == 0


def test_a_restore_refuses_upload_folders_that_are_not_empty_unless_told(
    site_and_archive, tmp_path
):
    _, empty, archive = site_and_archive
    media = tmp_path / "live-media"
    media.mkdir()
    (media / "photo.jpg").write_bytes(b"a picture already here")
    refused = manage("restore_site", str(archive), database=empty, media=media)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--replace-uploads" in refused.stderr
    assert table_count(empty, media) == 0

    replaced = manage(
        "restore_site", "--replace-uploads", str(archive), database=empty, media=media
    )
    assert replaced.returncode == 0, replaced.stderr
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("live-media.replaced-")]
    assert [p.name for p in aside[0].iterdir()] == ["photo.jpg"]
    assert any(media.rglob("*.webp")) or any(media.rglob("*.jpg"))
