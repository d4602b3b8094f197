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

Misspellings: when what was typed finds nothing, each word that no article holds (not even as the
start of a longer word) is replaced by the nearest word that one does (`corrected`): fewest
edits (a swap of two letters is one), then the word most articles hold, so "pian" is "pain"
rather than "plan". The words and their counts are the database's own (migration 0020: FTS5's
vocabulary on SQLite, a trigger-kept table on PostgreSQL), drafts' words included: a correction
is only offered when it finds published articles, so no draft's word is ever shown. Candidates
share the first letter (or, on PostgreSQL, enough trigrams), found in one query.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Left
from rapidfuzz.distance import OSA

from articles.html import plain_text

CONFIG = "english"
RANKED_BODY_CHARACTERS = 300  # the first two or three sentences
# bm25's weights of the FTS5 table's columns: title, summary, body.
SQLITE_WEIGHTS = (10.0, 4.0, 1.0)
PREFIX_LETTERS = 4
# Longer than any question about a body part; each word more is another lookup in the index.
MAX_SEARCH_CHARACTERS = 100
# Whether a search page showed articles: set by the view, read and taken off by the middleware
# that counts searches, outside the page cache (so a cached page keeps it and is counted too).
FOUND_HEADER = "X-Search-Found"


QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "″": '"'})


def search_form(text: str) -> str:
    """Text as search compares it: typographic quotes plain, accents dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def typed_search(typed: str) -> tuple[str, bool]:
    """What a reader typed, as searched for: spaces collapsed, cut at the last whole word within
    MAX_SEARCH_CHARACTERS (so no half word is searched for); and whether it was cut."""
    typed = " ".join(typed.split())
    if len(typed) <= MAX_SEARCH_CHARACTERS:
        return typed, False
    return typed[: MAX_SEARCH_CHARACTERS + 1].rsplit(" ", 1)[0], True


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
    # could not order by bm25, which SQLite gives only in the query that matches. The "+" keeps
    # SQLite from reading the articles first and asking the index once for each (it chose that
    # with a LIMIT: 10,000 evaluations of the whole query, seconds for common words).
    return articles.extra(
        tables=["articles_search"],
        where=["+articles_search.rowid = articles_article.id", "articles_search MATCH %s"],
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


# Runs of letters and digits: the words of a search in search form.
WORD = re.compile(r"[^\W_]+")
SHORTEST_CORRECTED, LONGEST_CORRECTED = 3, 40


def corrected(terms: str) -> str | None:
    """What the reader typed with each word that no article holds replaced by the nearest one
    that some article does; None when no word was replaced."""
    terms = search_form(terms)
    typed = {w for w in WORD.findall(terms) if SHORTEST_CORRECTED <= len(w) <= LONGEST_CORRECTED}
    if not typed:
        return None
    known = _known_words_near(sorted(typed))
    replacements = {}
    for word in typed:
        candidates = known.get(word, [])
        if not any(_holds(candidate, word) for candidate, _ in candidates):
            nearest = _nearest(word, candidates)
            if nearest:
                replacements[word] = nearest
    if not replacements:
        return None
    return WORD.sub(lambda m: replacements.get(m.group(), m.group()), terms)


def _holds(known: str, typed: str) -> bool:
    """Whether the search matches this known word with the typed one (fts5_query's prefixes)."""
    return known == typed or (len(typed) >= PREFIX_LETTERS and known.startswith(typed))


def _nearest(typed: str, candidates: list[tuple[str, int]]) -> str | None:
    """The candidate fewest edits away (one for a short word, two for a longer), then the one
    most articles hold."""
    most = 1 if len(typed) <= 4 else 2
    scored = [
        (distance, -articles, word)
        for word, articles in candidates
        if (distance := OSA.distance(typed, word, score_cutoff=most)) <= most
    ]
    return min(scored)[2] if scored else None


def _known_words_near(typed: list[str]) -> dict[str, list[tuple[str, int]]]:
    """For each typed word, the known words that could be it, with how many articles hold each:
    those sharing its first letter, two letters longer or shorter at most, or starting with it."""
    if connection.vendor == "postgresql":
        sql = """
            SELECT t.typed, w.word, w.articles
            FROM unnest(%s::text[]) AS t(typed), articles_search_words AS w
            WHERE w.articles > 0 AND (
                (w.word >= left(t.typed, 1) AND w.word < chr(ascii(t.typed) + 1)
                 AND (length(w.word) BETWEEN length(t.typed) - 2 AND length(t.typed) + 2
                      OR w.word LIKE t.typed || '%%'))
                OR w.word %% t.typed)
        """
        params = [typed]
    elif connection.vendor == "sqlite":
        # One SELECT a word: each a range of the vocabulary's index, which fts5vocab reads.
        one = (
            "SELECT %s, term, doc FROM articles_search_vocabulary WHERE term >= %s AND term < %s"
            " AND (length(term) BETWEEN %s AND %s OR substr(term, 1, %s) = %s)"
        )
        sql = " UNION ALL ".join([one] * len(typed))
        params = [
            value
            for word in typed
            for value in (word, word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2)
            + (len(word), word)
        ]
    else:
        return {}
    found: dict[str, list[tuple[str, int]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for word, known, articles in cursor.fetchall():
            found.setdefault(word, []).append((known, articles))
    return found


def suggested_articles(articles: QuerySet, terms: str, *, limit: int) -> QuerySet:
    """Articles whose title has a word starting with each word typed so far (as-you-type)."""
    words = WORD.findall(search_form(terms))
    if not words:
        return articles.none()
    if connection.vendor == "postgresql":  # the title's trigram index answers these
        return articles.filter(*(Q(title__icontains=word) for word in words)).order_by(
            "-publish_at"
        )[:limit]
    match = "{title} : (" + " ".join(f'"{word}"*' for word in words) + ")"
    # Newest first, not bm25: a short prefix may match thousands of titles, and ranking reads
    # every match's positions.
    return articles.extra(
        tables=["articles_search"],
        where=["+articles_search.rowid = articles_article.id", "articles_search MATCH %s"],
        params=[match],
    ).order_by("-publish_at")[:limit]


def suggested_topics(topics, terms: str) -> list:
    """Topics with a word starting with each word typed so far."""
    words = WORD.findall(search_form(terms))
    return [
        topic
        for topic in topics
        if words
        and all(
            any(named.startswith(word) for named in WORD.findall(search_form(topic.name)))
            for word in words
        )
    ]
