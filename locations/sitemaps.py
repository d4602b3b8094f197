from core.sitemaps import PublicSitemap
from locations.models import Clinic


class ClinicSitemap(PublicSitemap):
    def items(self):
        return Clinic.objects.active().only("slug")
