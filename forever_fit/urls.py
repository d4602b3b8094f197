from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.SITE_SHORT_NAME} staff"
admin.site.site_title = f"{settings.SITE_SHORT_NAME} staff"
admin.site.index_title = "Articles, clinics and appointment requests"
# The lists need the width at 1280 px (a request's name, phone and contact-by day; an article's
# review): the app list is one click away, on the admin's first page and in the breadcrumbs.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("articles/", include("articles.urls")),
    path("locations/", include("locations.urls")),
    path("team/", include("team.urls")),
    path("insurance/", include("insurance.urls")),
    path("request-appointment/", include("appointments.urls")),
    # The staff second factor: our pages, and django-otp-webauthn's passkey ceremonies.
    path(settings.ADMIN_URL + "second-factor/passkeys/", include("django_otp_webauthn.urls")),
    path(settings.ADMIN_URL + "second-factor/", include("staff.second_factor.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    # The home page, the site pages and the pages machines read.
    path("", include("pages.urls")),
]

handler500 = "pages.views.server_error"
