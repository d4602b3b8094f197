from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What the apps share: uploaded pictures, cached lists, rate limits, staff sign-in."""

    name = "core"
    verbose_name = "Shared pieces"

    def ready(self):
        from core import images
        from core.task_worker import at_worker_start

        at_worker_start(images.finish_unfinished_pictures)
