"""Import a WordPress export into articles, topics and authors, keyed on the WordPress post ID
so that a second run updates in place (and changes nothing when nothing changed), and leave a
301 behind every address a search engine may know."""

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.text import slugify

from articles.html import INLINE_PICTURE_FOLDER, plain_text
from articles.models import Article, InlinePicture, Topic
from articles.wordpress.addresses import GONE
from articles.wordpress.convert import Attachment, convert_body, gallery_ids
from articles.wordpress.pages import address_for, equivalent_of, save_site_page
from articles.wordpress.uploads_zip import RESIZED_COPY
from articles.wordpress.wxr import Author as ExportAuthor
from articles.wordpress.wxr import Category, Damage, Item, read_export
from core.images import clean_upload, rendition_url
from core.page_cache import forget_all_pages
from core.site import absolute_url

# WordPress status -> ours. Drafts, pending and private posts are never public here.
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: live at its date
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
}
SKIPPED_STATUSES = {"trash": "in the trash", "auto-draft": "an unsaved auto-draft"}
# WordPress's resized copies of an upload: name-300x200.jpg beside name.jpg.


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    damaged_items: set = field(default_factory=set)  # ids of items not read whole
    shortcodes: Counter = field(default_factory=Counter)  # removed with no equivalent
    shortcode_inventory: Counter = field(default_factory=Counter)  # all, for a dry run
    inline_pictures: int = 0
    inline_pictures_without_uploads: int = 0
    tags: Counter = field(default_factory=Counter)
    pictures: int = 0
    links_rewritten: int = 0
    pages: Counter = field(default_factory=Counter)  # created / updated / unchanged
    # Every old address the import answers for: old path -> (kind, new path or GONE).
    addresses: dict[str, tuple[str, str]] = field(default_factory=dict)

    def inventory_lines(self) -> list[str]:
        """Every shortcode the posts use, most used first: what a page builder left behind."""
        if not self.shortcode_inventory:
            return ["Shortcodes in the export: none."]
        return ["Shortcodes in the export:"] + [
            f"  [{name}] x{count}" for name, count in self.shortcode_inventory.most_common()
        ]

    def redirect_report(self) -> str:
        """The old addresses as a CSV file for staff (Search Console's change of address)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["old address", "kind", "new address"])
        for old_path, (kind, new_path) in sorted(self.addresses.items()):
            writer.writerow([old_path, kind, absolute_url(new_path) if new_path else "410 Gone"])
        return out.getvalue()

    def lines(self) -> list[str]:
        lines = [
            f"Articles: {self.created} created, {self.updated} updated, {self.unchanged} unchanged."
        ]
        if self.pages:
            lines.append(
                f"Site pages: {self.pages['created']} created, {self.pages['updated']} "
                f"updated, {self.pages['unchanged']} unchanged."
            )
        lines += [f"Skipped {n}: {reason}." for reason, n in sorted(self.skipped.items())]
        if self.inline_pictures:
            lines.append(f"Pictures in the text copied: {self.inline_pictures}.")
        if self.inline_pictures_without_uploads:
            lines.append(
                f"Pictures in the text left out: {self.inline_pictures_without_uploads} "
                f"(no uploads folder given: --uploads DIR)."
            )
        if self.pictures:
            lines.append(f"Featured pictures imported as article pictures: {self.pictures}.")
        if self.links_rewritten:
            lines.append(
                f"Links between imported posts pointed at their new addresses: "
                f"{self.links_rewritten}."
            )
        if self.tags:
            lines.append(
                f"Tags not kept (articles have one topic, no tags): {len(self.tags)} "
                f"tags on {sum(self.tags.values())} posts."
            )
        if self.shortcodes:
            found = ", ".join(f"[{name}] x{n}" for name, n in self.shortcodes.most_common())
            lines.append(f"Shortcodes removed: {found}.")
        if self.damaged_items:
            n = len(self.damaged_items)
            lines.append(f"{n} item{'s' if n > 1 else ''} could not be read whole (below).")
        lines += self.problems
        return lines


def read_author_map(path) -> dict[str, str]:
    """login,author name (a CSV without a header): WordPress users -> our authors' names."""
    with open(path, newline="", encoding="utf-8") as file:
        return {row[0].strip(): row[1].strip() for row in csv.reader(file) if len(row) >= 2}


