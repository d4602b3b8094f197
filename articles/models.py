from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.html import sanitize_article_html


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown to readers.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Author(models.Model):
    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=60, blank=True, help_text='Shown after the name, e.g. "PT, DPT".'
    )
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a visitor may see now."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles")
    summary = models.TextField(
        max_length=400, help_text="Shown in lists and search results; a sentence or two."
    )
    body = models.TextField(
        help_text="Sanitized on save: only headings, lists, links and emphasis."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        default=timezone.now,
        help_text="A published article appears at this time; a time in the future schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "-publish_at"], name="article_feed_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Sanitized on every save, so the template may render the body as trusted HTML.
        self.body = sanitize_article_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})
