"""Uploaded pictures: checked and cleaned on upload, served in several widths as WebP and JPEG.

Pillow does the work. An upload must be a real JPEG, PNG or WebP of sensible size; it is
re-encoded, which drops EXIF data (camera, GPS position) and anything hidden after the image.
Articles' hero pictures and clinics' photos are the same thing to pages (a Picture) and to the
admin (a CleanedPictureField); their renditions are made once, when a new picture is saved, and
the replaced picture's are deleted.
"""

import functools
import io
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import FileExtensionValidator
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: more is a camera's raw size or a decompression bomb
MIN_WIDTH = 800
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITION_WIDTHS = (480, 800, 1200, 1600)
MAX_KEPT_WIDTH = 2 * RENDITION_WIDTHS[-1]


ACCEPTED_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
UNREADABLE_MESSAGE = (
    "This file is not a picture we can read, or it is damaged. Upload a JPEG, PNG or WebP picture."
)
TOO_MANY_PIXELS_MESSAGE = (
    "This picture is {width} × {height} pixels: too many to process. Resize it to at most 4000 "
    "pixels wide (any photo app's Export or Resize does it) and upload it again."
)


def check_upload(upload) -> str:
    """Say what is wrong with an upload before anything decodes it (size, kind, pixel count);
    return its kind. Reads the header only: a decompression bomb is refused unopened."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is {upload.size / 1024 / 1024:.0f} MB; the largest we accept is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB. Export a smaller JPEG and try again."
        )
    try:
        with Image.open(upload) as probe:
            kind, (width, height) = probe.format, probe.size
    except Image.DecompressionBombError:  # Pillow's own limit, far above ours: no size known
        raise ValidationError(
            TOO_MANY_PIXELS_MESSAGE.replace("{width} × {height}", "more than 178 million")
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(UNREADABLE_MESSAGE) from None
    finally:
        upload.seek(0)
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(f"This is a {kind} file. Upload a JPEG, PNG or WebP picture.")
    if width * height > MAX_PIXELS:
        raise ValidationError(TOO_MANY_PIXELS_MESSAGE.format(width=width, height=height))
    return kind


def clean_upload(upload, min_width: int = MIN_WIDTH) -> ContentFile:
    """Check an uploaded picture and return it re-encoded without metadata, or say what's wrong.
    A page's main picture must be wide enough for large screens; a picture inside the text of an
    article (a diagram, a small photo) may be narrower."""
    kind = check_upload(upload)
    try:
        with Image.open(upload) as probe:
            probe.verify()  # reads the whole file: a truncated or corrupt one fails here
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)  # keep the orientation the camera meant
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(UNREADABLE_MESSAGE) from None
    if image.width < min_width:
        raise ValidationError(
            f"This picture is {image.width} pixels wide; use one at least {min_width} wide so "
            "that it looks sharp on large screens."
        )
    # Kept at most twice the widest rendition: no page needs more, and every rendition (made in
    # the request that saved it) then starts from at most 3200 pixels, not a camera's 6000+.
    return ContentFile(_encode(image, kind, MAX_KEPT_WIDTH), name=PurePosixPath(upload.name).name)


def _resized(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    # reducing_gap: a fast box reduction first, then Lanczos over the last factor of three
    # (the same look; a tenth of the time from a large picture).
    size = (width, round(image.height * width / image.width))
    return image.resize(size, Image.LANCZOS, reducing_gap=3.0)


def _encode(image: Image.Image, kind: str, width: int | None = None) -> bytes:
    if width:
        image = _resized(image, width)
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # No exif= argument: the new file carries no metadata. A PNG is only ever the kept original
    # (pages show the WebP and JPEG renditions): the fastest compression, since PNG's optimize
    # and default levels cost seconds on a large picture for a few percent.
    if kind == "PNG":
        image.save(buffer, format=kind, compress_level=1)
    else:
        image.save(buffer, format=kind, quality=82, optimize=True)
    return buffer.getvalue()


def rendition_name(original: str, width: int, kind: str) -> str:
    path = PurePosixPath(original)
    return f"renditions/{path.parent}/{path.stem}-{width}.{kind.lower()}"


def rendition_widths(original_width: int) -> list[int]:
    """The widths made for a picture: the standard ones it is wide enough for, and its own."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    return [*widths, min(original_width, RENDITION_WIDTHS[-1])]


def replace_renditions(image_field, old_name: str | None) -> None:
    """After a save: renditions for a new picture, and none left over from the one it replaced."""
    if image_field.name == old_name:
        return  # the same picture: its renditions are already there
    if old_name:
        delete_renditions(old_name)
    if image_field:
        make_renditions(image_field)


def delete_renditions(original: str) -> None:
    folder = str(PurePosixPath(rendition_name(original, 0, "webp")).parent)
    own = re.compile(rf"^{re.escape(PurePosixPath(original).stem)}-\d+\.(webp|jpeg)$")
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        if own.match(name):
            default_storage.delete(f"{folder}/{name}")


def make_renditions(image_field) -> None:
    """Write a WebP and a JPEG of the picture in each rendition width (replacing old ones)."""
    image_field.open("rb")
    with Image.open(image_field) as image:
        image.load()
    image_field.close()
    # Widest first, each made from the one before: every step shrinks a smaller picture.
    for width in sorted(rendition_widths(image.width), reverse=True):
        image = _resized(image, width)
        for kind, ext in (("WEBP", "webp"), ("JPEG", "jpeg")):
            name = rendition_name(image_field.name, width, ext)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(_encode(image, kind)))


def srcset(name: str, original_width: int, ext: str) -> str:
    """The srcset of a stored picture (its storage name) in one format."""
    return _srcset(name, original_width, ext, settings.MEDIA_URL)


# The same picture always has the same renditions at the same addresses: worked out once per
# process (each address costs the storage a urljoin; a page shows up to a dozen).
@functools.lru_cache(maxsize=4096)
def _srcset(name: str, original_width: int, ext: str, media_url: str) -> str:
    return ", ".join(
        f"{default_storage.url(rendition_name(name, w, ext))} {w}w"
        for w in rendition_widths(original_width)
    )


@dataclass(frozen=True)
class Picture:
    """An uploaded picture as a page shows it: file, size, alt text and responsive sources."""

    file: object  # the model's ImageFieldFile
    width: int | None
    height: int | None
    alt: str  # empty for a decorative picture, so screen readers skip it

    def __bool__(self) -> bool:
        return bool(self.file)

    @property
    def url(self) -> str:
        return self.file.url

    @property
    def srcset_webp(self) -> str:
        return srcset(self.file.name, self.width, "webp")

    @property
    def srcset_jpeg(self) -> str:
        return srcset(self.file.name, self.width, "jpeg")


class CleanedPictureField(forms.ImageField):
    """The admin's picture upload: a new file is checked and re-encoded without metadata."""

    # Only the kinds the next check accepts (Django's list names every kind Pillow reads).
    default_validators = [
        FileExtensionValidator(
            ACCEPTED_EXTENSIONS,
            message="“%(extension)s” files are not accepted here. Upload a JPEG, PNG or WebP "
            "picture (.jpg, .png or .webp).",
        )
    ]

    def __init__(self, *args, min_width: int = MIN_WIDTH, **kwargs):
        self.min_width = min_width
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        # Our own messages first: Django's decoding says "Upload a valid image" for everything.
        if data is not None and hasattr(data, "size") and hasattr(data, "seek"):
            check_upload(data)
        return super().to_python(data)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and hasattr(value, "content_type"):  # a new upload, not the stored file
            return clean_upload(value, self.min_width)
        return value
