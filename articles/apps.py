from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"

    def ready(self):
        from articles.models import Topic, topics_menu

        topics_menu.forget_on_change(Topic)
