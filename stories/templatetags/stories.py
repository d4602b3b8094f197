from django import template
from django.utils.translation import get_language

from stories.models import stories_on_site

register = template.Library()


@register.simple_tag
def stories_about(*, clinic=None, clinician=None, topic=None) -> list:
    """The stories on the site about this clinic, therapist or topic, from the shared list."""
    found = stories_on_site()
    if clinic is not None:
        found = [s for s in found if s.clinic_id == clinic.pk]
    if clinician is not None:
        found = [s for s in found if s.clinician_id == clinician.pk]
    if topic is not None:
        found = [s for s in found if s.topic_id == topic.pk]
    # Told in the page's language first, then the others, each newest first.
    return sorted(found, key=lambda story: story.language != get_language())
