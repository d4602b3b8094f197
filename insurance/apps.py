from django.apps import AppConfig


class InsuranceConfig(AppConfig):
    """The insurance plans we accept, and which clinics are in network for each."""

    name = "insurance"
    verbose_name = "Insurance"

    def ready(self):
        from core.page_cache import forget_pages_on_change
        from insurance.models import Network, Plan, accepted_plans

        clinic = Network.clinic.field.related_model  # a clinic closed: its plans go with it
        accepted_plans.forget_on_change(Plan, Network, clinic)
        forget_pages_on_change(Plan, Network)
