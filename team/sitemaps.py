from core.sitemaps import PublicSitemap
from team.models import Clinician


class ClinicianSitemap(PublicSitemap):
    def items(self):
        return Clinician.objects.only("slug").order_by("name")
