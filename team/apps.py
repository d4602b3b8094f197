from django.apps import AppConfig


class TeamConfig(AppConfig):
    """The clinical team: one record per clinician, the byline of what they write and review."""

    name = "team"
    verbose_name = "Clinical team"
