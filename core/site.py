"""Who the site belongs to and where it lives on the web: the one source for both.

Absolute addresses come from SITE_URL (DJANGO_SITE_URL), never from the request's Host header:
a canonical link, a sitemap entry or an email names the public address, whichever host name a
request happened to use.
"""

from django.conf import settings
from django.templatetags.static import static

LOGO = "img/favicon.svg"  # the mark that stands for the organisation in search results


def absolute_url(path: str) -> str:
    """The public address of a path on this site ("/articles/" -> "https://.../articles/")."""
    if path.startswith(("http://", "https://")):
        return path  # already absolute (uploads on object storage, for instance)
    return settings.SITE_URL + path


def organization_id() -> str:
    """The schema.org @id of the organisation, which every clinic and article points to."""
    return absolute_url("/") + "#organization"


def organization_reference() -> dict:
    """The organisation as other schema.org nodes name it (publisher, branchOf)."""
    return {
        "@type": "MedicalOrganization",
        "@id": organization_id(),
        "name": settings.SITE_NAME,
        "logo": absolute_url(static(LOGO)),
    }
