"""WordPress's uploads folder sent as a .zip (from the admin, for those who never open a
terminal), unpacked into a temporary folder for the import: only the pictures the export names,
every name kept inside that folder, and bounded in size and in compression ratio so that a
crafted archive cannot fill the disk (a 2 MB zip of zero-filled "pictures" unpacked 1.2 GB)."""

import re
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory
from urllib.parse import unquote

PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}  # what the import can use (clean_upload)
MAX_PICTURE_BYTES = 40 * 1024 * 1024  # unpacked; a larger one is refused by clean_upload anyway
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_FILES = 100_000
# JPEG, PNG and WebP are compressed already: zip gains a few percent on them. An entry that
# shrank more than this is not a real picture (zeros, a decompression bomb).
MAX_COMPRESSION_RATIO = 20
UPLOADS_ADDRESS = re.compile(rb"/uploads/([^\"'\s<>\[\]()?#]+\.(?:jpe?g|png|webp))", re.IGNORECASE)
RESIZED_COPY = re.compile(r"-\d+x\d+(\.\w+)$")  # WordPress's name-300x200.jpg


class NotAnUploadsZip(ValueError):
    pass


def _inside_uploads(name: str) -> PurePosixPath | None:
    """The path below the uploads folder (wp-content/uploads/2025/10/a.jpg, uploads/2025/10/a.jpg
    and 2025/10/a.jpg all give 2025/10/a.jpg), or None for what must not be unpacked."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or path.suffix.lower() not in PICTURE_SUFFIXES:
        return None
    parts = path.parts
    if "uploads" in parts:
        parts = parts[parts.index("uploads") + 1 :]
    return PurePosixPath(*parts) if parts else None


def pictures_named_in(export) -> set[str]:
    """The paths below the uploads folder that an export's text names (and, for a resized
    copy, its original, which the import prefers): all the import can use of the .zip."""
    names, tail = set(), b""
    while chunk := export.read(1024 * 1024):
        text = tail + chunk
        for match in UPLOADS_ADDRESS.finditer(text):
            name = unquote(match.group(1).decode("utf-8", "replace"))
            names.update({name, RESIZED_COPY.sub(r"\1", name)})
        tail = text[-512:]  # an address cut in two by the chunk's end is found whole
    return names


@contextmanager
def unpacked_uploads(file, wanted: set[str] | None = None):
    """Unpack the pictures of an uploads .zip into a temporary folder; yield (folder, notes).
    With `wanted`, only those (paths below the uploads folder) are unpacked."""
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile:
        raise NotAnUploadsZip(
            "The uploads file is not a .zip archive. Zip WordPress's wp-content/uploads folder "
            "and upload that, or leave the field empty."
        ) from None
    notes, total, unused = [], 0, 0
    with archive, TemporaryDirectory(prefix="wordpress-uploads-") as folder:
        entries = [info for info in archive.infolist() if not info.is_dir()][:MAX_FILES]
        for info in entries:
            relative = _inside_uploads(info.filename)
            if relative is None:
                continue
            if wanted is not None and str(relative) not in wanted:
                unused += 1
                continue
            if info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                notes.append(
                    f"Left out of the uploads .zip (it unpacks to {ratio} times its "
                    f"packed size, which no real picture does): {info.filename}"
                )
                continue
            if info.file_size > MAX_PICTURE_BYTES or total + info.file_size > MAX_TOTAL_BYTES:
                notes.append(f"Left out of the uploads .zip (too large): {info.filename}")
                continue
            target = Path(folder, *relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, target.open("wb") as copy:
                copied = _copy_at_most(source, copy, info.file_size)
            if copied > info.file_size:  # it said less than it holds
                target.unlink()
                notes.append(f"Left out of the uploads .zip (damaged): {info.filename}")
                continue
            total += copied
        if unused:
            notes.append(f"Left packed: {unused} pictures of the uploads .zip that no post uses.")
        yield Path(folder), notes


def _copy_at_most(source, target, limit: int) -> int:
    """Copy up to limit + 1 bytes (the declared size can lie); say how many were copied."""
    copied = 0
    while chunk := source.read(min(1024 * 1024, limit + 1 - copied)):
        target.write(chunk)
        copied += len(chunk)
    return copied
