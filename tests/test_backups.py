"""Back up a site with content, uploads and a patient's request; restore it into an empty
database and an empty uploads folder; find the same things. On the engine this run uses
(SQLite here; PostgreSQL with pg_dump when DATABASE_URL names one, as in CI).

The site and its backup are made once for the file (migrating and loading the demo is most of
the time) and only read by the tests; each test restores into an empty database of its own."""

import json
import os
import secrets
import tarfile
from contextlib import contextmanager
from dataclasses import dataclass
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


# Kept on one worker (`--dist loadgroup`), so the site and its backup are made once.
pytestmark = pytest.mark.xdist_group("backups")


@contextmanager
def new_database(name: str, folder: Path):
    """A new, empty database on this run's engine, dropped afterwards: its URL."""
    if not RUN_DATABASE.startswith("postgres"):
        yield f"sqlite:///{folder / name}.sqlite3"
        return
    server = environ.Env.db_url_config(RUN_DATABASE)
    name = f"ff_backup_{name}_{secrets.token_hex(4)}"
    admin = f"postgresql://{server['USER']}:{server['PASSWORD']}@{server['HOST']}:{server['PORT']}"
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin}/{name}"
    finally:
        with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class BackedUpSite:
    database: str
    media: Path
    archive: Path
    said: str  # what backup_site printed


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site with content, uploads, a private upload and a patient's request, and its backup."""
    folder = tmp_path_factory.mktemp("site")
    with new_database("site", folder) as database:
        media = folder / "media"
        assert manage("migrate", "-v0", database=database, media=media).returncode == 0
        assert manage("load_demo_content", database=database, media=media).returncode == 0
        add_request = (
            "from tests.factories import make_request\n"
            "make_request(last_name='Okafor-Łukasik', note='Knee, since March')"
        )
        added = manage("shell", "-c", add_request, database=database, media=media)
        assert added.returncode == 0, added.stderr
        private = folder / "media-private" / "wordpress-exports"
        private.mkdir(parents=True)
        (private / "export.xml").write_text("<rss>a WordPress export</rss>")
        archive = folder / "backups" / "site.tar.gz"
        backed_up = manage("backup_site", str(archive), database=database, media=media)
        assert backed_up.returncode == 0, backed_up.stderr
        yield BackedUpSite(database, media, archive, backed_up.stdout)


@pytest.fixture
def empty(tmp_path):
    """An empty database to restore into."""
    with new_database("restored", tmp_path) as database:
        yield database


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


def test_a_backup_restores_into_an_empty_database_with_the_same_content(site, empty, tmp_path):
    before = snapshot(site.database, site.media)
    assert before["articles"] and before["clinics"] and before["requests"] and before["media"]
    assert any(path.startswith("private/consents/") for path in before["media"])  # signed forms
    assert "8 articles, 5 clinics, 181 appointment requests" in site.said  # demo: 180

    restored_media = tmp_path / "restored-media"
    restored = manage("restore_site", str(site.archive), database=empty, media=restored_media)
    assert restored.returncode == 0, restored.stderr
    assert snapshot(empty, restored_media) == before

    # A second restore would overwrite a live site: refused.
    again = manage("restore_site", str(site.archive), database=empty, media=restored_media)
    assert again.returncode != 0
    assert "The database is not empty" in again.stderr


def test_a_backup_holds_the_private_uploads_and_only_its_owner_can_read_it(site, empty, tmp_path):
    archive = site.archive
    assert archive.stat().st_mode & 0o777 == 0o600
    assert list(archive.parent.iterdir()) == [archive]  # no partial file left behind
    before = snapshot(site.database, site.media)
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
    site, empty, tmp_path
):
    archive = site.archive
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


def test_a_restore_refuses_upload_folders_that_are_not_empty_unless_told(site, empty, tmp_path):
    archive = site.archive
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
