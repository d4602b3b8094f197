"""The header and footer every public page shows, rendered once per process for as long as what
they show stays the same: they were a fifth of an uncached article page's CPU, every time."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext, gettext_noop

from core.languages import in_language
from core.site import absolute_url
from locations.models import footer_clinics

register = template.Library()

_rendered: dict[tuple, str] = {}  # (template, what it shows) -> HTML
_MOST = 32  # a few header variants and the current footer; a bound, in case


def _once(template_name: str, key: tuple, context: dict) -> str:
    key = (template_name, translation.get_language(), *key)  # each language drawn once
    html = _rendered.get(key)
    if html is None:
        if len(_rendered) >= _MOST:
            _rendered.clear()
        html = _rendered[key] = render_to_string(template_name, context)
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
    towns = get_text_list(list(dict.fromkeys(clinic.city for clinic in clinics)), gettext("and"))
    return f"{towns}, {', '.join(dict.fromkeys(clinic.state for clinic in clinics))}"


# Each language's name in the page's language, after its own name in the switch (for a screen
# reader, in each voice): "Español (Spanish)".
NAMED_HERE = {"en": gettext_noop("English"), "es": gettext_noop("Spanish")}


@dataclass(frozen=True)
class LanguageVersion:
    code: str  # "es"
    name: str  # in its own language: "Español"
    url: str  # the page in that language, or the nearest page that has one
    same_page: bool  # False: the link leads elsewhere (the nearest page written in it)
    untranslated: bool = False  # this page exists, but not yet in that language: say so


@dataclass(frozen=True)
class LanguageVersions:
    """This page in every language. Drawn here rather than in base.html: a template's loops,
    lookups and tags for these few links were 5% of an uncached article page's work."""

    all: list[LanguageVersion]  # in settings.LANGUAGES order: English (the x-default) first

    @property
    def complete(self) -> bool:
        """Every language has this page: the page names them all as its alternates."""
        return all(version.same_page for version in self.all)

    def alternates(self) -> str:
        """The <link rel="alternate"> lines naming each version, when every language has one."""
        if not self.complete:
            return ""
        links = [(version.code, absolute_url(version.url)) for version in self.all]
        links.append(("x-default", links[0][1]))
        return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)

    def switch(self) -> str:
        """The links to the other languages, each named in its own words, then in the page's;
        saying so, in that language, where it leads to the nearest page written in it."""
        current = translation.get_language()
        links = []
        for version in self.all:
            if version.code == current:
                continue
            link = format_html(
                '<a href="{}" hreflang="{}" lang="{}">{}<span class="visually-hidden" lang="{}">'
                " ({})</span></a>",
                version.url,
                version.code,
                version.code,
                version.name,
                current,
                gettext(NAMED_HERE[version.code]),
            )
            if version.untranslated:
                with translation.override(version.code):
                    note = gettext("(this page is not translated yet)")
                link += format_html(
                    ' <span class="language-switch__note" lang="{}">{}</span>', version.code, note
                )
            links.append(link)
        return format_html(
            '<nav class="language-switch" aria-label="{}"><div class="wrap">\n    {}\n  </div>'
            "</nav>",
            gettext("Language"),
            mark_safe("".join(links)),  # nosec B308, B703 - each link built by format_html
        )


@register.simple_tag(takes_context=True)
def language_versions(context) -> LanguageVersions:
    """This page in every language: the same address under the language's prefix, unless the view
    says which languages its content is written in (`translations`: code -> address); a language
    missing there leads to the nearest page written in it (`nearest_translated`, else home). A
    page not found leads to the home page of the other language."""
    request = context["request"]
    own = context.get("translations")
    nearest = context.get("nearest_translated") or "/"  # the home page
    found = getattr(request, "resolver_match", None) is not None  # None: a 404 page
    versions = []
    for code, name in settings.LANGUAGES:
        if not found:
            version = LanguageVersion(code, name, in_language("/", code), same_page=False)
        elif own is None:
            version = LanguageVersion(code, name, in_language(request.path, code), True)
        elif own.get(code):
            version = LanguageVersion(code, name, own[code], same_page=True)
        else:
            url = in_language(nearest, code)
            version = LanguageVersion(code, name, url, same_page=False, untranslated=True)
        versions.append(version)
    return LanguageVersions(versions)
