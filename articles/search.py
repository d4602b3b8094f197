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
published or not is the article query's business, not the index's. Every word must match; a
word of PREFIX_LETTERS or more that no article holds whole also as the start of a longer one
("sciat" finds "sciatica", which the stemmer leaves whole); a quoted phrase as a phrase. The
ranking and its limits: RankedMatches.

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

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.translation import get_language
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


SEARCHED = ("title", "summary", "body")


def search_text(title: str, summary: str, body_text: str) -> str:
    """What an article is searched by: its words in search form, one field per line."""
    return "\n".join(" ".join(search_form(part).split()) for part in (title, summary, body_text))


def search_text_of(article) -> str:
    """Every version's words, each field with its kind (the Spanish pages show only the
    articles written in Spanish: RankedMatches, ArticleQuerySet.published)."""
    versions = [code for code, _name in settings.LANGUAGES]
    titles, summaries, bodies = (
        [getattr(article, f"{field}_{code}") or "" for code in versions] for field in SEARCHED
    )
    return search_text(" ".join(titles), " ".join(summaries), " ".join(map(plain_text, bodies)))


def refresh_search_index(articles: QuerySet) -> None:
    """Recompute the search text and vector of these articles: for bulk loads, which skip save()."""
    written = [f"{field}_{code}" for field in SEARCHED for code, _name in settings.LANGUAGES]
    rows = list(articles.only("pk", *written))
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


def search(articles: QuerySet, terms: str, nearby: dict | None = None):
    """The articles (a queryset of some of them) that match what the reader typed, best first:
    a queryset on PostgreSQL, a RankedMatches on SQLite; the paginator reads either. `nearby`:
    known_words_near() of these words, when already asked (a correction's search)."""
    terms = search_form(terms)
    if connection.vendor == "postgresql":
        query = SearchQuery(terms, config=CONFIG, search_type="websearch")
        return (
            articles.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_rank_vector"), query))
            .order_by("-rank", "-publish_at")
        )
    # A whole word the articles hold is searched as itself (and its forms): only a partial one
    # needs the index's slower prefix search, which also halves the cost of common words.
    nearby = known_words_near(terms) if nearby is None else nearby
    whole = {word for word, candidates in nearby.items() if any(k == word for k, _ in candidates)}
    match = fts5_query(terms, whole_words=whole)
    if not match:
        return articles.none()
    # A word no article holds, whole, as a prefix or by its stem, matches nothing: so does the
    # search, without asking (the correction that follows then costs no query of its own).
    if any(not _can_match(word, nearby[word]) for word in WORD.findall(terms) if word in nearby):
        return RankedMatches(articles, match, nearby, nothing=True)
    return RankedMatches(articles, match, nearby)


# SQLite: the ranking reads the index alone, then the page's articles are read by their ids.
# bm25 reads every word position of each match it scores: for three words that 10,000 articles
# repeat 240 times, 140 ms. So it scores the newest RANKED matches and the newest RANKED whose
# title or summary match (from their own small index, migration 0022): every match when there
# are fewer (nearly every search). The rest follow, newest first, read only by a page that
# reaches them. Each "+" keeps SQLite from asking the index once for every article (it would
# evaluate the whole search each time).
RANKED = 50  # four pages of cards
# Whether a match is shown (published by now) is read from the article's row when there are
# few matches, and from the index of (status, publish_at) when there are many (reading 10,000
# rows costs 40 ms, the index 4); SQLite runs only the branch whose count test holds.
FEW = 1000
MATCHES = """
WITH matching AS MATERIALIZED (
    SELECT rowid AS id FROM articles_search WHERE articles_search MATCH %(match)s
), shown AS MATERIALIZED (
    SELECT a.id, a.publish_at FROM matching m CROSS JOIN articles_article a ON a.id = m.id
    WHERE (SELECT count(*) FROM matching) <= {few}
      AND a.status = %(published)s AND a.publish_at <= %(now)s {written_in_a}
    UNION ALL
    SELECT id, publish_at FROM articles_article
    WHERE (SELECT count(*) FROM matching) > {few}
      AND status = %(published)s AND publish_at <= %(now)s AND +id IN matching {written_in}
), in_title_or_summary AS (  -- the small index of titles and summaries (migration 0022)
    SELECT rowid AS id FROM articles_search_titles WHERE articles_search_titles MATCH %(match)s
), scored AS MATERIALIZED (
    SELECT * FROM (SELECT id, publish_at FROM shown ORDER BY publish_at DESC LIMIT {ranked})
    UNION
    SELECT * FROM (SELECT id, publish_at FROM shown WHERE +id IN in_title_or_summary
                   ORDER BY publish_at DESC LIMIT {ranked})
)
"""
SCORED_PAGE = """
SELECT rowid, (SELECT count(*) FROM shown), (SELECT count(*) FROM scored)
FROM articles_search WHERE articles_search MATCH %(match)s AND +rowid IN (SELECT id FROM scored)
ORDER BY bm25(articles_search, {weights}), (SELECT publish_at FROM scored WHERE id = rowid) DESC
LIMIT %(limit)s OFFSET %(offset)s
"""
UNSCORED_PAGE = """
SELECT id, 0, 0 FROM shown WHERE +id NOT IN (SELECT id FROM scored)
ORDER BY publish_at DESC LIMIT %(limit)s OFFSET %(offset)s
"""
SCORED_COUNTS = "SELECT (SELECT count(*) FROM shown), (SELECT count(*) FROM scored)"


