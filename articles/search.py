"""Full-text search of published articles.

PostgreSQL: a weighted tsvector per article (title over summary over body), kept in a GIN-indexed
column, queried with websearch syntax and ranked. SQLite has no such thing: every word must
appear somewhere, and title matches come first.
"""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

CONFIG = "english"


def weighted_vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def refresh_search_vectors(articles: QuerySet) -> None:
    """Recompute the search column of these articles (PostgreSQL only; save() calls it)."""
    if connection.vendor == "postgresql":
        articles.update(search_vector=weighted_vector())


def search(articles: QuerySet, terms: str) -> QuerySet:
    """Filter and order articles by how well they match what the reader typed."""
    if connection.vendor == "postgresql":
        query = SearchQuery(terms, config=CONFIG, search_type="websearch")
        return (
            articles.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-publish_at")
        )
    words = terms.split()
    if not words:
        return articles.none()
    each_word = [
        Q(title__icontains=w) | Q(summary__icontains=w) | Q(body__icontains=w) for w in words
    ]
    in_title = Case(
        When(reduce(and_, [Q(title__icontains=w) for w in words]), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        articles.filter(reduce(and_, each_word))
        .annotate(in_title=in_title)
        .order_by("-in_title", "-publish_at")
    )
