from django.apps import AppConfig


class StoriesConfig(AppConfig):
    """Patients' stories in their own words, each shown only while a signed consent covers it."""

    name = "stories"
    verbose_name = "Patient stories"

    def ready(self):
        from core.page_cache import changes_by_itself_at, forget_pages_on_change
        from stories.models import Consent, Story, next_consent_end, stories_on_site

        stories_on_site.forget_on_change(Story, Consent)
        forget_pages_on_change(Story, Consent)
        changes_by_itself_at(next_consent_end)  # a story leaves the site when its consent ends
