"""Which language a piece of content is in, for pages whose language has no version of it."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def lang_of(obj, field: str) -> str:
    """` lang="en"` when this translated field (django-modeltranslation) has no text in the
    page's language and the English shows in its place, so that screen readers read it in an
    English voice; "" when the page's own language is shown."""
    language = get_language()
    if language == settings.LANGUAGE_CODE or getattr(obj, f"{field}_{language}", None):
        return ""
    return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')  # nosec B308, B703: a setting
