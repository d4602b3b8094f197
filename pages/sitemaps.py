from django.conf import settings
from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.urls import reverse

from articles.sitemaps import ArticleSitemap, TopicSitemap
from core.sitemaps import PublicSitemap
from locations.sitemaps import ClinicSitemap
from team.sitemaps import ClinicianSitemap

# The flat pages with a route of their own in every language (pages/urls.py).
NAMED_SITE_PAGES = {
    "/privacy/": "privacy",
    "/accessibility/": "accessibility",
    "/first-visit/": "first-visit",
}


class StaticPageSitemap(PublicSitemap):
    def items(self):
        return [
            "home",
            "articles:list",
            "locations:list",
            "team:list",
            "insurance:list",
            "appointments:request",
        ]

    def location(self, item):
        return reverse(item)


class SitePageSitemap(PublicSitemap, FlatPageSitemap):
    """The pages staff edit as flat pages: the privacy notice, the accessibility statement, the
    first visit (at their address in each language), and pages moved in from WordPress (at
    their old address only)."""

    def items(self):
        return super().items().prefetch_related("versions")

    def get_languages_for_item(self, page):
        """English, and each language the page has a version in (pages/views.site_page)."""
        if page.url not in NAMED_SITE_PAGES:
            return [settings.LANGUAGE_CODE]
        return [settings.LANGUAGE_CODE, *(version.language for version in page.versions.all())]

    def location(self, page):
        name = NAMED_SITE_PAGES.get(page.url)
        return reverse(name) if name else super().location(page)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "clinics": ClinicSitemap,
    "team": ClinicianSitemap,
    "site-pages": SitePageSitemap,
}
