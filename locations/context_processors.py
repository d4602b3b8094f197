from django.conf import settings

from locations.models import Clinic


def clinic_contacts(request):
    """Give every page the numbers to call: one lazy query for the footer's clinics."""
    return {"all_clinics": Clinic.objects.active(), "main_phone": settings.CLINIC_MAIN_PHONE}
