from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages.views import flatpage
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from forever_fit import views
from forever_fit.sitemaps import SITEMAPS

admin.site.site_header = f"{settings.SITE_SHORT_NAME} staff"
admin.site.site_title = f"{settings.SITE_SHORT_NAME} staff"
admin.site.index_title = "Articles, clinics and appointment requests"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", include("articles.urls")),
    path("locations/", include("locations.urls")),
    path("request-appointment/", include("appointments.urls")),
    # Staff edit these two pages in the admin (Flat pages).
    path("privacy/", flatpage, {"url": "/privacy/"}, name="privacy"),
    path("accessibility/", flatpage, {"url": "/accessibility/"}, name="accessibility"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "favicon.ico",
        RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg", permanent=True),
    ),
    # The staff second factor: our pages, and django-otp-webauthn's passkey ceremonies.
    path(settings.ADMIN_URL + "second-factor/passkeys/", include("django_otp_webauthn.urls")),
    path(settings.ADMIN_URL + "second-factor/", include("core.second_factor.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
]

handler500 = "forever_fit.views.server_error"
