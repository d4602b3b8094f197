from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = "Front desk"  # the admin's section: "Front desk › Appointment requests"
