from django.conf import settings


def site(request):
    """The site's name and main phone number, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "site_short_name": settings.SITE_SHORT_NAME,
        "main_phone": settings.CLINIC_MAIN_PHONE,
    }
