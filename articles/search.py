"""Full-text search of published articles, each language in its own index (SearchIndex).

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

Spanish (the /es/ pages' search): its own columns and indexes (migration 0025), from the Spanish
versions only; English searches read only the English ones. Its words are stemmed by Snowball's
Spanish stemmer (PyPI snowballstemmer) before either database sees them (search_stems_es), and
what a reader types the same way: FTS5 has only an English stemmer, and PostgreSQL 15's `spanish`
stemmer, given words without accents (how most phones type them), splits forms that belong
together ("articulacion" from "articulaciones", "cirugia" from "cirugía"), where Snowball's
current one keeps them together. PostgreSQL then reads the stems with its `spanish`
configuration, which drops Spanish stop words ("de", "la", "para") and leaves the stems as they
are. Misspellings are corrected from the Spanish versions' own words (search_text_es), unstemmed.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.translation import get_language
from rapidfuzz.distance import OSA

from articles.html import plain_text

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
# Runs of letters and digits: the words of a search in search form.
WORD = re.compile(r"[^\W_]+")


def search_text(title: str, summary: str, body_text: str) -> str:
    """What an article is searched by: its words in search form, one field per line."""
    return "\n".join(" ".join(search_form(part).split()) for part in (title, summary, body_text))


_spanish_stemmer = snowballstemmer.stemmer("spanish")


@lru_cache(maxsize=20_000)  # an article's words repeat; the stemmer is plain Python
def spanish_stem(word: str) -> str:
    return _spanish_stemmer.stemWord(word)


class SearchIndex(NamedTuple):
    """Where one language's versions are searched: columns of the article, and tables."""

    language: str
    config: str  # PostgreSQL's text search configuration
    words: str  # column: the version's words in search form ("title\nsummary\nbody")
    indexed: str  # column the indexes read: the words, or their stems
    vector: str  # PostgreSQL: title, summary and body, weighted (GIN-indexed)
    rank_vector: str  # PostgreSQL: the same with only the start of the body (ranking)
    table: str  # SQLite: FTS5 table of the whole version (0019, 0025)
    titles: str  # SQLite: FTS5 table of its title and summary (0022, 0025)
    # Its known words with how many articles hold each (0020, 0025): SQLite's fts5vocab table,
    # PostgreSQL's table kept by a trigger.
    vocabulary: str
    known_words: str
    # Applied to each word before the index sees it, and to each word searched. English's
    # stemming is the databases' own (FTS5's porter, PostgreSQL's english).
    stem: Callable[[str], str] | None = None

    def stemmed(self, text: str) -> str:
        """Text in search form, each word by its stem (search_form's output stays as it is)."""
        return WORD.sub(lambda word: self.stem(word.group()), text) if self.stem else text


INDEXES = {
    "en": SearchIndex(
        "en",
        "english",
        words="search_text",
        indexed="search_text",
        vector="search_vector",
        rank_vector="search_rank_vector",
        table="articles_search",
        titles="articles_search_titles",
        vocabulary="articles_search_vocabulary",
        known_words="articles_search_words",
    ),
    "es": SearchIndex(
        "es",
        "spanish",
        words="search_text_es",
        indexed="search_stems_es",
        vector="search_vector_es",
        rank_vector="search_rank_vector_es",
        table="articles_search_es",
        titles="articles_search_titles_es",
        vocabulary="articles_search_vocabulary_es",
        known_words="articles_search_words_es",
        stem=spanish_stem,
    ),
}
# Every column search keeps for an article; pages leave them out (long).
COLUMNS = tuple(
    dict.fromkeys(
        column
        for index in INDEXES.values()
        for column in (index.words, index.indexed, index.vector, index.rank_vector)
    )
)


def index_of_page() -> SearchIndex:
    """The index of the page's language (its address's: never what a visitor sent)."""
    return INDEXES.get(get_language(), INDEXES[settings.LANGUAGE_CODE])


def search_texts_of(article) -> dict[str, str]:
    """The article's search columns: each version's words (and stems) in its language's."""
    columns = {}
    for index in INDEXES.values():
        title, summary, body = (getattr(article, f"{field}_{index.language}") for field in SEARCHED)
        words = search_text(title or "", summary or "", plain_text(body or "")) if title else ""
        columns[index.words] = words
        columns[index.indexed] = index.stemmed(words)
    return columns


def refresh_search_index(articles: QuerySet) -> None:
    """Recompute the search texts and vectors of these articles: for bulk loads, which skip
    save()."""
    written = [f"{field}_{index.language}" for field in SEARCHED for index in INDEXES.values()]
    rows = list(articles.only("pk", *written))
    for article in rows:
        for column, text in search_texts_of(article).items():
            setattr(article, column, text)
    columns = list(dict.fromkeys(c for i in INDEXES.values() for c in (i.words, i.indexed)))
    articles.model.objects.bulk_update(rows, columns, batch_size=500)
    refresh_search_vectors(articles)


