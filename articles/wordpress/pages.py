"""WordPress pages as site pages: Django's flat pages, which staff edit in the admin, served at
the page's old address (nested ones too) and sanitized like articles on every save
(pages.models.clean_site_page). A page the site already has its own version of (contact,
privacy) is not copied: its old address leads to ours, and the summary says so for staff."""

from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.urls import Resolver404, resolve, reverse

from articles.html import sanitize_article_html

# A WordPress page's slug -> the URL name of our page that does its job.
EQUIVALENTS = {
    "contact": "locations:list",
    "contact-us": "locations:list",
    "locations": "locations:list",
    "privacy-policy": "privacy",
    "privacy": "privacy",
    "accessibility": "accessibility",
    # WordPress's posts page (Settings › Reading), an empty page that listed the posts.
    "blog": "articles:list",
    "news": "articles:list",
    "articles": "articles:list",
}
MOVED_UNDER = "/pages"  # where a page goes whose old address is one of ours


def equivalent_of(slug: str) -> str | None:
    name = EQUIVALENTS.get(slug)
    return reverse(name) if name else None


def address_for(old_path: str) -> str:
    """The old address itself, unless the new site answers it already (/articles/...)."""
    try:
        resolve(old_path)
    except Resolver404:
        return old_path
    return MOVED_UNDER + old_path


def save_site_page(url: str, title: str, content: str, dry_run: bool) -> str:
    """Create or update the site page at `url`; say which: created, updated or unchanged."""
    title, content = title[:200], sanitize_article_html(content)
    page = FlatPage.objects.filter(url=url).first()
    if page is not None and (page.title, page.content) == (title, content):
        return "unchanged"
    outcome = "created" if page is None else "updated"
    if not dry_run:
        page = page or FlatPage(url=url)
        page.title, page.content = title, content
        page.save()
        page.sites.add(Site.objects.get_current())
    return outcome
