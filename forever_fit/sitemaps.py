from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.sitemaps import ArticleSitemap, TopicSitemap
from locations.sitemaps import ClinicSitemap


class StaticPageSitemap(Sitemap):
    def items(self):
        return ["home", "articles:list", "locations:list", "appointments:request"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "clinics": ClinicSitemap,
    "site-pages": FlatPageSitemap,
}
