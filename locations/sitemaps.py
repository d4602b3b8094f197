from django.contrib.sitemaps import Sitemap

from locations.models import Clinic


class ClinicSitemap(Sitemap):
    def items(self):
        return Clinic.objects.active().only("slug")
