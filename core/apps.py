from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What the apps share: uploaded pictures, cached lists, rate limits, staff sign-in."""

    name = "core"
    verbose_name = "Shared pieces"
