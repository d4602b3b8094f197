from django import template

from locations.hours import format_time
from locations.maryland_map import clinics_map
from locations.models import footer_clinics
from locations.phones import display_phone

register = template.Library()


@register.filter
def phone(e164):
    """Show a stored +14105550142 as (410) 555-0142."""
    return display_phone(e164) if e164 else ""


@register.filter
def clock(value):
    """Show a time as the clinics write it: 7 am, 7:30 pm."""
    return format_time(value) if value else ""


@register.simple_tag
def maryland_map(current=None):
    """Our clinics on a map of Maryland drawn by us (inline SVG), `current` highlighted."""
    return clinics_map(footer_clinics(), current)
