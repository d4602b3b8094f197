"""Patient stories, with their consent on record.

A story is on the site only while it is published and a consent covers it: given, not yet
expired, not withdrawn, and covering the website (its photo shows only when the consent covers
the photo too). That is decided when the page is drawn, so a consent that ends at 17:00 takes the
story off every page at 17:00, cached pages included (apps.py names that moment to the page
cache). The signed authorization is a private upload: no URL serves it, and staff download it
only with the "download signed consent forms" permission.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from core import images
from core.cached_lists import CachedList
from core.storage import PrivateStorage

SIGNED_FORM_MAX_BYTES = 10 * 1024 * 1024
SIGNED_FORM_KINDS = "a PDF, or a photo or scan of the signed form (JPEG, PNG or WebP)"


def check_signed_form(upload) -> None:
    """A signed authorization must be a PDF or a picture, by its content, not only its name."""
    if upload.size > SIGNED_FORM_MAX_BYTES:
        raise ValidationError(
            f"This file is {upload.size / 1024 / 1024:.0f} MB; the largest we accept is 10 MB. "
            f"Scan it at a lower resolution and upload it again."
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return
    try:
        with Image.open(upload) as probe:
            kind = probe.format
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        kind = None
    finally:
        upload.seek(0)
    if kind not in images.ACCEPTED_FORMATS:
        raise ValidationError(
            f"This file is not a PDF or a picture we can read. Upload {SIGNED_FORM_KINDS}."
        )


class ConsentQuerySet(models.QuerySet):
    def in_force(self, now: datetime | None = None):
        """Consents that hold now: given, not expired, not withdrawn."""
        now = now or timezone.now()
        return self.filter(
            given_on__lte=timezone.localdate(now), expires_at__gt=now, withdrawn_at__isnull=True
        )


class StoryQuerySet(models.QuerySet):
    def on_site(self, now: datetime | None = None):
        """Stories a visitor may read now, each with `photo_allowed`."""
        consents = Consent.objects.in_force(now).filter(story=OuterRef("pk"))
        return (
            self.filter(published=True)
            .filter(Exists(consents.filter(covers_site=True)))
            .annotate(photo_allowed=Exists(consents.filter(covers_photo=True)))
        )


class Story(models.Model):
    name = models.CharField(
        "first name or initials",
        max_length=40,
        help_text="As the consent allows, e.g. “Maria” or “J. T.”: never a full name.",
    )
    words = models.TextField(
        "in their own words",
        max_length=1500,
        help_text="What the patient wrote or said, as they agreed to it. No star ratings.",
    )
    # A patient's words are never translated: the page marks the language they are in, so a
    # screen reader reads them in its voice, and a page in that language shows them first.
    language = models.CharField(
        "language of their words",
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    topic = models.ForeignKey(
        "articles.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        help_text="What they came in for: the story shows on that topic's page.",
    )
    clinic = models.ForeignKey(
        "locations.Clinic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
    )
    clinician = models.ForeignKey(
        "team.Clinician",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name="therapist",
    )
    photo = images.PictureField(
        upload_to="stories/",
        blank=True,
        description="photo_alt",
        noun="photo",
        min_width=400,
        help_text="Optional; shown only while the consent covers the photo.",
    )
    published = models.BooleanField(
        "show on the site",
        default=False,
        help_text="Shown only while a signed consent covering the website is in force.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "stories"

    def __str__(self):
        return f"{self.name}'s story"

    @property
    def picture(self) -> images.Picture:
        return images.Picture.of(self, "photo", self.photo_alt)


class Consent(models.Model):
    """A patient's signed authorization to show their story (and perhaps their photo)."""

    # A consent record outlives any wish to tidy up: a story with one is withdrawn, not deleted.
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="consents")
    given_by = models.CharField(
        max_length=120,
        help_text="Who signed: the patient, or a parent or guardian (say which).",
    )
    given_on = models.DateField("signed on", default=timezone.localdate)
    covers_site = models.BooleanField("covers the story on the website", default=True)
    covers_photo = models.BooleanField("covers their photo", default=False)
    expires_at = models.DateTimeField(
        "ends", help_text="The story leaves the site at this moment, unless a newer consent holds."
    )
    authorization = models.FileField(
        "signed form",
        storage=PrivateStorage(),
        upload_to="consents/%Y/",
        validators=[check_signed_form],
        help_text=f"Kept private and in backups: {SIGNED_FORM_KINDS}, 10 MB at most.",
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-recorded_at"]
        permissions = [("download_authorization", "Can download signed consent forms")]

    def __str__(self):
        return f"Consent of {self.given_by}, signed {self.given_on:%B %-d, %Y}"

    def clean(self):
        super().clean()
        if self.given_on and self.given_on > timezone.localdate():
            raise ValidationError({"given_on": "A consent cannot be signed in the future."})
        if self.expires_at and self.expires_at <= timezone.now() and not self.pk:
            raise ValidationError(
                {
                    "expires_at": "This end is already past: the story could "
                    "not be shown. Give the end the signed form states."
                }
            )

    @property
    def status(self) -> str:
        if not self.pk:
            return "Not yet recorded"
        if self.withdrawn_at:
            return f"Withdrawn {timezone.localtime(self.withdrawn_at):%B %-d, %Y}"
        if self.expires_at <= timezone.now():
            return "Ended"
        return "In force"


def next_consent_end(now: datetime) -> datetime | None:
    """When the next consent in force ends: a story may leave the site then."""
    return Consent.objects.in_force(now).aggregate(first=Min("expires_at"))["first"]


def withdraw_consent(*, story: Story, user) -> int:
    """Record that the patient withdrew their consent, and take the story off the site."""
    now = timezone.now()
    withdrawn = 0
    for consent in story.consents.filter(withdrawn_at__isnull=True):
        consent.withdrawn_at, consent.withdrawn_by = now, user
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        withdrawn += 1
    story.published = False
    story.save(update_fields=["published"])
    return withdrawn


# Every clinic, therapist and topic page reads this; apps.py empties it on any change, and it is
# rebuilt when the next consent ends.
stories_on_site = CachedList(
    "stories-on-site",
    lambda: Story.objects.on_site().select_related("topic", "clinic", "clinician"),
    changes_at=next_consent_end,
)
