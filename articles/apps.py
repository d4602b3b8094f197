from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Health articles"

    def ready(self):
        from articles.models import (
            Article,
            Topic,
            UrgentCareNotice,
            authors_list,
            newest_of_each_topic,
            next_publication,
            topics_menu,
            urgent_care_wording,
        )
        from articles.search_counts import MOVED_EVERY, move_search_counts
        from core.page_cache import (
            changes_by_itself_at,
            forget_pages_on_change,
            reads_query_parameters,
        )
        from core.task_worker import every

        topics_menu.forget_on_change(Topic)
        clinician = Article.author.field.related_model  # the clinical team's records
        authors_list.forget_on_change(clinician)
        newest_of_each_topic.forget_on_change(Article, Topic)  # the links name their topic
        urgent_care_wording.forget_on_change(UrgentCareNotice)
        forget_pages_on_change(Article, clinician, Topic, UrgentCareNotice)
        changes_by_itself_at(next_publication)
        reads_query_parameters("page")  # lists' pages
        reads_query_parameters("q", "as_typed", typed=True)  # the search and its suggestions
        every(MOVED_EVERY, move_search_counts)  # what readers searched for, for editors
