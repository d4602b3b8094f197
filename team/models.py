"""The clinical team: one record per clinician. The same record is the byline of the articles
they write and the medical review of those they check (articles.Article.author and reviewer),
and their profile: credentials, title, photo, a short bio, specialties, languages, clinics."""

import copy

from django.conf import settings
from django.db import models
from django.db.models import CharField, F, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from core import images
from core.cached_lists import CachedList
from core.slug_urls import slug_url


def _linked(through, link: str, *shown: str) -> Subquery:
    """What a clinician is linked to through a many-to-many table, as text ("3\tBowie\n..."):
    a column of the clinicians' own query, so a page of any number of them is one query."""
    parts = [Cast(F(f"{link}__{name}"), CharField()) for name in shown]
    row = parts[0] if len(parts) == 1 else Concat(*sum(([p, Value("\t")] for p in parts), [])[:-1])
    linked = (
        through.objects.filter(clinician=OuterRef("pk"))
        .values("clinician")
        .annotate(rows=StringAgg(row, delimiter=Value("\n")))
        .values("rows")
    )
    return Subquery(linked, output_field=CharField())


def rows(text: str | None) -> list[list[str]]:
    return [row.split("\t") for row in (text or "").split("\n") if row]


class ClinicianQuerySet(models.QuerySet):
    def for_pages(self):
        """With their clinics' ids (`clinic_ids`: the pages take the clinics from the shared
        list the footer reads) and their specialties' slugs and names (`specialty_rows`)."""
        return self.annotate(
            clinic_ids=_linked(Clinician.clinics.through, "clinic", "id"),
            specialty_rows=_linked(Clinician.specialties.through, "topic", "slug", "name"),
        )


# The languages clinicians list most, named in the catalogue so that each page names them in
# its own language (Clinician.languages_in_words).
KNOWN_LANGUAGES = [
    gettext_noop("English"),
    gettext_noop("Spanish"),
    gettext_noop("French"),
    gettext_noop("Portuguese"),
    gettext_noop("Korean"),
    gettext_noop("Chinese"),
    gettext_noop("Vietnamese"),
    gettext_noop("Tamil"),
    gettext_noop("Hindi"),
    gettext_noop("Arabic"),
    gettext_noop("Amharic"),
    gettext_noop("Russian"),
    gettext_noop("American Sign Language"),
]


class Clinician(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        blank=True,
        help_text="Their profile's address. Empty: made from the name.",
    )
    credentials = models.CharField(
        max_length=60, blank=True, help_text='Shown after the name, e.g. "PT, DPT, OCS".'
    )
    title = models.CharField(
        max_length=120,
        blank=True,
        help_text="Their role, e.g. “Physical therapist, clinic director”.",
    )
    photo = images.PictureField(
        upload_to="team/",
        blank=True,
        description="photo_alt",
        noun="photo",
        help_text="A portrait, at least 800 pixels wide.",
    )
    bio = models.TextField(
        blank=True,
        help_text="A short introduction in plain language, shown on their profile and under "
        "their articles.",
    )
    specialties = models.ManyToManyField(
        "articles.Topic",
        blank=True,
        related_name="clinicians",
        help_text="The topics they treat most, as the site's topics name them.",
    )
    languages = models.CharField(
        max_length=200,
        default="English",
        help_text="The languages they treat in, separated by commas, e.g. “English, Spanish”.",
    )
    clinics = models.ManyToManyField(
        "locations.Clinic",
        blank=True,
        related_name="clinicians",
        help_text="Where they see patients.",
    )
    accepting_new_patients = models.BooleanField("takes new patients", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The staff account of this person: a clinical reviewer records reviews "
        "under their own name.",
    )

    objects = ClinicianQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, Clinician.objects.exclude(pk=self.pk))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("team:detail", self.slug)

    @property
    def display_name(self) -> str:
        return str(self)

    @property
    def portrait(self) -> images.Picture:
        return images.Picture.of(self, "photo", self.photo_alt)

    @property
    def language_list(self) -> list[str]:
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    @property
    def languages_in_words(self) -> str:
        """The languages as the page's language names them ("inglés, español" on a Spanish
        page); one the catalogue does not know is shown as staff wrote it."""
        return ", ".join(gettext(language) for language in self.language_list)


def unique_slug(name: str, others) -> str:
    """A profile address from a name, with -2, -3... when a colleague has the same name."""
    base = slugify(name)[:130] or "clinician"
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def with_links(clinicians, clinics) -> list[Clinician]:
    """Each clinician with `clinic_list` (active clinics, in the clinics' order) and
    `specialty_list` ((slug, name) pairs, by name): copies, as the shared list's own objects
    are read by every request of the process."""
    linked = []
    for clinician in map(copy.copy, clinicians):
        ids = {int(i) for (i,) in rows(clinician.clinic_ids)}
        clinician.clinic_list = [clinic for clinic in clinics if clinic.pk in ids]
        clinician.specialty_list = sorted(
            (tuple(row) for row in rows(clinician.specialty_rows)), key=lambda s: s[1]
        )
        linked.append(clinician)
    return linked


# The whole team with their clinics and specialties, read by /team/, each profile, every clinic
# page's team and the request form's list of therapists: apps.py empties it when a clinician
# or their links change.
team_members = CachedList("team-members", lambda: Clinician.objects.for_pages())
