"""Import a WordPress export into articles, topics and authors, keyed on the WordPress post ID
so that a second run updates in place (and changes nothing when nothing changed), and leave a
301 behind every address a search engine may know."""

import csv
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.html import plain_text
from articles.models import Article, Author, Topic
from articles.wordpress.convert import convert_body
from articles.wordpress.wxr import Author as ExportAuthor
from articles.wordpress.wxr import Item, read_export

# WordPress status -> ours. Drafts, pending and private posts are never public here.
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: live at its date
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
}
SKIPPED_STATUSES = {"trash": "in the trash", "auto-draft": "an unsaved auto-draft"}


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    images_left_out: int = 0

    def lines(self) -> list[str]:
        lines = [f"Articles: {self.created} created, {self.updated} updated, "
                 f"{self.unchanged} unchanged."]  # fmt: skip
        lines += [f"Skipped {n}: {reason}." for reason, n in sorted(self.skipped.items())]
        if self.images_left_out:
            lines.append(f"Inline images left out (the article editor has none yet): "
                         f"{self.images_left_out}.")  # fmt: skip
        if self.shortcodes:
            found = ", ".join(f"[{name}] x{n}" for name, n in self.shortcodes.most_common())
            lines.append(f"Shortcodes removed: {found}.")
        lines += self.problems
        return lines


def read_author_map(path) -> dict[str, str]:
    """login,author name (a CSV without a header): WordPress users -> our authors' names."""
    with open(path, newline="", encoding="utf-8") as file:
        return {row[0].strip(): row[1].strip() for row in csv.reader(file) if len(row) >= 2}


class Importer:
    def __init__(self, *, dry_run=False, author_map: dict[str, str] | None = None):
        self.dry_run = dry_run
        self.author_map = author_map or {}
        self.authors: dict[str, str] = {}  # login -> display name, from the export's header
        self.summary = Summary()

    def run(self, file, progress=None) -> Summary:
        for entry in read_export(file):
            if isinstance(entry, ExportAuthor):
                self.authors[entry.login] = entry.display_name or entry.login
                continue
            if progress:
                progress(entry)
            try:
                self._item(entry)
            except Exception as error:  # one broken item never stops the rest
                self.summary.problems.append(
                    f"Item {entry.post_id} ({entry.title or 'untitled'}) not imported: {error}"
                )
        if not self.dry_run:
            self._redirect("/feed/", "/articles/feed/")
        return self.summary

    def _item(self, item: Item) -> None:
        if item.post_type != "post":
            kind = {"page": "pages", "attachment": "attachments"}.get(item.post_type)
            self.summary.skipped[kind or f"items of type {item.post_type or 'unknown'}"] += 1
            return
        if item.status in SKIPPED_STATUSES:
            self.summary.skipped[f"posts {SKIPPED_STATUSES[item.status]}"] += 1
            return
        if item.status not in STATUSES:
            self.summary.skipped[f"posts with status {item.status!r}"] += 1
            return
        converted = convert_body(item.body)
        self.summary.shortcodes.update(converted.unknown_shortcodes)
        self.summary.images_left_out += len(converted.images)
        fields = {
            "title": item.title.strip()[:200] or f"Untitled post {item.post_id}",
            "slug": (item.slug or slugify(item.title) or f"post-{item.post_id}")[:200],
            "summary": _plain(item.excerpt),
            "body": converted.html,
            "status": STATUSES[item.status],
            "publish_at": item.date_gmt or item.modified_gmt or timezone.now(),
        }
        with transaction.atomic():
            article = Article.objects.filter(wordpress_id=item.post_id).first()
            if article is None:
                self.summary.created += 1
                if not self.dry_run:
                    article = Article(wordpress_id=item.post_id, topic=self._topic(item),
                                      author=self._author(item), **fields)  # fmt: skip
                    article.save()
            else:
                current = {name: getattr(article, name) for name in fields}
                if current == fields:
                    self.summary.unchanged += 1
                else:
                    self.summary.updated += 1
                    if not self.dry_run:
                        for name, value in fields.items():
                            setattr(article, name, value)
                        article.save()
            if article is not None and not self.dry_run:
                self._redirect(item.link, article.get_absolute_url())

    def _topic(self, item: Item) -> Topic:
        nicename, name = item.categories[0] if item.categories else ("uncategorized", "General")
        slug = (nicename or slugify(name) or "general")[:50]
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug})
        if not self.dry_run:
            self._redirect(f"/category/{slug}/", topic.get_absolute_url())
        return topic

    def _author(self, item: Item) -> Author:
        login = item.creator
        name = self.author_map.get(login) or self.authors.get(login) or login or "Staff"
        author = Author.objects.filter(name=name).first()
        if author is None:
            author = Author.objects.create(name=name)
        if login:
            self._redirect(f"/author/{login}/", "/articles/")
        return author

    @staticmethod
    def _redirect(old_url: str, new_path: str) -> None:
        old_path = urlsplit(old_url).path if old_url else ""
        if not old_path or old_path in ("/", new_path):
            return
        Redirect.objects.update_or_create(
            site=Site.objects.get_current(), old_path=old_path, defaults={"new_path": new_path}
        )


def _plain(html: str) -> str:
    return plain_text(html)[:300]
