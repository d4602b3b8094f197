from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate, pre_save


def sync_site_domain(sender, **kwargs):
    """Keep the Site row (used by the sitemap) on the domain the environment names."""
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )


class PagesConfig(AppConfig):
    """The home page, the site pages staff edit (privacy, accessibility, pages moved in from
    WordPress), the pages machines read (robots.txt, security.txt, the sitemap, /healthz) and the
    chrome every page shares (header, footer, error pages)."""

    name = "pages"
    verbose_name = "Site pages"

    def ready(self):
        from django.contrib.flatpages.models import FlatPage

        from core.page_cache import forget_pages_on_change, reads_query_parameters
        from pages.models import HomePage, SitePageVersion, clean_site_page, home_page

        post_migrate.connect(sync_site_domain, sender=self)
        pre_save.connect(clean_site_page, sender=FlatPage, dispatch_uid="clean-site-page")
        pre_save.connect(
            clean_site_page, sender=SitePageVersion, dispatch_uid="clean-site-page-version"
        )
        home_page.forget_on_change(HomePage, HomePage.topics.through)
        forget_pages_on_change(HomePage, HomePage.topics.through, FlatPage, SitePageVersion)
        reads_query_parameters("p")  # an old WordPress address, /?p=ID
