from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"

    def ready(self):
        from articles.models import Topic
        from articles.views import TOPICS
        from forever_fit.cached_lists import forget_on_change

        forget_on_change(Topic, TOPICS)
