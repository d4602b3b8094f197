from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.urls import reverse

from articles.sitemaps import ArticleSitemap, TopicSitemap
from core.sitemaps import PublicSitemap
from locations.sitemaps import ClinicSitemap
from team.sitemaps import ClinicianSitemap


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
    first visit, and pages moved in from WordPress."""


SITEMAPS = {
    "pages": StaticPageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "clinics": ClinicSitemap,
    "team": ClinicianSitemap,
    "site-pages": SitePageSitemap,
}
