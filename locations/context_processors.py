from django.conf import settings
from django.utils.functional import SimpleLazyObject

from forever_fit.cached_lists import cached_list
from locations.models import Clinic

FOOTER_CLINICS = "footer-clinics"


def footer_clinics() -> list[Clinic]:
    return cached_list(FOOTER_CLINICS, Clinic.objects.active)


def clinic_contacts(request):
    """Give every page the numbers to call. Pages that list clinics themselves pass their list."""
    return {
        "all_clinics": SimpleLazyObject(footer_clinics),
        "main_phone": settings.CLINIC_MAIN_PHONE,
    }
