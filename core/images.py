"""Uploaded pictures: checked and cleaned on upload, served in several widths as WebP and JPEG.

Pillow does the work. An upload must be a real JPEG, PNG or WebP of sensible size; it is
re-encoded, which drops EXIF data (camera, GPS position) and anything hidden after the image.
Every picture of every model is one `PictureField` line: its size fields, the renditions, the
admin's checked upload (a CleanedPictureField) and the description rule come with it, and pages
show it as a `Picture`.

Renditions are made once per picture, and the replaced picture's deleted. The request that saves
a new picture makes only the smallest (a page has something to show at once); the task worker
makes the rest and raises the model's `<field>_renditions_up_to` (the widest made so far), which
pages read to offer only renditions that exist. A picture's response then takes about a second
whatever its size (README, "What a picture upload costs"), and never a worker's ten.
"""

import functools
import io
import logging
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import FileExtensionValidator
from django.db import models
from django.tasks import task
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: more is a camera's raw size or a decompression bomb
MIN_WIDTH = 800
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITION_WIDTHS = (480, 800, 1200, 1600)
MAX_KEPT_WIDTH = 2 * RENDITION_WIDTHS[-1]
SHARED_WIDTH = 1200


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
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # the orientation the camera meant
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(UNREADABLE_MESSAGE) from None
    if image.width < min_width:
        raise ValidationError(
            f"This picture is {image.width} pixels wide; use one at least {min_width} wide so "
            "that it looks sharp on large screens."
        )
    # Kept at most twice the widest rendition: no page needs more, and every rendition then
    # starts from at most 3200 pixels, not a camera's 6000+. Bicubic, not Lanczos, for this one
    # step: pages only show renditions made from it, and it saves a fifth of the request's time.
    kept = _resized(image, MAX_KEPT_WIDTH, Image.BICUBIC)
    return ContentFile(_encode(kept, kind), name=PurePosixPath(upload.name).name)


def _resized(image: Image.Image, width: int, resample=Image.LANCZOS) -> Image.Image:
    if width >= image.width:
        return image
    # reducing_gap: a fast box reduction first, then the filter over the last factor of three
    # (the same look; a tenth of the time from a large picture).
    size = (width, round(image.height * width / image.width))
    return image.resize(size, resample, reducing_gap=3.0)


def _encode(image: Image.Image, kind: str) -> bytes:
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


def renditions_field(field_name: str) -> str:
    """The model field that says how far a picture's renditions have been made."""
    return f"{field_name}_renditions_up_to"


def replace_renditions(instance, field_name: str, old_name: str | None) -> None:
    """After a save: the smallest rendition of a new picture now, the rest queued for the task
    worker, and none left over from the picture it replaced."""
    picture = getattr(instance, field_name)
    if picture.name == old_name:
        return  # the same picture: its renditions are there or on their way
    if old_name:
        delete_renditions(old_name)
    if not picture:
        return
    first = rendition_widths(_width_of(instance, field_name))[0]
    make_renditions(picture, [first])
    ready = renditions_field(field_name)
    setattr(instance, ready, first)
    type(instance).objects.filter(pk=instance.pk).update(**{ready: first})
    # In the save's transaction: if the save is rolled back, so is the task.
    make_remaining_renditions.enqueue(instance._meta.label, instance.pk, field_name, picture.name)


@task
def make_remaining_renditions(model: str, pk: int, field_name: str, name: str) -> str:
    """The task worker's part of a new picture: its other renditions (see the module's note)."""
    instance = apps.get_model(model).objects.filter(pk=pk).first()
    if instance is None or getattr(instance, field_name).name != name:
        return "replaced or deleted since"
    return f"made {finish_renditions(instance, field_name)}"


def finish_renditions(instance, field_name: str) -> list[int]:
    """Make the renditions a picture still lacks and save the model, so that pages showing it
    (which the page cache forgets on save) offer them. Returns the widths made."""
    ready = renditions_field(field_name)
    widths = rendition_widths(_width_of(instance, field_name))
    missing = [width for width in widths if width > getattr(instance, ready)]
    if missing:
        make_renditions(getattr(instance, field_name), missing)
        setattr(instance, ready, widths[-1])
        instance.save(update_fields=[ready])
    return missing


