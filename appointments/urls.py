from django.urls import path

from appointments import views

app_name = "appointments"
urlpatterns = [
    path("", views.AppointmentRequestView.as_view(), name="request"),
    path("thanks/", views.ThanksView.as_view(), name="thanks"),
]
