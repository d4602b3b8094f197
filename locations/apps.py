from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = "Clinics"

    def ready(self):
        from core.page_cache import (
            changes_by_itself_at,
            forget_pages_on_change,
            reads_query_parameters,
        )
        from locations.models import (
            Clinic,
            OpeningHours,
            Service,
            SpecialHours,
            footer_clinics,
            next_opening_change,
        )

        # Clinic pages read the shared list too, with its services.
        footer_clinics.forget_on_change(
            Clinic, OpeningHours, SpecialHours, Service, Clinic.services.through
        )
        forget_pages_on_change(Clinic, OpeningHours, SpecialHours, Service, Clinic.services.through)
        changes_by_itself_at(next_opening_change)
        reads_query_parameters("zip", typed=True)  # the nearest clinic
