from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class PublicSitemap(Sitemap):
    """A sitemap whose addresses use SITE_URL, like every other absolute link of the site, in
    every language a page has, each naming the others (xhtml:link alternates, English as the
    x-default). A sitemap whose items are not all translated says which are
    (`get_languages_for_item`)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
