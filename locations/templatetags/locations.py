from django import template

from locations.phones import display_phone

register = template.Library()


@register.filter
def phone(e164):
    """Show a stored +14105550142 as (410) 555-0142."""
    return display_phone(e164) if e164 else ""