def refresh_search_vectors(articles: QuerySet) -> None:
    """Rebuild the vectors from the stored search texts (PostgreSQL only; save() calls it)."""
    if connection.vendor != "postgresql":
        return
    vectors = {}
    for index in INDEXES.values():
        title, summary, body = (_line(index.indexed, n) for n in (1, 2, 3))
        config = index.config
        title_and_summary = SearchVector(title, weight="A", config=config) + SearchVector(
            summary, weight="B", config=config
        )
        body_start = Left(body, RANKED_BODY_CHARACTERS)
        vectors[index.vector] = title_and_summary + SearchVector(body, weight="C", config=config)
        vectors[index.rank_vector] = title_and_summary + SearchVector(
            body_start, weight="C", config=config
        )
    articles.update(**vectors)


def _line(column: str, n: int) -> Func:
    """Line n of a search text column: 1 title, 2 summary, 3 body."""
    return Func(F(column), Value("\n"), Value(n), function="split_part", output_field=TextField())


def search(articles: QuerySet, terms: str, nearby: dict | None = None):
    """The articles (a queryset of some of them) that match what the reader typed, best first,
    in the page's language's index: a queryset on PostgreSQL, a RankedMatches on SQLite; the
    paginator reads either. `nearby`: known_words_near() of these words, when already asked (a
    correction's search)."""
    index = index_of_page()
    terms = search_form(terms)
    if connection.vendor == "postgresql":
        query = SearchQuery(index.stemmed(terms), config=index.config, search_type="websearch")
        return (
            articles.filter(**{index.vector: query})
            .annotate(rank=SearchRank(F(index.rank_vector), query))
            .order_by("-rank", "-publish_at")
        )
    # A whole word the articles hold is searched as itself (and its forms): only a partial one
    # needs the index's slower prefix search, which also halves the cost of common words.
    nearby = known_words_near(terms) if nearby is None else nearby
    whole = {word for word, candidates in nearby.items() if any(k == word for k, _ in candidates)}
    match = fts5_query(terms, index, whole_words=whole, nearby=nearby)
    if not match:
        return articles.none()
    # A word no article holds, whole, as a prefix or by its stem, matches nothing: so does the
    # search, without asking (the correction that follows then costs no query of its own).
    if any(not _can_match(word, nearby[word]) for word in WORD.findall(terms) if word in nearby):
        return RankedMatches(articles, match, nearby, index, nothing=True)
    return RankedMatches(articles, match, nearby, index)


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
    SELECT rowid AS id FROM {table} WHERE {table} MATCH %(match)s
), shown AS MATERIALIZED (
    SELECT a.id, a.publish_at FROM matching m CROSS JOIN articles_article a ON a.id = m.id
    WHERE (SELECT count(*) FROM matching) <= {few}
      AND a.status = %(published)s AND a.publish_at <= %(now)s {written_in_a}
    UNION ALL
    SELECT id, publish_at FROM articles_article
    WHERE (SELECT count(*) FROM matching) > {few}
      AND status = %(published)s AND publish_at <= %(now)s AND +id IN matching {written_in}
), in_title_or_summary AS (  -- the small index of titles and summaries (migration 0022)
    SELECT rowid AS id FROM {titles} WHERE {titles} MATCH %(match)s
), scored AS MATERIALIZED (
    SELECT * FROM (SELECT id, publish_at FROM shown ORDER BY publish_at DESC LIMIT {ranked})
    UNION
    SELECT * FROM (SELECT id, publish_at FROM shown WHERE +id IN in_title_or_summary
                   ORDER BY publish_at DESC LIMIT {ranked})
)
"""
SCORED_PAGE = """
SELECT rowid, (SELECT count(*) FROM shown), (SELECT count(*) FROM scored)
FROM {table} WHERE {table} MATCH %(match)s AND +rowid IN (SELECT id FROM scored)
ORDER BY bm25({table}, {weights}), (SELECT publish_at FROM scored WHERE id = rowid) DESC
LIMIT %(limit)s OFFSET %(offset)s
"""
UNSCORED_PAGE = """
SELECT id, 0, 0 FROM shown WHERE +id NOT IN (SELECT id FROM scored)
ORDER BY publish_at DESC LIMIT %(limit)s OFFSET %(offset)s
"""
SCORED_COUNTS = "SELECT (SELECT count(*) FROM shown), (SELECT count(*) FROM scored)"


def ranked_sql(index: SearchIndex, last: str, *, few=FEW) -> str:
    """MATCHES in this index, then `last` (a page or the counts)."""
    # Another language's pages show the articles written in it (ArticleQuerySet.published).
    language = index.language
    written_in = "" if language == settings.LANGUAGE_CODE else f"AND slug_{language} > ''"
    tables = {"table": index.table, "titles": index.titles}
    return MATCHES.format(
        few=few,
        ranked=RANKED,
        written_in=written_in,
        written_in_a=written_in.replace("slug_", "a.slug_"),
        **tables,
    ) + last.format(weights=", ".join(str(weight) for weight in SQLITE_WEIGHTS), **tables)


class RankedMatches:
    """SQLite's results among the published articles: counted and ranked in the index, then a
    page of them read by id from `articles` (for the cards). Sliced (and counted) by the
    paginator like a queryset."""

    def __init__(self, articles, match: str, nearby: dict, index: SearchIndex, *, nothing=False):
        self.articles, self.match, self.index = articles, match, index
        self.nearby = nearby  # the typed words' known neighbours, for corrected()
        # Known once a page was read; at once when the words said no article can match.
        self.total = self.scored = 0 if nothing else None

    def _run(self, last: str, **params) -> list:
        params.update(
            match=self.match, published=self.articles.model.Status.PUBLISHED, now=timezone.now()
        )
        with connection.cursor() as cursor:
            cursor.execute(ranked_sql(self.index, last), params)
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


def fts5_query(
    terms: str,
    index: SearchIndex,
    *,
    whole_words=frozenset(),
    nearby: dict | None = None,
    shortest_prefix=PREFIX_LETTERS,
) -> str:
    """What the reader typed (in search form) as an FTS5 query of this index: every phrase and
    word quoted, so nothing typed is read as FTS5's own syntax (NEAR, AND, -, *, column names); a
    word of `shortest_prefix` letters or more, unless one of the whole words, also as the start
    of longer ones. A stemmed index's words are searched by their stems (as FTS5's porter
    stems an English query's), and a partial word's stem also finds the stems of the known
    words (`nearby`) it starts ("estiramie" is "estiram", but starts "estiramiento", whose stem
    is "estir")."""
    parts = []
    for phrase, word in PHRASE_OR_WORD.findall(terms):
        text = phrase or word
        if not any(c.isalnum() for c in text):
            continue
        letters = sum(c.isalnum() for c in text)
        if word and letters >= shortest_prefix and word not in whole_words:
            stem = index.stemmed(word)
            stems = _stems_it_starts(word, stem, index, nearby or {})
            parts.append(" OR ".join([_quoted(stem) + "*", *map(_quoted, stems)]))
            parts[-1] = f"({parts[-1]})" if stems else parts[-1]
        else:
            parts.append(_quoted(index.stemmed(text)))
    return " ".join(parts)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _stems_it_starts(typed: str, stem: str, index: SearchIndex, nearby: dict) -> list[str]:
    """The stems of the known words a partial word starts that its stem's prefix search
    misses."""
    if not index.stem:
        return []
    started = {word for word, _ in nearby.get(typed, []) if word and word.startswith(typed)}
    return sorted(s for s in map(index.stem, started) if not s.startswith(stem))


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
    """For each typed word, the known words of the page's language that could be it, with how
    many articles hold each: those sharing its first letter, two letters longer or shorter at
    most, or starting with it."""
    index = index_of_page()
    # The tables named in these queries are INDEXES' constants (bandit's nosec B608, B610 below);
    # what was typed is always a parameter.
    if connection.vendor == "postgresql":
        sql = f"""
            SELECT t.typed, w.word, w.articles
            FROM unnest(%s::text[]) AS t(typed), {index.known_words} AS w
            WHERE w.articles > 0 AND (
                (w.word >= left(t.typed, 1) AND w.word < chr(ascii(t.typed) + 1)
                 AND (length(w.word) BETWEEN length(t.typed) - 2 AND length(t.typed) + 2
                      OR w.word LIKE t.typed || '%%'))
                OR w.word %% t.typed)
        """  # nosec B608
        params = [typed]
    elif connection.vendor == "sqlite":
        # One SELECT a word: each a range of the vocabulary's index, which fts5vocab reads.
        one = (
            f"SELECT %s, term, doc FROM {index.vocabulary}"  # nosec B608
            " WHERE term >= %s AND term < %s"
            " AND (length(term) BETWEEN %s AND %s OR substr(term, 1, %s) = %s)"
        )
        # And one a word: whether the index matches it at all, by its stem ("stretched" finds
        # "stretching"), as a candidate of None.
        stem = (
            f"SELECT %s, NULL, EXISTS (SELECT 1 FROM {index.table}"  # nosec B608
            f" WHERE {index.table} MATCH %s)"
        )
        sql = " UNION ALL ".join([one, stem] * len(typed))
        params = [
            value
            for word in typed
            for value in (word, word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2)
            + (len(word), word, word, f'"{index.stemmed(word)}"')
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
    index = index_of_page()
    if connection.vendor == "postgresql":  # a trigram index of the folded titles answers these
        folded_title = articles.annotate(folded_title=_line(index.words, 1))
        return folded_title.filter(*(Q(folded_title__contains=word) for word in words)).order_by(
            "-publish_at"
        )[:limit]
    typed = " ".join(words)
    nearby = known_words_near(typed) if index.stem else {}
    match = "{title} : (" + fts5_query(typed, index, nearby=nearby, shortest_prefix=1) + ")"
    # Newest first, not bm25: a short prefix may match thousands of titles, and ranking reads
    # every match's positions.
    return articles.extra(  # nosec B610
        tables=[index.table],
        where=[f"+{index.table}.rowid = articles_article.id", f"{index.table} MATCH %s"],
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
