from django.urls import path

from locations import views

app_name = "locations"
urlpatterns = [
    path("", views.ClinicListView.as_view(), name="list"),
    path("<slug:slug>/", views.ClinicDetailView.as_view(), name="detail"),
]