class RankedMatches:
    """SQLite's results among the published articles: counted and ranked in the index, then a
    page of them read by id from `articles` (for the cards). Sliced (and counted) by the
    paginator like a queryset."""

    def __init__(self, articles: QuerySet, match: str, nearby: dict, *, nothing=False):
        self.articles, self.match = articles, match
        self.nearby = nearby  # the typed words' known neighbours, for corrected()
        # Known once a page was read; at once when the words said no article can match.
        self.total = self.scored = 0 if nothing else None

    def _run(self, last: str, **params) -> list:
        # Another language's pages show the articles written in it (ArticleQuerySet.published).
        language = get_language()  # one of settings.LANGUAGES: the address's, never typed
        written_in = "" if language == settings.LANGUAGE_CODE else f"AND slug_{language} > ''"
        sql = MATCHES.format(
            few=FEW,
            ranked=RANKED,
            written_in=written_in,
            written_in_a=written_in.replace("slug_", "a.slug_"),
        ) + last.format(weights=", ".join(str(weight) for weight in SQLITE_WEIGHTS))
        params.update(
            match=self.match, published=self.articles.model.Status.PUBLISHED, now=timezone.now()
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self) -> int:
        if self.total is None:
            self.total, self.scored = self._run(SCORED_COUNTS)[0]
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        if self.total == 0:
            return []
        start, stop = window.start or 0, window.stop
        rows = self._run(SCORED_PAGE, limit=stop - start, offset=start)
        if rows:
            _, self.total, self.scored = rows[0]
        elif not start:  # any match at all would be scored on the first page
            self.total = self.scored = 0
        ids = [row[0] for row in rows]
        if len(ids) < stop - start and self.count() > self.scored:  # the page reaches the rest
            past = max(0, start - self.scored)
            rest = self._run(UNSCORED_PAGE, limit=stop - start - len(ids), offset=past)
            ids += [row[0] for row in rest]
        if not ids:
            return []
        found = {article.pk: article for article in self.articles.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


def fts5_query(terms: str, *, whole_words=frozenset()) -> str:
    """What the reader typed (in search form) as an FTS5 query: every phrase and word quoted, so
    nothing typed is read as FTS5's own syntax (NEAR, AND, -, *, column names); a word of
    PREFIX_LETTERS or more, unless one of the whole words, also as the start of longer ones."""
    parts = []
    for phrase, word in PHRASE_OR_WORD.findall(terms):
        text = phrase or word
        if not any(c.isalnum() for c in text):
            continue
        quoted = '"' + text.replace('"', '""') + '"'
        letters = sum(c.isalnum() for c in text)
        partial = word and letters >= PREFIX_LETTERS and word not in whole_words
        parts.append(quoted + "*" if partial else quoted)
    return " ".join(parts)


# Runs of letters and digits: the words of a search in search form.
WORD = re.compile(r"[^\W_]+")
SHORTEST_CORRECTED, LONGEST_CORRECTED = 3, 40


def known_words_near(terms: str) -> dict[str, list[tuple[str, int]]]:
    """For each word typed (of the lengths ever corrected), the known words that could be it:
    {typed: [(known, articles holding it)...]}, in one query."""
    terms = search_form(terms)
    typed = {w for w in WORD.findall(terms) if SHORTEST_CORRECTED <= len(w) <= LONGEST_CORRECTED}
    return _known_words_near(sorted(typed)) if typed else {}


def corrected(terms: str, nearby: dict | None = None) -> str | None:
    """What the reader typed with each word that no article holds replaced by the nearest one
    that some article does; None when no word was replaced. `nearby`: known_words_near(terms),
    when the search already asked."""
    terms = search_form(terms)
    known = known_words_near(terms) if nearby is None else nearby
    replacements = {}
    for word in {w for w in WORD.findall(terms) if len(w) >= SHORTEST_CORRECTED}:
        candidates = [(k, n) for k, n in known.get(word, []) if k]  # words, not the stem check
        if not any(_holds(candidate, word) for candidate, _ in candidates):
            nearest = _nearest(word, candidates)
            if nearest:
                replacements[word] = nearest
    if not replacements:
        return None
    return WORD.sub(lambda m: replacements.get(m.group(), m.group()), terms)


def _can_match(typed: str, candidates: list) -> bool:
    """Whether the search can match the typed word: it holds some known word, or the index
    matches it by its stem (SQLite's vocabulary query says which: a candidate of None)."""
    return any(_holds(known, typed) if known else articles for known, articles in candidates)


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
        # And one a word: whether the index matches it at all, by its stem ("stretched" finds
        # "stretching"), as a candidate of None.
        stem = (
            "SELECT %s, NULL, EXISTS (SELECT 1 FROM articles_search WHERE articles_search MATCH %s)"
        )
        sql = " UNION ALL ".join([one, stem] * len(typed))
        params = [
            value
            for word in typed
            for value in (word, word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2)
            + (len(word), word, word, f'"{word}"')
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
