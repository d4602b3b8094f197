from axes.apps import AppConfig as AxesAppConfig
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


class ForeverFitConfig(AppConfig):
    default = True  # this module also holds SignInLockoutsConfig, for django-axes
    name = "forever_fit"
    verbose_name = "Site pages"

    def ready(self):
        from django.contrib.flatpages.models import FlatPage

        from forever_fit import checks  # noqa: F401  (registers the deploy checks)
        from forever_fit.models import HomePage, clean_site_page, home_page

        post_migrate.connect(sync_site_domain, sender=self)
        pre_save.connect(clean_site_page, sender=FlatPage, dispatch_uid="clean-site-page")

        from core.page_cache import forget_pages_on_change, reads_query_parameters

        for model in (HomePage, HomePage.topics.through):
            home_page.forget_on_change(model)
        forget_pages_on_change(HomePage, HomePage.topics.through, FlatPage)
        reads_query_parameters("p")  # an old WordPress address, /?p=ID


class SignInLockoutsConfig(AxesAppConfig):
    """django-axes under a name staff understand in the admin's menu."""

    default = False
    verbose_name = "Sign-in lock-outs"