class Importer:
    def __init__(
        self,
        *,
        dry_run=False,
        author_map: dict[str, str] | None = None,
        uploads: Path | None = None,
    ):
        self.dry_run = dry_run
        self.author_map = author_map or {}
        self.uploads = uploads
        self.authors: dict[str, str] = {}  # login -> display name, from the export's header
        self.attachments: dict[int, Attachment] = {}
        # Posts whose [gallery ids=...] names attachments not read yet (WordPress exports the
        # pictures uploaded for a post after it): imported once the whole export is read.
        self.waiting_for_attachments: list[Item] = []
        self.attachment_pages: list[Item] = []  # each picture's page: to its post's article
        self.categories: list[Category] = []  # the export's list, for /?cat=ID
        self.featured: dict[int, int] = {}  # article pk -> attachment id
        self.new_addresses: dict[str, str] = {}  # old path or ?p=ID -> new path
        self.placed: dict[str, str] = {}  # uploads-relative path -> our address, this run
        self.title = ""  # the post being converted, for messages
        self.modified: dict[int, datetime] = {}  # article pk -> WordPress's modified date
        self.summary = Summary()

    def run(self, file, progress=None) -> Summary:
        for entry in read_export(file):
            if isinstance(entry, ExportAuthor):
                self.authors[entry.login] = entry.display_name or entry.login
                continue
            if isinstance(entry, Category):
                self.categories.append(entry)
                continue
            if isinstance(entry, Damage):
                self.summary.problems.append(entry.message)
                self.summary.damaged_items.add(entry.post_id)
                continue
            if progress:
                progress(entry)
            self._item_or_problem(entry)
        for item in self.waiting_for_attachments:
            self._item_or_problem(item, last_pass=True)
        if not self.dry_run:
            self._redirect("/feed/", "/articles/feed/", "feed")
            self._redirect_attachment_pages()
            self._redirect_category_numbers()
            self._attach_pictures()
            self._rewrite_links()
            self._keep_modified_dates()
        return self.summary

    def _redirect_attachment_pages(self) -> None:
        """A picture's page (/2024/05/post/picture/, ?attachment_id=) goes to the article of the
        post it was uploaded for; one uploaded for nothing we have is Gone."""
        articles = dict(
            Article.objects.filter(
                wordpress_id__in={item.parent for item in self.attachment_pages}
            ).values_list("wordpress_id", "slug")
        )
        for item in self.attachment_pages:
            slug = articles.get(item.parent)
            new_path = reverse("articles:detail", kwargs={"slug": slug}) if slug else GONE
            self._redirect(item.link, new_path, "picture's page")
            self._redirect_query("attachment_id", item.post_id, new_path, "picture's page")

    def _redirect_category_numbers(self) -> None:
        """/?cat=ID to the topic of that category, else of its parent, else the articles."""
        topics = {topic.slug: topic.get_absolute_url() for topic in Topic.objects.all()}
        for category in self.categories:
            new_path = topics.get(category.slug) or topics.get(category.parent)
            self._redirect_query(
                "cat", category.term_id, new_path or reverse("articles:list"), "category"
            )

    def _item_or_problem(self, item: Item, last_pass: bool = False) -> None:
        try:
            self._item(item, last_pass)
        except Exception as error:  # one broken item never stops the rest
            self.summary.problems.append(
                f"Item {item.post_id} ({item.title or 'untitled'}) not imported: {error}"
            )

    def _keep_modified_dates(self) -> None:
        """The last change readers and search engines are told of (sitemap, feed, JSON-LD) is
        the post's last edit in WordPress, not the import's."""
        for pk, modified in self.modified.items():
            Article.objects.filter(pk=pk).update(updated_at=modified)
        if self.modified:
            # update() sends no save signal: pages cached while the import ran (the sitemap,
            # the feeds, the articles' own) would keep the import's time as their last change.
            transaction.on_commit(forget_all_pages)

    def _attach_pictures(self) -> None:
        """Featured images (attachments may come after their post in an export)."""
        for pk, attachment_id in self.featured.items():
            url, alt, _ = self.attachments.get(attachment_id, Attachment("", "", ""))
            article = Article.objects.get(pk=pk)
            source = self._uploaded_file(url)
            if source is None:
                self.summary.problems.append(
                    f"Picture of “{article.title}” not in the uploads folder: {url or 'no file'}"
                )
                continue
            try:
                with source.open("rb") as file:
                    picture = clean_upload(File(file, name=source.name))
            except ValidationError as error:
                self.summary.problems.append(f"Picture of “{article.title}”: {error.messages[0]}")
                continue
            if not (article.hero_image and article.hero_image.name.endswith(picture.name)):
                article.hero_image.save(picture.name, picture, save=False)
                article.hero_alt = alt
                article.hero_decorative = not alt
                article.save()
                self.summary.pictures += 1
            # Its old address (and its WordPress sizes, addresses.py) leads to a rendition.
            key = source.relative_to(self.uploads.resolve()).as_posix()
            rendition = rendition_url(article.hero_image.name, article.hero_width)
            self._redirect(f"/wp-content/uploads/{key}", rendition, "uploaded file")

    def _uploaded_file(self, url: str) -> Path | None:
        """The file an uploads address names, inside the uploads folder (never outside it). For
        one of WordPress's resized copies (name-300x200.jpg), the original when it is there."""
        if not self.uploads or "/uploads/" not in url:
            return None
        relative = urlsplit(url).path.split("/uploads/", 1)[1]
        original = RESIZED_COPY.sub(r"\1", relative)
        for name in dict.fromkeys([original, relative]):
            candidate = (self.uploads / name).resolve()
            if self.uploads.resolve() in candidate.parents and candidate.is_file():
                return candidate
        return None

    def _place_picture(self, url: str, alt: str) -> str | None:
        """Copy a picture of a post's text into our media (once, whatever the number of posts
        showing it or of runs) and say its new address; None when it cannot be."""
        if not self.uploads:
            self.summary.inline_pictures_without_uploads += 1
            return None
        source = self._uploaded_file(url)
        if source is None:
            self.summary.problems.append(
                f"Picture in “{self.title}” not in the uploads folder: {url}"
            )
            return None
        key = source.relative_to(self.uploads.resolve()).as_posix()
        if key in self.placed:
            return self.placed[key]
        known = InlinePicture.objects.filter(imported_from=key).first()
        if known is not None:
            self.placed[key] = known.src
            self._report_picture(key, known)
            return known.src
        try:
            with source.open("rb") as file:
                cleaned = clean_upload(File(file, name=source.name), min_width=1)
        except ValidationError as error:
            self.summary.problems.append(f"Picture in “{self.title}”: {error.messages[0]}")
            return None
        self.summary.inline_pictures += 1
        if self.dry_run:
            src = f"{settings.MEDIA_URL}{INLINE_PICTURE_FOLDER}{cleaned.name}"
        else:
            picture = InlinePicture(alt=alt[:250], imported_from=key)
            picture.image.save(cleaned.name, cleaned, save=False)
            picture.save()
            src = picture.src
            self._report_picture(key, picture)
        self.placed[key] = src
        return src

    def _rewrite_links(self) -> None:
        """Links from one imported post to another go to the new address, not a redirect."""
        if not self.new_addresses:
            return
        pattern = re.compile(r'href="(?:https?://[^/"]+)?(/[^"]*)"')

        def new_href(match):
            path = match.group(1)
            target = self.new_addresses.get(path) or self.new_addresses.get(
                old_address(path.rstrip("/") + "/")
            )
            if target is None:
                return match.group(0)
            self.summary.links_rewritten += 1
            return f'href="{target}"'

        # A few hundred bodies at a time (a large site has tens of thousands), read by number
        # rather than through one open cursor, since some are saved on the way.
        imported = list(
            Article.objects.filter(wordpress_id__isnull=False).values_list("pk", flat=True)
        )
        batches = (imported[i : i + 500] for i in range(0, len(imported), 500))
        for article in (a for batch in batches for a in Article.objects.filter(pk__in=batch)):
            body = pattern.sub(new_href, article.body)
            if body != article.body:
                article.body = body
                article.save()

    def _item(self, item: Item, last_pass: bool = False) -> None:
        if item.post_type == "attachment":
            alt = item.meta.get("_wp_attachment_image_alt", "")
            caption = _plain(item.excerpt)  # a gallery shows it under the picture
            self.attachments[item.post_id] = Attachment(item.attachment_url, alt, caption)
            self.attachment_pages.append(item)
        if item.post_type == "page":
            self._page(item)
            return
        if item.post_type != "post":
            kind = {"attachment": "attachments"}.get(item.post_type)
            self.summary.skipped[kind or f"items of type {item.post_type or 'unknown'}"] += 1
            return
        if item.status in SKIPPED_STATUSES:
            self.summary.skipped[f"posts {SKIPPED_STATUSES[item.status]}"] += 1
            return
        if item.status not in STATUSES:
            self.summary.skipped[f"posts with status {item.status!r}"] += 1
            return
        if not last_pass and any(
            int(number) not in self.attachments for number in gallery_ids(item.body)
        ):
            self.waiting_for_attachments.append(item)
            return
        for tag in item.tags:
            self.summary.tags[tag] += 1
        self.title = item.title.strip() or f"post {item.post_id}"
        status = STATUSES[item.status]
        if item.password:
            status = Article.Status.DRAFT
            self.summary.problems.append(
                f"“{self.title}” is password-protected in WordPress: imported as a draft, never "
                "public. Publish it once its text may be read by anyone."
            )
        converted = convert_body(item.body, self._place_picture, self.attachments.get)
        self.summary.shortcodes.update(converted.unknown_shortcodes)
        if converted.unknown_shortcodes:
            removed = ", ".join(f"[{name}]" for name in sorted(converted.unknown_shortcodes))
            self.summary.problems.append(
                f"“{self.title}”: {removed} removed (nothing here does what it did)."
            )
        if converted.replaced:
            self.summary.problems.append(
                f"“{self.title}”: its Contact Form 7 form is now a link to the appointment "
                "request form. Check that the words around it still fit."
            )
        self.summary.shortcode_inventory.update(converted.shortcodes)
        with transaction.atomic():
            article = Article.objects.filter(wordpress_id=item.post_id).first()
            fields = {
                "title": item.title.strip()[:200] or f"Untitled post {item.post_id}",
                "slug": article.slug if article else _new_slug(item),
                "summary": _plain(item.excerpt),
                "body": Article.body_as_saved(converted.html),
                "status": status,
                # A draft has no date in WordPress: its first import's time, kept on the next.
                "publish_at": item.date_gmt
                or item.modified_gmt
                or (article.publish_at if article else timezone.now()),
            }
            if article is None:
                self.summary.created += 1
                if not self.dry_run:
                    article = Article(
                        wordpress_id=item.post_id,
                        topic=self._topic(item),
                        author=self._author(item),
                        **fields,
                    )
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
                if item.modified_gmt and article.updated_at > item.modified_gmt:
                    self.modified[article.pk] = item.modified_gmt
                new = article.get_absolute_url()
                # Drafts keep their old address too (a 404 until published), but the report,
                # meant for search engines, lists what readers can see.
                kind = "post" if article.status == Article.Status.PUBLISHED else None
                self._redirect(item.link, new, kind)
                if kind:
                    self._report(f"/?p={item.post_id}", kind, new)
                self.new_addresses[old_address(item.link)] = new
                self.new_addresses[f"/?p={item.post_id}"] = new
                if item.meta.get("_thumbnail_id", "").isdigit():
                    self.featured[article.pk] = int(item.meta["_thumbnail_id"])

    def _page(self, item: Item) -> None:
        title = item.title.strip() or f"Page {item.post_id}"
        if item.status != "publish" or item.password:
            self.summary.skipped["pages not public in WordPress"] += 1
            return
        old_path = old_address(item.link)
        if old_path == "/":  # plain addresses (?page_id=): the slug is the address
            old_path = f"/{slugify(unquote(item.slug)) or item.post_id}/"
        ours = equivalent_of(old_path.rstrip("/").rsplit("/", 1)[-1])
        if ours:
            self.summary.problems.append(
                f"Page “{title}” not copied: its old address {old_path} now leads to this "
                f"site's own {ours}. Check that nothing of it is missing there."
            )
            new_path = ours
        else:
            new_path = address_for(old_path)
            self.title = title
            html = convert_body(item.body, self._place_picture, self.attachments.get).html
            self.summary.pages[save_site_page(new_path, title, html, self.dry_run)] += 1
        if not self.dry_run:
            self._redirect(old_path, new_path, "page")
            self._redirect_query("page_id", item.post_id, new_path, "page")

    def _topic(self, item: Item) -> Topic:
        nicename, name = item.categories[0] if item.categories else ("uncategorized", "General")
        slug = (nicename or slugify(name) or "general")[:50]
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug})
        if not self.dry_run:
            self._redirect(f"/category/{slug}/", topic.get_absolute_url(), "category")
        return topic

    def _author(self, item: Item):
        """The clinician (the clinical team's record) the post's WordPress user stands for."""
        Clinician = Article.author.field.related_model
        login = item.creator
        name = self.author_map.get(login) or self.authors.get(login) or login or "Staff"
        author = Clinician.objects.filter(name=name).first()
        if author is None:
            author = Clinician.objects.create(name=name)
        if login:
            self._redirect(f"/author/{login}/", author.get_absolute_url(), "author")
        return author

    def _redirect_query(self, name: str, number: int, new_path: str, kind: str) -> None:
        """WordPress's plain address of a thing, /?page_id=12 (answered by addresses.py)."""
        old_path = f"/?{name}={number}"
        Redirect.objects.update_or_create(
            site=Site.objects.get_current(), old_path=old_path, defaults={"new_path": new_path}
        )
        self._report(old_path, kind, new_path)

    def _redirect(self, old_url: str, new_path: str, kind: str | None) -> None:
        """Record the old address's new one; `kind` names it in the report (None: left out)."""
        old_path = old_address(old_url) if old_url else ""
        if not old_path or old_path == "/":
            return
        if kind:
            self._report(old_path, kind, new_path)
        if old_path != new_path:
            Redirect.objects.update_or_create(
                site=Site.objects.get_current(), old_path=old_path, defaults={"new_path": new_path}
            )

    def _report(self, old_path: str, kind: str, new_path: str) -> None:
        self.summary.addresses[old_path] = (kind, new_path)

    def _report_picture(self, key: str, picture: InlinePicture) -> None:
        """An uploaded file's address (and its WordPress sizes) leads to a rendition."""
        rendition = rendition_url(picture.image.name, picture.width)
        self._report(escape_uri_path(f"/wp-content/uploads/{key}"), "uploaded file", rendition)


def old_address(url: str) -> str:
    """An old address's path as Django writes a request's (percent-encoded UTF-8, capital hex
    digits): WordPress writes an emoji's bytes in small letters, a browser may send either."""
    return escape_uri_path(unquote(urlsplit(url).path))


def _new_slug(item: Item) -> str:
    """A readable slug from WordPress's: its percent-encoded emoji dropped, accents folded
    (café -> cafe), and unique among the articles already here."""
    base = (slugify(unquote(item.slug)) or slugify(item.title) or f"post-{item.post_id}")[:190]
    slug, number = base, 1
    while Article.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _plain(html: str) -> str:
    return plain_text(html)[:300]
