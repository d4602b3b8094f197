from django.views.generic import TemplateView

from insurance.models import Plan, accepted_plans, plans_by_kind
from locations.models import footer_clinics


class InsuranceView(TemplateView):
    """The plans we accept with the clinics that take each, and what to do when yours is not
    listed: from the shared lists, so no query when they are warm."""

    template_name = "insurance/insurance.html"

    def get_context_data(self, **kwargs):
        plans = accepted_plans()
        return super().get_context_data(
            groups=plans_by_kind(p for p in plans if p.kind != Plan.Kind.SELF_PAY),
            self_pay=[p for p in plans if p.kind == Plan.Kind.SELF_PAY],
            clinic_count=len(footer_clinics()),
            **kwargs,
        )
