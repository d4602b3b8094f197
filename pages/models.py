"""The home page's words and picture, edited by staff like everything else, and the rule for
the site pages' HTML."""

from django.conf import settings
from django.db import models

from articles.html import sanitize_article_html
from articles.models import Topic
from core import images
from core.cached_lists import CachedList


class HomePage(models.Model):
    """The one home page: its headline, introduction, picture and topic tiles."""

    headline = models.CharField(max_length=120)
    introduction = models.TextField(help_text="Two or three sentences under the headline.")
    picture = images.PictureField(
        upload_to="home/",
        blank=True,
        help_text="Beside the headline on wide screens, under it on phones. At least 800 "
        "pixels wide.",
        description="picture_alt",
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        verbose_name="tiles",
        db_table="forever_fit_homepage_topics",
        help_text="The topics shown under “What physical therapy can help with”, each leading "
        "to its articles. None ticked: every topic.",
    )

    class Meta:
        db_table = "forever_fit_homepage"  # made when the project package held this model
        verbose_name = "home page"
        verbose_name_plural = "home page"

    def __str__(self):
        return "Home page"

    @property
    def hero(self) -> images.Picture:
        return images.Picture.of(self, "picture", self.picture_alt)

    def tiles(self, all_topics: list[Topic]) -> list[Topic]:
        chosen = {topic.pk for topic in self.topics.all()}
        return [topic for topic in all_topics if topic.pk in chosen] if chosen else all_topics


# Read on every home page view; apps.py empties it when staff save the home page.
home_page = CachedList("home-page", lambda: HomePage.objects.prefetch_related("topics")[:1])


class SitePageVersion(models.Model):
    """A site page (one of Django's flat pages: privacy, accessibility, first visit) in another
    language: its own title and text, edited under the English page in the admin. Flat pages
    are Django's own model, so their other languages live here rather than in columns of it."""

    page = models.ForeignKey(
        "flatpages.FlatPage", on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES[1:])
    title = models.CharField(max_length=200)
    content = models.TextField(
        help_text="HTML, with the same rules as the English page (no scripts, forms or frames)."
    )

    class Meta:
        verbose_name = "version in another language"
        verbose_name_plural = "versions in other languages"
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_version_per_language")
        ]

    def __str__(self):
        return f"{self.page.url} ({self.get_language_display()})"


def clean_site_page(sender, instance, **kwargs):
    """Site pages (Django's flat pages: the privacy notice, the accessibility statement) keep
    the articles' HTML rules: no script, style, meta refresh, form, frame, event attribute or
    javascript: link can reach every visitor of /privacy/ through them (connected in apps.py)."""
    instance.content = sanitize_article_html(instance.content)
