from django.apps import AppConfig


class TeamConfig(AppConfig):
    """The clinical team: one record per clinician, the byline of what they write and review."""

    name = "team"
    verbose_name = "Clinical team"

    def ready(self):
        from core.page_cache import forget_pages_on_change, reads_query_parameters
        from team.models import Clinician, team_members

        links = (Clinician.clinics.through, Clinician.specialties.through)
        team_members.forget_on_change(Clinician, *links)
        forget_pages_on_change(Clinician, *links)
        reads_query_parameters("specialty", "language")  # /team/ filters (and "clinic")
