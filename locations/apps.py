from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = "Clinics"

    def ready(self):
        from locations.models import Clinic, OpeningHours, SpecialHours, footer_clinics

        for model in (Clinic, OpeningHours, SpecialHours):
            footer_clinics.forget_on_change(model)
