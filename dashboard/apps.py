from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The staff dashboard on the admin's first page: what needs doing and what is working."""

    name = "dashboard"
    verbose_name = "Staff dashboard"
