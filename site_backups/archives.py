"""Back up and restore the whole site (database, public uploads, private uploads) as one archive
that is checked whole before anything is restored from it.

SQLite is copied with its online backup API (a consistent copy while the site keeps reading and
writing); PostgreSQL with `pg_dump`'s custom format, restored with `pg_restore` in one
transaction. A restore goes only into an empty database and empty upload folders (unless the
operator says to put the old uploads aside), so it can never overwrite a live site by mistake.

Archive (tar.gz, written under a temporary name with mode 0600 and renamed when complete):
manifest.json first (when, which engine, how many of each thing, and every file's size and
SHA-256), then database.sqlite3 or database.pgdump, media/... and private/.... `verify` reads
the whole archive against its manifest, to the gzip checksum at its end: a damaged, truncated or
foreign file is refused with one sentence, before the database or a folder is touched.
"""

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SQLITE, POSTGRES = "sqlite", "postgresql"
DATABASE_FILES = {SQLITE: "database.sqlite3", POSTGRES: "database.pgdump"}
FORMAT = 2  # 1: no file list; not restorable, since it cannot be checked
CHUNK = 1 << 20
# Errors of a file that is not a whole gzip-compressed tar archive.
UNREADABLE = (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error, OSError)


class BackupError(Exception):
    """Something a person can act on: the message says what."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    counts: dict[str, int]
    files: dict[str, dict] = field(default_factory=dict)  # name: {"size": n, "sha256": hex}
    format: int = FORMAT

    def describe(self) -> str:
        things = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        uploads = sum(1 for name in self.files if name.startswith(("media/", "private/")))
        return f"{self.engine} database of {self.created_at}: {things}, {uploads} uploaded files"


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def upload_folders() -> dict[str, Path]:
    """The folders a backup holds, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_ROOT)}


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


def _digest(path: Path) -> dict:
    sha256 = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            sha256.update(chunk)
    return {"size": path.stat().st_size, "sha256": sha256.hexdigest()}


# --- Backing up ---------------------------------------------------------------------------------


def back_up(archive: Path) -> Manifest:
    """Write the database and every upload to `archive`; return what it holds."""
    kind = engine()
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
        contents = {database_copy.name: database_copy}
        for name, folder in upload_folders().items():
            if folder.is_dir():
                for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                    contents[f"{name}/{path.relative_to(folder).as_posix()}"] = path
        manifest = Manifest(
            timezone.now().isoformat(),
            kind,
            count_content(),
            {name: _digest(path) for name, path in contents.items()},
        )
        manifest_file = Path(work) / "manifest.json"
        manifest_file.write_text(json.dumps(manifest.__dict__, indent=2))
        with _written_whole(archive) as partial, tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_file, "manifest.json")  # first: a reader checks the rest against it
            for name, path in contents.items():
                tar.add(path, name, recursive=False)
    return manifest


