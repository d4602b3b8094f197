from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`load_demo_content`: five clinics, articles and pictures of our own, for `make run`."""

    name = "demo"
    verbose_name = "Demo content"
