"""Full-text search of published articles.

Both sides are normalized alike first (search_form): case, accents and typographic quotes do
not matter, so "runner's knee" finds "Runner’s knee" and "cafe" finds "café". PostgreSQL: a
weighted tsvector per article (title over summary over body), kept in a GIN-indexed column,
queried with websearch syntax. Matches are ranked by a second vector of the title, the summary
and only the start of the body (RANKED_BODY_CHARACTERS): ranking reads each match's word
positions, so long repetitive bodies made a three-word search of 10,000 articles take 9 s of
the database's time; 0.07 s now in that worst case.

SQLite: an FTS5 table (articles_search, made by migration 0019) with porter stemming, ranked by
bm25 with the title weighing most, then the summary, then the body. Triggers on the article
table keep it in step from the same search_text PostgreSQL's vectors are built from, so every
way a row is written (save, bulk updates, loaddata and restores, deletes) keeps the index true;
published or not is the article query's business, not the index's. Every word must match, a
word of PREFIX_LETTERS or more also as the start of a longer one ("sciatic" finds "sciatica",
which the stemmer leaves whole); a quoted phrase is matched as a phrase.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, QuerySet, TextField, Value
from django.db.models.functions import Left

from articles.html import plain_text

CONFIG = "english"
RANKED_BODY_CHARACTERS = 300  # the first two or three sentences
# bm25's weights of the FTS5 table's columns: title, summary, body.
SQLITE_WEIGHTS = (10.0, 4.0, 1.0)
PREFIX_LETTERS = 4


QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "″": '"'})


def search_form(text: str) -> str:
    """Text as search compares it: typographic quotes plain, accents dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_text(title: str, summary: str, body_text: str) -> str:
    """What an article is searched by: its words in search form, one field per line."""
    return "\n".join(" ".join(search_form(part).split()) for part in (title, summary, body_text))


def search_text_of(article) -> str:
    return search_text(article.title, article.summary, plain_text(article.body))


def refresh_search_index(articles: QuerySet) -> None:
    """Recompute the search text and vector of these articles: for bulk loads, which skip save()."""
    rows = list(articles.only("pk", "title", "summary", "body"))
    for article in rows:
        article.search_text = search_text_of(article)
    articles.model.objects.bulk_update(rows, ["search_text"], batch_size=500)
    refresh_search_vectors(articles)


def refresh_search_vectors(articles: QuerySet) -> None:
    """Rebuild the vectors from the stored search text (PostgreSQL only; save() calls it)."""
    if connection.vendor == "postgresql":
        title_and_summary = SearchVector(_line(1), weight="A", config=CONFIG) + SearchVector(
            _line(2), weight="B", config=CONFIG
        )
        body_start = Left(_line(3), RANKED_BODY_CHARACTERS)
        articles.update(
            search_vector=title_and_summary + SearchVector(_line(3), weight="C", config=CONFIG),
            search_rank_vector=title_and_summary
            + SearchVector(body_start, weight="C", config=CONFIG),
        )


def _line(n: int) -> Func:
    """Line n of search_text: 1 title, 2 summary, 3 body."""
    return Func(
        F("search_text"), Value("\n"), Value(n), function="split_part", output_field=TextField()
    )


def search(articles: QuerySet, terms: str) -> QuerySet:
    """Filter and order articles by how well they match what the reader typed."""
    terms = search_form(terms)
    if connection.vendor == "postgresql":
        query = SearchQuery(terms, config=CONFIG, search_type="websearch")
        return (
            articles.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_rank_vector"), query))
            .order_by("-rank", "-publish_at")
        )
    match = fts5_query(terms)
    if not match:
        return articles.none()
    # A join with the index, which only extra() writes: a filter on a subquery of matching ids
    # could not order by bm25, which SQLite gives only in the query that matches.
    return articles.extra(
        tables=["articles_search"],
        where=["articles_search.rowid = articles_article.id", "articles_search MATCH %s"],
        params=[match],
        select={"rank": "bm25(articles_search, %s, %s, %s)"},
        select_params=SQLITE_WEIGHTS,
    ).order_by("rank", "-publish_at")


PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


def fts5_query(terms: str) -> str:
    """What the reader typed (in search form) as an FTS5 query: every phrase and word quoted, so
    nothing typed is read as FTS5's own syntax (NEAR, AND, -, *, column names)."""
    parts = []
    for phrase, word in PHRASE_OR_WORD.findall(terms):
        text = phrase or word
        if not any(c.isalnum() for c in text):
            continue
        quoted = '"' + text.replace('"', '""') + '"'
        letters = sum(c.isalnum() for c in text)
        parts.append(quoted + "*" if word and letters >= PREFIX_LETTERS else quoted)
    return " ".join(parts)
