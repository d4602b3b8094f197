from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, override
from django_prose_editor.fields import ProseEditorField

from articles import html, search
from core import images
from core.cached_lists import CachedList
from core.slug_urls import slug_url
from core.storage import PrivateStorage

WORDS_PER_MINUTE = 220
# Article columns only search reads; long, so pages leave them out.
SEARCH_ONLY = search.COLUMNS
# An article page's columns that have a version per language (articles/translation.py) and are
# read in one language only: the page's (the addresses are read in every language).
PER_LANGUAGE = ("title", "summary", "body", "hero_alt", "seo_title", "seo_description")
PER_LANGUAGE += ("table_of_contents",)


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown to readers.")
    request_label = models.CharField(
        "on the request form as",
        max_length=80,
        blank=True,
        help_text="How the appointment form offers this topic as a reason for a visit, e.g. "
        "“Back pain or sciatica”. Empty: the topic's name.",
    )
    picture = images.PictureField(
        upload_to="topics/",
        blank=True,
        help_text="Shown on the cards of this topic's articles that have no picture of their "
        "own: a drawing or photo of the subject, at least 800 pixels wide.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:topic", self.slug)

    @property
    def card_picture(self) -> images.Picture:
        """Decorative on a card, whose title names the topic."""
        return images.Picture.of(self, "picture")

    @property
    def reason_label(self) -> str:
        """The topic as a reason for a visit on the appointment form."""
        return self.request_label or self.name


# Every article list shows the topics; apps.py empties this when a topic changes.
topics_menu = CachedList("article-topics", Topic.objects.all)


# The writers and reviewers every article page names; apps.py empties this when one changes.
authors_list = CachedList(
    "article-authors", lambda: Article.author.field.related_model.objects.all()
)


class UrgentCareNotice(models.Model):
    """The one wording of the urgent-care callout, shown by every article that asks for it."""

    text = models.TextField(
        help_text="Plain text. Shown in a highlighted box on articles with the callout ticked."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "urgent-care callout"
        verbose_name_plural = "urgent-care callout"

    def __str__(self):
        return "Urgent-care callout"


# The callout's wording, read by every article page that shows it; apps.py empties it on change.
urgent_care_wording = CachedList(
    "urgent-care-wording",
    lambda: UrgentCareNotice.objects.values_list("text", flat=True)[:1],
    per_language=True,
)


def next_publication(now: datetime) -> datetime | None:
    """When the next scheduled article goes live: lists, topics, feeds and the sitemap change."""
    return Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=now).aggregate(
        first=Min("publish_at")
    )["first"]


class RelatedArticle(NamedTuple):
    """A card in an article page's "Related articles"."""

    title: str
    url: str
    topic: str
    picture: images.Picture  # its own picture, else its topic's; decorative on the card


class NewestArticle(NamedTuple):
    """One of a topic's newest published articles, as "Related articles" links to it."""

    pk: int
    topic_id: int
    publish_at: datetime
    link: RelatedArticle


RELATED_COUNT = 3


def _newest_of_each_topic() -> list[NewestArticle]:
    """Each topic's newest published articles: one more than a page links to, as the page's
    own article may be among them. One short index scan per topic, whatever the number of
    articles (ranking them all in one query sorted every article: 40 ms with 10,000)."""
    newest = []
    # What a card shows, not the bodies: the list is kept in the shared cache.
    hero = Article._meta.get_field("hero_image")
    shown = ["pk", "topic", "publish_at", *every_version("title", "slug"), "hero_image"]
    shown += [hero.width_field]
    shown += [hero.height_field, images.renditions_field("hero_image")]
    for topic in topics_menu():
        rows = Article.objects.published().filter(topic=topic).only(*shown)
        for article in rows[: RELATED_COUNT + 1]:
            article.topic = topic  # for its card's picture: no query
            link = RelatedArticle(
                article.title, article.get_absolute_url(), topic.name, article.card_picture
            )
            newest.append(NewestArticle(article.pk, topic.pk, article.publish_at, link))
    return newest


# Read by every article page; apps.py empties it when an article or topic changes, and it is
# rebuilt when the next scheduled article goes live.
# (Its key names the rows' shape: a release that changes RelatedArticle must not read the
# previous release's rows from the shared cache.)
newest_of_each_topic = CachedList(
    "newest-of-each-topic-with-pictures",
    _newest_of_each_topic,
    changes_at=next_publication,
    per_language=True,
)