@contextmanager
def _written_whole(archive: Path) -> Iterator[Path]:
    """A temporary file beside `archive`, readable by its owner only, renamed into place once
    complete: a backup interrupted half-way never looks like a backup."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(
        dir=archive.parent, prefix=f".{archive.name}.", suffix=".part"
    )
    os.close(descriptor)  # mkstemp makes it 0600
    partial = Path(name)
    try:
        yield partial
        with partial.open("rb+") as file:
            os.fsync(file.fileno())
        partial.replace(archive)
    finally:
        partial.unlink(missing_ok=True)


# --- Checking -----------------------------------------------------------------------------------


def _members(archive: Path) -> Iterator[tuple[tarfile.TarInfo, tarfile.TarFile]]:
    """Each member of the archive in order, then the gzip stream read to its end (where its
    checksum is checked: tarfile alone stops at the first block it takes for the end)."""
    with archive.open("rb") as raw, gzip.GzipFile(fileobj=raw) as stream:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                yield member, tar
        while stream.read(CHUNK):
            pass


def _manifest_from(member: tarfile.TarInfo, tar: tarfile.TarFile) -> Manifest:
    if member.name != "manifest.json" or not member.isfile() or member.size > 50 * CHUNK:
        raise BackupError("no manifest")
    try:
        saved = json.loads(tar.extractfile(member).read())
        manifest = Manifest(**saved)
    except (ValueError, TypeError) as error:
        raise BackupError("an unreadable manifest") from error
    if manifest.format != FORMAT or DATABASE_FILES.get(manifest.engine) not in manifest.files:
        raise BackupError("a manifest of another kind")
    return manifest


def _read_checked(member, tar, expected: dict | None, write_to: Path | None) -> None:
    """Read one member whole (to `write_to` if given), checking it against the manifest."""
    if expected is None or not member.isfile():
        raise BackupError(f"{member.name!r}, which its manifest does not list")
    sha256, size = hashlib.sha256(), 0
    source = tar.extractfile(member)
    out = write_to.open("wb") if write_to else None
    try:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            size += len(chunk)
            if out:
                out.write(chunk)
    finally:
        if out:
            out.close()
    if size != expected["size"] or sha256.hexdigest() != expected["sha256"]:
        raise BackupError(f"{member.name!r}, whose content differs from its manifest")


def _walk(archive: Path, extract_to: Path | None = None) -> Manifest:
    """Read the whole archive, checking every file against the manifest (and extracting each
    to `extract_to` when given); raise BackupError with one sentence if anything is off."""
    if not archive.is_file():
        raise BackupError(f"There is no backup archive at {archive}.")
    manifest, seen = None, set()
    try:
        for member, tar in _members(archive):
            if manifest is None:
                manifest = _manifest_from(member, tar)
                continue
            name = member.name
            target = None
            if extract_to is not None:
                if name in seen or ".." in Path(name).parts or Path(name).is_absolute():
                    raise BackupError(f"{name!r}, a name it may not hold")
                target = extract_to / name
                target.parent.mkdir(parents=True, exist_ok=True)
            _read_checked(member, tar, manifest.files.get(name), target)
            seen.add(name)
    except BackupError as problem:
        raise BackupError(
            f"{archive} is not a backup this site can trust: it holds {problem}. "
            "Nothing was restored."
        ) from problem
    except UNREADABLE as error:
        if manifest is None:
            raise BackupError(
                f"{archive} is not a backup made by backup_site (it cannot be "
                "read as one). Nothing was restored."
            ) from error
        raise BackupError(
            f"{archive} is damaged or incomplete (it breaks off or its checksum "
            "fails). Nothing was restored."
        ) from error
    if manifest is None:
        raise BackupError(f"{archive} is empty. Nothing was restored.")
    if missing := sorted(set(manifest.files) - seen):
        raise BackupError(
            f"{archive} is damaged or incomplete: {len(missing)} of its "
            f"{len(manifest.files)} files are missing (first: {missing[0]}). "
            "Nothing was restored."
        )
    return manifest


def verify(archive: Path) -> Manifest:
    """Check the whole archive against its manifest, changing nothing."""
    return _walk(archive)


# --- Restoring ----------------------------------------------------------------------------------


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _folder_is_empty(folder: Path) -> bool:
    return not folder.exists() or not any(folder.iterdir())


def restore(archive: Path, *, replace_uploads: bool = False) -> Manifest:
    """Put an archive's database and uploads back, into an empty database only.

    Checked whole first. The database is restored all or nothing; the uploads are unpacked
    beside their folders and moved into place. With `replace_uploads`, upload folders that are
    not empty are kept aside (renamed with the time) instead of refused.
    """
    kind = engine()
    manifest = verify(archive)
    if manifest.engine != kind:
        raise BackupError(
            f"This backup is of a {manifest.engine} database; the configured one is {kind}."
        )
    if not _database_is_empty():
        raise BackupError(
            "The database is not empty. Restore into a new, empty database (and point "
            "DATABASE_URL at it), so a live site is never overwritten."
        )
    folders = upload_folders()
    full = [str(path) for path in folders.values() if not _folder_is_empty(path)]
    if full and not replace_uploads:
        raise BackupError(
            f"The uploads folder {full[0]} is not empty. Restore into empty folders, or add "
            "--replace-uploads to keep the present ones aside."
        )
    media = folders["media"]
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".restore-") as work:
        unpacked = Path(work)
        _walk(archive, extract_to=unpacked)  # checked again as it is written
        _restore_database(kind, unpacked / DATABASE_FILES[kind])
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        for name, folder in folders.items():
            if folder.exists() and not _folder_is_empty(folder):
                folder.rename(folder.with_name(f"{folder.name}.replaced-{stamp}"))
            elif folder.exists():
                folder.rmdir()
            source = unpacked / name
            if source.is_dir():
                folder.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(source, folder)  # a rename on the same filesystem
    return manifest


def _restore_database(kind: str, dump: Path) -> None:
    connection.close()
    if kind == POSTGRES:
        env, url = _pg_env_and_url()
        # One transaction: a dump that fails half-way leaves the database as empty as it was.
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={url}",
                str(dump),
            ],
            env,
        )
        return
    # SQLite: the copy is made complete beside the database file, then renamed over it.
    target = Path(settings.DATABASES["default"]["NAME"])
    partial = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(dump, partial)
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    partial.replace(target)
