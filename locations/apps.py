from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = "Clinics"

    def ready(self):
        from forever_fit.cached_lists import forget_on_change
        from locations.context_processors import FOOTER_CLINICS
        from locations.models import Clinic

        forget_on_change(Clinic, FOOTER_CLINICS)