def related_articles(article) -> list[RelatedArticle]:
    """Up to three other published articles: the topic's newest, then the newest elsewhere.

    The newest others are always among each topic's few newest, so the shared list answers
    every page without a query.
    """
    newest = [row for row in newest_of_each_topic() if row.pk != article.pk]
    same_topic = [row for row in newest if row.topic_id == article.topic_id]
    elsewhere = sorted(
        (row for row in newest if row.topic_id != article.topic_id),
        key=lambda row: (row.publish_at, row.pk),
        reverse=True,
    )
    return [row.link for row in (same_topic + elsewhere)[:RELATED_COUNT]]


def with_topic_and_people(article: "Article") -> "Article":
    """Give an article its topic, author and reviewer from the shared lists (a handful of rows
    that every article page shows) instead of a join per page. One missing from a list (made
    a moment ago) is read as usual when the page asks for it."""
    topics = {topic.pk: topic for topic in topics_menu()}
    people = {person.pk: person for person in authors_list()}
    for field, known in (("topic", topics), ("author", people), ("reviewer", people)):
        related = known.get(getattr(article, f"{field}_id"))
        if related is not None:
            Article._meta.get_field(field).set_cached_value(article, related)
    return article


def every_version(*fields: str) -> list[str]:
    """The columns of these translated fields in every language, for only(): a list kept for
    both languages' pages reads the one its page needs."""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]


