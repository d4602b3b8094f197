from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from articles.models import (
    Article,
    Topic,
    every_version,
    related_articles,
    topics_menu,
    with_topic_and_people,
)
from articles.preview import article_for_token
from articles.search import (
    FOUND_HEADER,
    MAX_SEARCH_CHARACTERS,
    corrected,
    search,
    suggested_articles,
    suggested_topics,
    typed_search,
)
from articles.structured_data import article_json_ld
from core.rate_limits import client_address, count_attempt

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
            "name": gettext("%(site)s articles") % {"site": settings.SITE_SHORT_NAME},
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


def too_many_searches(request, *, scope="search", per_search=1) -> bool:
    """Count a search the page cache did not answer; True past the visitor's limit a minute."""
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE * per_search
    if not limit:
        return False
    return count_attempt(scope, client_address(request), window_seconds=60) > limit


SUGGESTED = 6  # articles under the search box; a phone shows them without scrolling
FIRST_SUGGESTED_AFTER = 2  # letters typed


def search_suggestions(request):
    """Article titles and topics for what is typed so far in a search box, as JSON (for
    static/js/search-suggestions.js; cached in the typed pages' own space)."""
    terms, _ = typed_search(request.GET.get("q", ""))
    # Typing a word asks several times: a limit of its own, a few times the searches'.
    if len(terms) < FIRST_SUGGESTED_AFTER or too_many_searches(
        request, scope="search-suggestions", per_search=4
    ):
        return JsonResponse({"suggestions": []})
    topics = [
        {"label": topic.name, "kind": "Topic", "url": topic.get_absolute_url()}
        for topic in suggested_topics(topics_menu(), terms)
    ]
    articles = [
        {"label": article.title, "kind": "Article", "url": article.get_absolute_url()}
        for article in suggested_articles(
            Article.objects.published().only(*every_version("title", "slug")),
            terms,
            limit=SUGGESTED,
        )
    ]
    return JsonResponse({"suggestions": topics + articles})


class SearchPaginator(Paginator):
    @cached_property
    def count(self):
        if not isinstance(self.object_list, QuerySet):  # SQLite's RankedMatches
            return self.object_list.count()
        # Without the ranking: it reads every match's word positions, a count needs none.
        return self.object_list.values("pk").order_by().count()


class SearchView(ArticleListView):
    template_name = "articles/search.html"
    paginator_class = SearchPaginator

    def get(self, request, *args, **kwargs):
        if too_many_searches(request):
            response = render(
                request, "articles/search_limited.html", {"topics": topics_menu()}, status=429
            )
            response["Retry-After"] = "60"
            return response
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.terms, self.cut = typed_search(self.request.GET.get("q", ""))
        self.typed_terms = None  # what was typed, when the results are for a correction of it
        return search(super().get_queryset(), self.terms) if self.terms else Article.objects.none()

    def paginate_queryset(self, queryset, page_size):
        try:
            paginated = self.page_of(queryset, page_size)
        except Http404:  # past the last page: perhaps a later page of a corrected search
            paginated = None
        if (paginated and paginated[0].count) or not self.terms or "as_typed" in self.request.GET:
            return paginated or self.page_of(queryset, page_size)
        nearby = getattr(queryset, "nearby", None)  # SQLite's search asked for them already
        meant = corrected(self.terms, nearby)
        if meant:
            fixed = self.page_of(search(super().get_queryset(), meant, nearby), page_size)
            if fixed[0].count:  # only a correction that finds something is offered
                self.typed_terms, self.terms = self.terms, meant
                return fixed
        return paginated or self.page_of(queryset, page_size)

    def page_of(self, queryset, page_size):
        """ListView's page, but the first comes from one query of its rows, and is counted by
        another only when there are more."""
        if self.request.GET.get(self.page_kwarg, "1") != "1":
            return super().paginate_queryset(queryset, page_size)
        rows = list(queryset[: page_size + 1])
        paginator = self.get_paginator(queryset, page_size)
        if len(rows) <= page_size:
            paginator.count = len(rows)
        elif getattr(queryset, "total", None) is not None:  # SQLite's ranking counted them
            paginator.count = queryset.total
        page = paginator._get_page(rows[:page_size], 1, paginator)  # Django's documented hook
        return paginator, page, page.object_list, paginator.num_pages > 1

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # paginates: a correction is made there
        context.update(
            terms=self.terms,
            typed_terms=self.typed_terms,
            cut=self.cut,
            max_characters=MAX_SEARCH_CHARACTERS,
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.terms:  # for the search counts (articles.middleware.SearchCountsMiddleware)
            response[FOUND_HEADER] = "yes" if context["paginator"].count else "no"
        return response


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    preview = False

    def get_queryset(self):
        return Article.pages().published().for_page()

    def get_slug_field(self):
        return f"slug_{get_language()}"  # the page's version's address

    def get_context_data(self, **kwargs):
        article = with_topic_and_people(self.object)
        return super().get_context_data(
            related=related_articles(article),
            preview=self.preview,
            json_ld=article_json_ld(article),
            # Each version at its own address; a language without one leads to the topic.
            translations=article.versions(),
            nearest_translated=article.topic.get_absolute_url(),
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
        return Article.pages().for_page()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


@method_decorator(never_cache, name="dispatch")
class SharedPreviewView(ArticleDetailView):
    """A draft for someone without an account, through a signed link that expires."""

    preview = True

    def get_object(self, queryset=None):
        article = article_for_token(self.kwargs["token"], Article.pages().for_page())
        if article is None:
            raise Http404("This preview link has expired or the article has changed.")
        return article
