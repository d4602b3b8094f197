from django.urls import path

from pages import views

# Not namespaced: every template names these ("home", "privacy"...). In both languages.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Staff edit these pages in the admin (Flat pages); the migrations write their first text.
    path("privacy/", views.site_page, {"url": "/privacy/"}, name="privacy"),
    path("accessibility/", views.site_page, {"url": "/accessibility/"}, name="accessibility"),
    path("first-visit/", views.site_page, {"url": "/first-visit/"}, name="first-visit"),
]
