from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class PublicSitemap(Sitemap):
    """A sitemap whose addresses use SITE_URL, like every other absolute link of the site."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
