from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from articles.models import (
    Article,
    Topic,
    related_articles,
    topics_menu,
    with_topic_and_people,
)
from articles.preview import article_for_token
from articles.search import search
from articles.structured_data import article_json_ld

PAGE_SIZE = 12


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):  # per request: timezone.now() must not freeze at import
        return Article.objects.for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topics=topics_menu(), feeds=self.feeds(), **kwargs)

    def feeds(self) -> dict:
        return {
            "name": f"{settings.SITE_SHORT_NAME} articles",
            "rss": reverse("articles:feed"),
            "atom": reverse("articles:feed-atom"),
        }


class TopicView(ArticleListView):
    template_name = "articles/topic.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return super().get_queryset().filter(topic=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)

    def feeds(self) -> dict:
        slug = self.topic.slug
        return {
            "name": self.topic.name,
            "rss": reverse("articles:topic-feed", args=[slug]),
            "atom": reverse("articles:topic-feed-atom", args=[slug]),
        }


# Longer than any question about a body part; each word more is another lookup in the index.
MAX_SEARCH_CHARACTERS = 100


class SearchView(ArticleListView):
    template_name = "articles/search.html"

    def get_queryset(self):
        typed = " ".join(self.request.GET.get("q", "").split())
        self.cut = len(typed) > MAX_SEARCH_CHARACTERS
        # Cut at the last whole word that fits, so no half word is searched for.
        self.terms = typed[: MAX_SEARCH_CHARACTERS + 1].rsplit(" ", 1)[0] if self.cut else typed
        return search(super().get_queryset(), self.terms) if self.terms else Article.objects.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            terms=self.terms, cut=self.cut, max_characters=MAX_SEARCH_CHARACTERS, **kwargs
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    preview = False

    def get_queryset(self):
        return Article.objects.published().for_page()

    def get_context_data(self, **kwargs):
        article = with_topic_and_people(self.object)
        return super().get_context_data(
            related=related_articles(article),
            preview=self.preview,
            json_ld=article_json_ld(article),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.preview:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@method_decorator(never_cache, name="dispatch")
class StaffPreviewView(PermissionRequiredMixin, ArticleDetailView):
    """Any article, draft or scheduled, exactly as it will look: for signed-in staff."""

    permission_required = "articles.view_article"
    preview = True

    def get_queryset(self):
        return Article.objects.for_page()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


@method_decorator(never_cache, name="dispatch")
class SharedPreviewView(ArticleDetailView):
    """A draft for someone without an account, through a signed link that expires."""

    preview = True

    def get_object(self, queryset=None):
        article = article_for_token(self.kwargs["token"], Article.objects.for_page())
        if article is None:
            raise Http404("This preview link has expired or the article has changed.")
        return article
