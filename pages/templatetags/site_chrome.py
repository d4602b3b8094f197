"""The header and footer every public page shows, rendered once per process for as long as what
they show stays the same: they were a fifth of an uncached article page's CPU, every time."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.text import get_text_list

from locations.models import footer_clinics

register = template.Library()

_rendered: dict[tuple, str] = {}  # (template, what it shows) -> HTML
_MOST = 32  # a few header variants and the current footer; a bound, in case


def _once(template_name: str, key: tuple, context: dict) -> str:
    html = _rendered.get((template_name, *key))
    if html is None:
        if len(_rendered) >= _MOST:
            _rendered.clear()
        html = _rendered[(template_name, *key)] = render_to_string(template_name, context)
    return html


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The header: the same on every page of a section (Articles or Clinics marked current);
    a clinic's page has its Call button dial that clinic (`header_phone`)."""
    match = getattr(context.get("request"), "resolver_match", None)
    shown = {
        "section": getattr(match, "app_name", ""),
        "site_short_name": settings.SITE_SHORT_NAME,
        "main_phone": context.get("header_phone") or settings.CLINIC_MAIN_PHONE,
    }
    return _once("includes/_header.html", tuple(shown.values()), shown)


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """The footer: the clinics to call, until a clinic changes (the list's version). A clinics
    page passes the list it read itself (all_clinics), which saves reading the shared one."""
    own = context.get("all_clinics")
    if type(own) is list:  # not isinstance: the lazy default (a SimpleLazyObject) passes that
        shown = {"footer_clinics": own, "site_name": settings.SITE_NAME}
        return render_to_string("includes/_footer.html", shown)
    version, clinics = footer_clinics.versioned()
    shown = {"footer_clinics": clinics, "site_name": settings.SITE_NAME}
    return _once("includes/_footer.html", (version, settings.SITE_NAME), shown)


@register.simple_tag(takes_context=True)
def clinic_towns(context) -> str:
    """Where the clinics are ("Bowie and Crofton, MD"), for titles and descriptions: from the
    clinics as staff keep them (a clinic added, moved or closed changes it). A clinics page's
    own list (all_clinics) is used when it has one, as for the footer."""
    own = context.get("all_clinics")
    clinics = own if type(own) is list else footer_clinics()
    towns = get_text_list(list(dict.fromkeys(clinic.city for clinic in clinics)), "and")
    return f"{towns}, {', '.join(dict.fromkeys(clinic.state for clinic in clinics))}"
