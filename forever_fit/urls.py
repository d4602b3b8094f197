from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.SITE_SHORT_NAME} staff"
admin.site.site_title = f"{settings.SITE_SHORT_NAME} staff"
admin.site.index_title = "Articles, clinics and appointment requests"
# The lists need the width at 1280 px (a request's name, phone and contact-by day; an article's
# review): the app list is one click away, on the admin's first page and in the breadcrumbs.
admin.site.enable_nav_sidebar = False

# The pages patients read, in English at their addresses and in Spanish under /es/.
urlpatterns = i18n_patterns(
    path("articles/", include("articles.urls")),
    path("locations/", include("locations.urls")),
    path("team/", include("team.urls")),
    path("insurance/", include("insurance.urls")),
    path("request-appointment/", include("appointments.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)
# Staff pages (in English) and the files machines read, at one address each.
urlpatterns += [
    # The staff second factor: our pages, and django-otp-webauthn's passkey ceremonies.
    path(settings.ADMIN_URL + "second-factor/passkeys/", include("django_otp_webauthn.urls")),
    path(settings.ADMIN_URL + "second-factor/", include("staff.second_factor.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("pages.machine_urls")),
]

handler500 = "pages.views.server_error"
