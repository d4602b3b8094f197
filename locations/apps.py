from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = "Clinics"

    def ready(self):
        from locations.models import Clinic, footer_clinics

        footer_clinics.forget_on_change(Clinic)
