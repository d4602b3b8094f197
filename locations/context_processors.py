from django.utils.functional import SimpleLazyObject

from locations.models import footer_clinics


def clinic_contacts(request):
    """Give every page the clinics to call. Pages that list clinics themselves pass their list."""
    return {"all_clinics": SimpleLazyObject(footer_clinics)}