def unfinished_pictures():
    """Every saved picture that may lack renditions (a worker was killed while making them, or
    the queue was lost): (instance, field name) pairs."""
    for model in apps.get_models():
        for field in model._meta.fields:
            ready = renditions_field(field.name)
            if isinstance(field, PictureField):
                waiting = model.objects.exclude(**{field.name: ""}).filter(
                    **{f"{ready}__lt": RENDITION_WIDTHS[-1]}
                )
                for instance in waiting.iterator():
                    yield instance, field.name


def finish_unfinished_pictures() -> None:
    """At a worker's start: finish what a worker that died left half made (a picture narrower
    than the widest rendition is complete already: nothing is made for it)."""
    for instance, field_name in unfinished_pictures():
        try:
            finish_renditions(instance, field_name)
        except (OSError, Image.DecompressionBombError) as error:  # a missing or damaged file
            logger.warning(
                "Renditions of %s %s could not be made: %s",
                instance._meta.label,
                instance.pk,
                error,
            )


def _width_of(instance, field_name: str) -> int:
    return getattr(instance, instance._meta.get_field(field_name).width_field)


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


def make_renditions(image_field, widths: list[int]) -> None:
    """Write a WebP and a JPEG of the picture in each of these widths (replacing old ones)."""
    image_field.open("rb")
    with Image.open(image_field) as image:
        # A JPEG is decoded straight at a half, a quarter or an eighth of its size when the
        # widest width asked for allows it: the request's one small rendition costs little.
        image.draft("RGB", (max(widths), max(widths) * image.height // image.width))
        image.load()
    image_field.close()
    # Widest first, each made from the one before: every step shrinks a smaller picture.
    for width in sorted(widths, reverse=True):
        image = _resized(image, width)
        for kind, ext in (("WEBP", "webp"), ("JPEG", "jpeg")):
            name = rendition_name(image_field.name, width, ext)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(_encode(image, kind)))


def made_widths(original_width: int, up_to: int = RENDITION_WIDTHS[-1]) -> list[int]:
    """The rendition widths of a picture that exist now (see the module's note)."""
    widths = rendition_widths(original_width)
    return [width for width in widths if width <= up_to] or widths[:1]


def srcset(name: str, original_width: int, ext: str, up_to: int = RENDITION_WIDTHS[-1]) -> str:
    """The srcset of a stored picture (its storage name) in one format."""
    return _srcset(name, original_width, ext, up_to, settings.MEDIA_URL)


# The same picture always has the same renditions at the same addresses: worked out once per
# process (each address costs the storage a urljoin; a page shows up to a dozen).
@functools.lru_cache(maxsize=4096)
def _srcset(name: str, original_width: int, ext: str, up_to: int, media_url: str) -> str:
    return ", ".join(
        f"{default_storage.url(rendition_name(name, w, ext))} {w}w"
        for w in made_widths(original_width, up_to)
    )


def rendition_url(name: str, original_width: int, up_to: int = RENDITION_WIDTHS[-1]) -> str:
    """One JPEG rendition, for an <img>'s `src` and for sharing (og:image): the widest made up
    to 1200 pixels (what link previews ask for). Never the upload itself, which no page shows."""
    widths = made_widths(original_width, up_to)
    width = max([w for w in widths if w <= SHARED_WIDTH] or widths[:1])
    return default_storage.url(rendition_name(name, width, "jpeg"))


@dataclass(frozen=True)
class Picture:
    """An uploaded picture as a page shows it: file, size, alt text and responsive sources."""

    file: object  # the model's ImageFieldFile
    width: int | None
    height: int | None
    alt: str  # empty for a decorative picture, so screen readers skip it
    renditions_up_to: int = RENDITION_WIDTHS[-1]

    @classmethod
    def of(cls, instance, field_name: str, alt: str = "") -> "Picture":
        """A model's picture field as pages show it (its size and renditions from its fields)."""
        field = instance._meta.get_field(field_name)
        return cls(
            getattr(instance, field_name),
            getattr(instance, field.width_field),
            getattr(instance, field.height_field),
            alt,
            getattr(instance, renditions_field(field_name)),
        )

    def __bool__(self) -> bool:
        return bool(self.file)

    @property
    def url(self) -> str:
        return rendition_url(self.file.name, self.width, self.renditions_up_to)

    @property
    def srcset_webp(self) -> str:
        return srcset(self.file.name, self.width, "webp", self.renditions_up_to)

    @property
    def srcset_jpeg(self) -> str:
        return srcset(self.file.name, self.width, "jpeg", self.renditions_up_to)


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


_NOT_LOADED = object()


class PictureField(models.ImageField):
    """A model's picture, with everything a page and the admin need, in one line:

        photo = PictureField(upload_to="clinics/", blank=True, description="photo_alt")

    It adds `photo_width` and `photo_height` (pages give a picture's size without opening the
    file; other names with `width_field`/`height_field`) and `photo_renditions_up_to` (the widest
    rendition made so far: pages offer only those). Saving a new picture makes its renditions
    and deletes the replaced one's (`replace_renditions`); the admin's upload is checked and
    re-encoded (CleanedPictureField, at least `min_width` pixels wide). With `description`, it
    also adds that field, where staff say what the picture shows ("photo description" with
    `noun="photo"`), and it must be filled in whenever there is a picture, unless
    `decorative_when` names a ticked field (an article's "the picture is decorative").
    """

    def __init__(
        self,
        *args,
        description: str = "",
        noun: str = "picture",
        decorative_when: str = "",
        description_message: str = "Describe the picture in a few words.",
        min_width: int = MIN_WIDTH,
        **kwargs,
    ):
        self.description, self.noun, self.decorative_when = description, noun, decorative_when
        self.description_message, self.min_width = description_message, min_width
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Migrations see a plain ImageField: nothing here changes a column, and historical
        # models in data migrations must not make renditions.
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        self.width_field = self.width_field or f"{name}_width"
        self.height_field = self.height_field or f"{name}_height"
        super().contribute_to_class(cls, name, **kwargs)
        if cls._meta.abstract:
            return
        for size in (self.width_field, self.height_field):
            models.PositiveIntegerField(null=True, blank=True, editable=False).contribute_to_class(
                cls, size
            )
        # The default says "all made", true of every picture saved before this field existed
        # (their renditions were made in the request).
        models.PositiveSmallIntegerField(
            default=RENDITION_WIDTHS[-1], editable=False
        ).contribute_to_class(cls, renditions_field(name))
        if self.description:
            required = "" if self.decorative_when else f" Required with a {self.noun}."
            models.CharField(
                f"{self.noun} description",
                max_length=200,
                blank=True,
                help_text=f"What the {self.noun} shows, for people who cannot see it.{required}",
            ).contribute_to_class(cls, self.description)
        models.signals.post_init.connect(self._note_loaded, sender=cls, weak=False)
        models.signals.pre_save.connect(self._note_replaced, sender=cls, weak=False)
        models.signals.post_save.connect(self._renew_renditions, sender=cls, weak=False)

    def _note_loaded(self, instance, **kwargs):
        loaded = instance.__dict__.get(self.attname, _NOT_LOADED)
        instance.__dict__[f"_{self.name}_saved"] = getattr(loaded, "name", loaded)

    def _note_replaced(self, sender, instance, update_fields=None, **kwargs):
        saved = instance.__dict__.get(f"_{self.name}_saved", _NOT_LOADED)
        if instance._state.adding:
            saved = None
        elif saved is _NOT_LOADED:  # deferred when loaded (`.only()`): asked now, before the save
            saved = sender._base_manager.filter(pk=instance.pk).values_list(self.name, flat=True)
            saved = saved.first()
        instance.__dict__[f"_{self.name}_replaced"] = saved

    def _renew_renditions(self, sender, instance, update_fields=None, **kwargs):
        if update_fields is not None and self.name not in update_fields:
            return
        replaced = instance.__dict__.pop(f"_{self.name}_replaced", None)
        replace_renditions(instance, self.name, replaced or None)
        instance.__dict__[f"_{self.name}_saved"] = getattr(instance, self.name).name

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not (value and self.description):
            return
        decorative = self.decorative_when and getattr(model_instance, self.decorative_when)
        if not decorative and not getattr(model_instance, self.description).strip():
            raise ValidationError(self.description_message, code="undescribed")

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": CleanedPictureField, "min_width": self.min_width, **kwargs}
        )
