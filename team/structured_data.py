"""schema.org for the clinical team: a clinician's Person, which articles name as author and
reviewer by its @id (articles/structured_data.py)."""

from core.site import absolute_url


def person_id(clinician) -> str:
    return absolute_url(clinician.get_absolute_url()) + "#person"


def person_reference(clinician) -> dict:
    """A Person named from another page (a clinic's employee): who, and where the rest is."""
    node = {
        "@type": "Person",
        "@id": person_id(clinician),
        "name": clinician.name,
        "url": absolute_url(clinician.get_absolute_url()),
    }
    if clinician.credentials:
        node["honorificSuffix"] = clinician.credentials
    if clinician.title:
        node["jobTitle"] = clinician.title
    return node


def person_json_ld(clinician) -> dict:
    """The profile page's Person: credentials, role, languages, the clinics they work at."""
    node = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": person_id(clinician),
        "url": absolute_url(clinician.get_absolute_url()),
        "name": clinician.name,
    }
    if clinician.credentials:
        node["honorificSuffix"] = clinician.credentials
    if clinician.title:
        node["jobTitle"] = clinician.title
    if clinician.bio:
        node["description"] = clinician.bio
    if clinician.photo:
        node["image"] = absolute_url(clinician.portrait.url)
    if languages := clinician.language_list:
        node["knowsLanguage"] = languages
    if clinics := getattr(clinician, "clinic_list", []):
        node["worksFor"] = [
            {
                "@id": absolute_url(clinic.get_absolute_url()) + "#clinic",
                "name": clinic.display_name,
            }
            for clinic in clinics
        ]
    return node
