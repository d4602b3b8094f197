from django.apps import AppConfig


class ForeverFitConfig(AppConfig):
    """The project's configuration: installed only so that its deploy checks are registered."""

    name = "forever_fit"
    verbose_name = "Configuration"

    def ready(self):
        from forever_fit import checks  # noqa: F401  (registers the deploy checks)
