"""schema.org descriptions of the clinics, for search engines (JSON-LD)."""

from core.site import absolute_url, organization_reference
from locations.models import OpeningHours


def clinic_json_ld(clinic) -> dict:
    """A Physiotherapy (MedicalBusiness) node with address, geo, hours and its organisation."""
    url = absolute_url(clinic.get_absolute_url())
    node = {
        "@context": "https://schema.org",
        "@type": "Physiotherapy",
        "@id": url + "#clinic",
        "name": clinic.display_name,
        "url": url,
        "telephone": clinic.phone,
        "address": _postal_address(clinic),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(clinic.latitude),
            "longitude": float(clinic.longitude),
        },
        "openingHoursSpecification": _opening_hours(clinic),
        "branchOf": organization_reference(),
    }
    if clinic.fax:
        node["faxNumber"] = clinic.fax
    if clinic.photo:
        node["image"] = absolute_url(clinic.picture.url)
    return node


def organization_json_ld(clinics) -> dict:
    """The organisation with each of its clinics, for the home page."""
    return {
        "@context": "https://schema.org",
        **organization_reference(),
        "url": absolute_url("/"),
        "subOrganization": [
            {
                "@type": "Physiotherapy",
                "@id": absolute_url(clinic.get_absolute_url()) + "#clinic",
                "name": clinic.display_name,
                "url": absolute_url(clinic.get_absolute_url()),
                "telephone": clinic.phone,
                "address": _postal_address(clinic),
            }
            for clinic in clinics
        ],
    }


def _postal_address(clinic) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": clinic.street_address,
        "addressLocality": clinic.city,
        "addressRegion": clinic.state,
        "postalCode": clinic.postal_code,
        "addressCountry": "US",
    }


def _opening_hours(clinic) -> list[dict]:
    specs = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{OpeningHours.Weekday(row.weekday).label}",
            "opens": f"{row.opens:%H:%M}",
            "closes": f"{row.closes:%H:%M}",
        }
        for row in clinic.opening_hours.all()
    ]
    for row in clinic.special_hours.all():
        # schema.org's convention for "closed all day" is opens = closes = 00:00.
        opens, closes = (
            ("00:00", "00:00") if row.closed else (f"{row.opens:%H:%M}", f"{row.closes:%H:%M}")
        )
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": row.date.isoformat(),
                "validThrough": row.date.isoformat(),
                "opens": opens,
                "closes": closes,
            }
        )
    return specs
