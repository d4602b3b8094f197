"""Back up and restore the whole site, database and uploads, as one archive.

SQLite is copied with its online backup API (a consistent copy while the site keeps reading and
writing); PostgreSQL with `pg_dump`'s custom format, restored with `pg_restore`. A restore goes
only into an empty database, so it can never overwrite a live site by mistake.

Archive (tar.gz): manifest.json (when, which database engine, how many of each thing),
database.sqlite3 or database.pgdump, and media/ with every upload.
"""

import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SQLITE, POSTGRES = "sqlite", "postgresql"
DATABASE_FILES = {SQLITE: "database.sqlite3", POSTGRES: "database.pgdump"}


class BackupError(Exception):
    """Something a person can act on: the message says what."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    counts: dict[str, int]

    def describe(self) -> str:
        things = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        return f"{self.engine} database of {self.created_at}: {things}"


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def count_content() -> dict[str, int]:
    from appointments.models import AppointmentRequest
    from articles.models import Article
    from locations.models import Clinic

    return {
        "articles": Article.objects.count(),
        "clinics": Clinic.objects.count(),
        "appointment requests": AppointmentRequest.objects.count(),
    }


def _pg_env_and_url() -> tuple[dict, str]:
    """libpq's environment for the configured database (the password never on a command line)."""
    db = settings.DATABASES["default"]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    url = f"postgresql://{db.get('USER') or ''}@{db.get('HOST') or ''}:{db.get('PORT') or 5432}"
    return env, f"{url}/{db['NAME']}"


def _run(command: list[str], extra_env: dict) -> None:
    # pg_dump or pg_restore from the PATH, with arguments from our own settings (bandit B603):
    # no shell, nothing a visitor typed.
    result = subprocess.run(  # nosec B603
        command, env={**os.environ, **extra_env}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def back_up(archive: Path) -> Manifest:
    """Write the database and every upload to `archive`; return what it holds."""
    kind = engine()
    manifest = Manifest(timezone.now().isoformat(), kind, count_content())
    with tempfile.TemporaryDirectory() as work:
        database_copy = Path(work) / DATABASE_FILES[kind]
        if kind == SQLITE:
            target = sqlite3.connect(database_copy)
            with target:
                connection.ensure_connection()
                connection.connection.backup(target)
            target.close()
        else:
            env, url = _pg_env_and_url()
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={database_copy}", url], env)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w:gz") as tar:
            info = json.dumps(manifest.__dict__, indent=2).encode()
            manifest_file = Path(work) / "manifest.json"
            manifest_file.write_bytes(info)
            tar.add(manifest_file, "manifest.json")
            tar.add(database_copy, database_copy.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, "media")
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(archive: Path) -> Manifest:
    """Put an archive's database and uploads back, into an empty database only."""
    kind = engine()
    if not _database_is_empty():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database (and point "
            "DATABASE_URL at it), so a live site is never overwritten."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        tar.extractall(work, filter="data")
        saved = json.loads((Path(work) / "manifest.json").read_text())
        manifest = Manifest(**saved)
        if manifest.engine != kind:
            raise BackupError(
                f"This backup is of a {manifest.engine} database; the configured one is {kind}."
            )
        database_copy = Path(work) / DATABASE_FILES[kind]
        if kind == SQLITE:
            source = sqlite3.connect(database_copy)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()
            connection.close()
        else:
            env, url = _pg_env_and_url()
            connection.close()
            _run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={url}",
                  str(database_copy)], env)  # fmt: skip
        media = Path(work) / "media"
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest
