"""The site-wide pages that belong to no single app: home and the pages machines read."""

import logging
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import (
    HttpResponse,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django.views.static import serve

from articles.models import Article, topics_menu
from articles.wordpress.addresses import answer_to_wordpress_query
from core.cache_outages import shared_cache_available
from core.context_processors import site
from core.languages import in_language
from core.site import absolute_url
from locations.forms import NearestClinicForm
from locations.models import footer_clinics
from locations.schema_org import organization_json_ld
from pages.models import home_page

log = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        # WordPress's plain addresses (/?p=123, /?page_id=7, /?s=knee) name something else.
        return answer_to_wordpress_query(request) or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_articles"] = Article.objects.for_cards()[:3]
        home = next(iter(home_page()), None)
        context["home"] = home
        context["topics"] = home.tiles(topics_menu()) if home else topics_menu()
        context["nearest_form"] = NearestClinicForm()
        context["organization_json_ld"] = organization_json_ld(footer_clinics())
        return context


@require_GET
def site_page(request, url: str):
    """A site page (a flat page) in the page's language: its version in that language, or the
    English text marked as English under a note saying so."""
    page = get_object_or_404(FlatPage, url=url, sites=settings.SITE_ID)
    language = translation.get_language()
    versions = {version.language: version for version in page.versions.all()}
    shown = versions.get(language, page) if language != settings.LANGUAGE_CODE else page
    translations = {
        code: in_language(request.path, code)
        for code, _name in settings.LANGUAGES
        if code == settings.LANGUAGE_CODE or code in versions
    }
    context = {
        "flatpage": shown,
        "title": mark_safe(shown.title),  # nosec B308, B703: staff's words, sanitized on save
        "content": mark_safe(shown.content),  # nosec B308, B703: sanitized on save
        "written_in": settings.LANGUAGE_CODE if shown is page else language,
        "translations": translations,
        "nearest_translated": request.path,  # the same address: English text, Spanish chrome
    }
    return render(request, "flatpages/default.html", context)


@require_GET
def robots_txt(request):
    # The admin path is left out on purpose: naming it here would publish it.
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:  # each language's own addresses (/es/...)
        with translation.override(code):
            lines.append(f"Disallow: {reverse('appointments:thanks')}")
            lines.append(f"Disallow: {reverse('articles:list')}preview/")
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def security_txt(request):
    # RFC 9116 requires an expiry; a rolling one stays valid as long as the contact does.
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        f"Canonical: {absolute_url(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers, 503 when it does not (for the load balancer).

    A shared cache that is down does not take the site down (pages are drawn without it), so it
    is reported in the body, for the operator, and never in the status.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    cache.has_key("healthz")  # asks the shared cache (once per interval while it is down)
    if shared_cache_available():
        body = "ok\ndatabase: ok\ncache: ok\n"
    else:
        body = "ok\ndatabase: ok\ncache: degraded (does not answer; pages are drawn without it)\n"
    return HttpResponse(body, content_type="text/plain")


@cache_control(max_age=86_400, public=True)
def media(request, path):
    """Serve an uploaded picture, so that production (`make prod`) shows them too.

    Everything in MEDIA_ROOT is public. At scale, object storage or a CDN takes this over.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def server_error(request):
    """Render the 500 page without touching the database, which may be what failed.

    When even the site's design cannot be drawn (a release without `collectstatic` has no
    static files manifest, so every `{% static %}` raises), a plain page still says what to do.
    """
    context = {**site(request), "request": request}  # the header's language links read it
    try:
        html = render_to_string("500.html", context)
    except Exception:
        log.exception("The 500 page could not be drawn in the site's design")
        html = render_to_string("500-plain.html", context)
    return HttpResponseServerError(html)