def written_in(language: str) -> Q:
    """Articles with a version in this language: its own address (the title and text come with
    it, Article.clean() sees to that)."""
    return Q(**{f"slug_{language}__gt": ""})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a visitor of the page's language may see now: those written in it."""
        published = self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())
        language = get_language()
        if language == settings.LANGUAGE_CODE:
            return published
        return published.filter(written_in(language))

    def for_page(self):
        """What an article page shows, but its topic and people: with_topic_and_people() gives
        those from the shared lists, a join less to build on every page view. Only the page's
        language's text: the other versions' columns, and the original ones (django-
        modeltranslation keeps them as copies; pages read the `_en`/`_es` ones), are left out."""
        language = get_language()
        unread = [
            column
            for column in every_version(*PER_LANGUAGE)
            if not column.endswith(f"_{language}") and column.split("_")[0] != "slug"
        ]
        # QuerySet.defer, not modeltranslation's: that one would defer every version of a name.
        return models.QuerySet.defer(self, *SEARCH_ONLY, *PER_LANGUAGE, *unread)

    def for_cards(self):
        """What an article card shows (topic, author, picture), without the body's weight."""
        return self.published().select_related("topic", "author").defer("body", *SEARCH_ONLY)

    def review_due(self, now=None):
        """Articles whose English, or whose version in another language, was never reviewed or
        was last reviewed longer ago than ARTICLE_REVIEW_DUE_DAYS: each version is reviewed on
        its own (its medical words are its own)."""
        today = timezone.localdate(now)  # the clinics' date, not UTC's, late in the evening too
        cutoff = today - timedelta(days=settings.ARTICLE_REVIEW_DUE_DAYS)
        due = Q()
        for language, _name in settings.LANGUAGES:
            reviewed = f"last_reviewed_{language}"
            stale = Q(**{f"{reviewed}__isnull": True}) | Q(**{f"{reviewed}__lt": cutoff})
            due |= stale if language == settings.LANGUAGE_CODE else stale & written_in(language)
        return self.filter(due)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The address; changing it keeps the old one working."
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey("team.Clinician", on_delete=models.PROTECT, related_name="articles")
    summary = models.TextField(
        max_length=400, help_text="Shown in lists, feeds and search results; a sentence or two."
    )
    body = ProseEditorField(
        extensions={
            # h2 and h3 make the list of contents; h4-h6 and tables come from WordPress posts
            # and stay editable here rather than being lost on the first save.
            "Heading": {"levels": [2, 3, 4, 5, 6]},
            "Table": True,
            "TableRow": True,
            "TableHeader": True,
            "TableCell": True,
            "Bold": True,
            "Italic": True,
            "BulletList": True,
            "OrderedList": True,
            "ListItem": True,
            "Blockquote": True,
            "Link": {"enableTarget": False},
            "HardBreak": True,
            # Pictures from our own collection (InlinePicture), chosen in a small window.
            "Figure": {"pickerUrl": reverse_lazy("admin:articles_inlinepicture_choose")},
            "Image": True,
            "Caption": True,
            # The package turns the browser's spell-check off; writers of articles want it.
            "NoSpellCheck": False,
        },
        # Ours, the same one save() applies whatever the source (admin, demo loader, shell).
        sanitize=html.sanitize_article_html,
        help_text="Headings h2 and h3 become the article's list of contents. Insert figure › "
        "Browse… adds a picture from Articles › Pictures for article text.",
    )
    show_urgent_care = models.BooleanField(
        "show the urgent-care callout",
        default=False,
        help_text="Adds the site-wide urgent-care wording (edited under Urgent-care callout).",
    )
    # Medical review
    reviewer = models.ForeignKey(
        "team.Clinician",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        help_text="The clinician who checked the article's medical content.",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    # Picture
    hero_image = images.PictureField(
        upload_to="articles/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        help_text="JPEG, PNG or WebP, at least 800 pixels wide, 10 MB at most.",
        description="hero_alt",
        decorative_when="hero_decorative",
        description_message="Describe the picture, or tick “the picture is decorative”.",
    )
    hero_decorative = models.BooleanField(
        "the picture is decorative",
        default=False,
        help_text="Tick only if the picture adds nothing to the text (no description needed).",
    )
    # Publishing
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        default=timezone.now,
        help_text="A published article appears at this time; a time in the future schedules it.",
    )
    # Search engines and sharing
    seo_title = models.CharField(
        "search title", max_length=70, blank=True, help_text="Instead of the title, if set."
    )
    seo_description = models.CharField(
        "search description",
        max_length=160,
        blank=True,
        help_text="Instead of the summary, if set.",
    )
    noindex = models.BooleanField(
        "hide from search engines", default=False, help_text="Adds a noindex robots tag."
    )
    # Kept current by save() (articles/search.py): each version's words in search form (the
    # English in search_text), the Spanish also by their stems, and on PostgreSQL the ranked
    # vectors made from them (GIN-indexed).
    search_text = models.TextField(default="", editable=False)
    search_text_es = models.TextField(default="", editable=False)
    search_stems_es = models.TextField(default="", editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    # The post this article was imported from (import_wordpress), so a new import updates it.
    wordpress_id = models.PositiveBigIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    # The body's h2/h3 headings (level, text, anchor), worked out on save, not on every view.
    table_of_contents = models.JSONField(default=list, editable=False)
    # The pictures the body shows, kept by save(): which articles show a picture is then a join,
    # not a search through every body.
    inline_pictures = models.ManyToManyField(
        "InlinePicture", blank=True, editable=False, related_name="articles"
    )
    search_vector = SearchVectorField(null=True, editable=False)
    # What matches are ranked by: the same, but only the start of the body (search.py says why).
    search_rank_vector = SearchVectorField(null=True, editable=False)
    search_vector_es = SearchVectorField(null=True, editable=False)
    search_rank_vector_es = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            # In the lists' own order (newest first, then the newest id), so a page of a list
            # reads a dozen index entries instead of sorting every article.
            models.Index(fields=["status", "-publish_at", "-id"], name="article_list_idx"),
            models.Index(
                fields=["topic", "status", "-publish_at", "-id"], name="article_topic_list_idx"
            ),
            # The same for the Spanish pages, which list only the articles written in Spanish:
            # holding slug_es too, they answer a list's count and a search's many matches
            # without reading 10,000 articles' rows (/es/articles/: 88 -> 12 ms CPU).
            models.Index(
                fields=["status", "-publish_at", "-id", "slug_es"],
                condition=Q(slug_es__gt=""),
                name="article_list_es_idx",
            ),
            models.Index(
                fields=["topic", "status", "-publish_at", "-id", "slug_es"],
                condition=Q(slug_es__gt=""),
                name="article_topic_list_es_idx",
            ),
        ]
        permissions = [
            ("publish_article", "Can publish or schedule articles"),
            ("review_article", "Can record a medical review"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.__dict__.pop("_addresses", None)  # an address may change with this save
        # Each version sanitized on every save, so the template may render it as trusted HTML,
        # and its contents list and reading time worked out from it.
        for language, _name in settings.LANGUAGES:
            body = getattr(self, f"body_{language}")
            if body is None:
                continue
            body = self.body_as_saved(body)
            setattr(self, f"body_{language}", body)
            minutes = max(1, round(html.word_count(body) / WORDS_PER_MINUTE))
            setattr(self, f"reading_minutes_{language}", minutes)
            setattr(self, f"table_of_contents_{language}", html.headings(body))
        for column, text in search.search_texts_of(self).items():
            setattr(self, column, text)
        slugs = [f"slug_{language}" for language, _name in settings.LANGUAGES]
        old_slugs = Article.objects.filter(pk=self.pk).values(*slugs).first() or {}
        super().save(*args, **kwargs)
        for language, _name in settings.LANGUAGES:  # each version's old address answers
            old_slug, slug = old_slugs.get(f"slug_{language}"), getattr(self, f"slug_{language}")
            if old_slug and slug and old_slug != slug:
                with override(language):
                    self._redirect_from(reverse("articles:detail", kwargs={"slug": old_slug}))
        search.refresh_search_vectors(Article.objects.filter(pk=self.pk))
        bodies = [getattr(self, field) or "" for field in every_version("body")]
        names = [name for body in bodies for name in html.picture_names(body)]
        self.inline_pictures.set(InlinePicture.objects.filter(image__in=names))

    def get_absolute_url(self):
        """Its address in the page's language, or in English while it has no version there
        (remembered per language: a page asks for it up to ten times)."""
        language = get_language()
        addresses = self.__dict__.setdefault("_addresses", {})
        if language not in addresses:
            slug = getattr(self, f"slug_{language}", None)
            written = language if slug else settings.LANGUAGE_CODE
            slug = slug or getattr(self, f"slug_{written}")
            addresses[language] = slug_url("articles:detail", slug, language=written)
        return addresses[language]

    @classmethod
    def pages(cls) -> ArticleQuerySet:
        """The articles, for the article page: its lookups name each version's own column
        (`slug_es`), so none needs django-modeltranslation's rewriting of `objects` (a queryset
        class built and each lookup rewritten, on every page view: 3% of the page's work)."""
        return ArticleQuerySet(cls)

    def versions(self) -> dict[str, str]:
        """Its address in each language it is written in (language code -> address)."""
        return {
            language: slug_url("articles:detail", slug, language=language)
            for language, _name in settings.LANGUAGES
            if (slug := getattr(self, f"slug_{language}"))
        }

    def clean(self):
        """A version in another language is whole or absent: its address, title, summary and
        text together (an article half in Spanish would show as if it had a Spanish version)."""
        super().clean()
        needed = ("title", "slug", "summary", "body")
        for language, _name in settings.LANGUAGES[1:]:
            given = [field for field in needed if getattr(self, f"{field}_{language}", None)]
            if given and len(given) < len(needed):
                raise ValidationError(
                    {
                        f"{field}_{language}": "Needed for the version in this language, "
                        "or leave all of its fields empty."
                        for field in needed
                        if field not in given
                    }
                )

    @staticmethod
    def body_as_saved(body: str) -> str:
        """The body sanitized, its pictures given their stored width and height."""
        body = html.sanitize_article_html(body)
        if names := html.picture_names(body):
            sizes = InlinePicture.objects.filter(image__in=names)
            sizes = {
                name: (w, h, up_to)
                for name, w, h, up_to in sizes.values_list(
                    "image", "width", "height", "image_renditions_up_to"
                )
            }
            body = html.with_picture_sizes(body, sizes)
        return body

    def _redirect_from(self, old_path: str) -> None:
        """Keep the old address working with one 301, and re-point older redirects to it."""
        site = Site.objects.get_current()
        new_path = self.get_absolute_url()
        Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
        Redirect.objects.filter(site=site, old_path=new_path).delete()
        Redirect.objects.update_or_create(
            site=site, old_path=old_path, defaults={"new_path": new_path}
        )

    # --- What readers see ---

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()

    # Read four times by every page (title, sharing tags, JSON-LD), and in one language.
    @cached_property
    def page_title(self) -> str:
        return self.seo_title or self.title

    @cached_property
    def page_description(self) -> str:
        return self.seo_description or self.summary

    @cached_property
    def urgent_care_text(self) -> str:
        wording = urgent_care_wording()
        return wording[0] if wording else ""

    @property
    def body_for_page(self) -> str:
        return html.for_page(self.body)

    @property
    def body_opening_and_rest(self) -> tuple[str, str]:
        """The body's first paragraph and the rest: the page puts the picture and the contents
        list after the opening words, so a phone reaches the text within its first screen."""
        body = self.body_for_page
        if body.startswith("<p") and "</p>" in body:
            opening, rest = body.split("</p>", 1)
            return opening + "</p>", rest
        return "", body

    @property
    def hero(self) -> images.Picture:
        alt = "" if self.hero_decorative else self.hero_alt
        return images.Picture.of(self, "hero_image", alt)

    @property
    def card_picture(self) -> images.Picture:
        """The picture on the article's card: its own, else its topic's. The card's title says
        what it is about, so the picture is decorative there."""
        if self.hero_image:
            return images.Picture.of(self, "hero_image")
        return self.topic.card_picture


class InlinePicture(models.Model):
    """A picture shown inside an article's text (the editor's "Insert figure"), uploaded here or
    copied by the WordPress import. Cleaned like every upload; renditions made once, on save."""

    image = images.PictureField(
        "picture",
        upload_to=html.INLINE_PICTURE_FOLDER,
        width_field="width",
        height_field="height",
        help_text="JPEG, PNG or WebP, at least 320 pixels wide, 10 MB at most.",
        min_width=320,
    )
    alt = models.CharField(
        "description",
        max_length=250,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. The editor fills it in "
        "when you insert the picture; leave it empty only for a decorative picture.",
    )
    imported_from = models.CharField(
        max_length=500,
        blank=True,
        db_index=True,
        editable=False,
        help_text="The WordPress address it was copied from, so a second import reuses it.",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "picture for article text"
        verbose_name_plural = "pictures for article text"
        ordering = ["-added_at", "-id"]

    def __str__(self):
        return self.alt or self.image.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") == [images.renditions_field("image")]:
            # The worker made the rest of the renditions: the articles showing the picture
            # say, in their saved text, how far they go (Article.body_as_saved).
            for article in self.articles.all():
                article.save()

    @property
    def src(self) -> str:
        """The address the article text uses (the sanitizer keeps only these)."""
        return settings.MEDIA_URL + self.image.name


class WordPressImport(models.Model):
    """A WordPress export uploaded in the admin, imported by the task worker."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Stopped"

    export = models.FileField(
        "WordPress export",
        upload_to="wordpress-exports/",
        storage=PrivateStorage(),
        help_text="The .xml file from WordPress: Tools › Export › All content.",
    )
    uploads = models.FileField(
        "uploads folder (.zip)",
        upload_to="wordpress-exports/",
        storage=PrivateStorage(),
        blank=True,
        help_text="Optional: WordPress's wp-content/uploads folder as a .zip, for the posts' "
        "pictures. Deleted once the import is done.",
    )
    dry_run = models.BooleanField(
        "only show what would change",
        default=False,
        help_text="Reads the whole export and reports, without writing anything.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State, default=State.WAITING, editable=False)
    items_read = models.PositiveIntegerField(default=0, editable=False)
    summary = models.TextField(blank=True, editable=False)
    # CSV of every old address and where it leads now, for Search Console's change of address.
    redirect_report = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "WordPress import"

    def __str__(self):
        return f"WordPress import of {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class SearchCount(models.Model):
    """How often readers searched for one phrase in one week, and whether they found articles.

    Counts only: no address, no session, no time finer than the week. Moved here from the shared
    cache by the task worker (articles/search_counts.py), and only for phrases searched at least
    three times that week: a phrase typed once may hold a name or a phone number.
    """

    week = models.DateField(help_text="The Monday the week began.")
    query = models.CharField(max_length=100)
    found = models.BooleanField(help_text="Whether these searches showed any article.")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-week", "-count"]
        verbose_name = "search"
        verbose_name_plural = "searches"
        constraints = [
            models.UniqueConstraint(
                fields=["week", "query", "found"], name="one_search_count_per_week_and_result"
            )
        ]

    def __str__(self):
        return f"“{self.query}”, week of {self.week:%B %-d, %Y}: {self.count}"
