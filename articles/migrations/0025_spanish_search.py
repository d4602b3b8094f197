"""Spanish search: the Spanish versions' own columns and indexes beside the English ones, which
now hold the English versions alone (articles/search.py, SearchIndex).

SQLite: FTS5 tables of the Spanish stems (whole articles; titles and summaries) and a vocabulary
of the Spanish words, kept by triggers as the English ones are (0019, 0020, 0022). PostgreSQL:
the Spanish vectors (GIN-indexed) and a table of the Spanish words kept by a trigger (0020's).
Then every article's search columns are worked out again, which the triggers follow.
"""

import django.contrib.postgres.search
from django.db import migrations, models

from articles.migrations._sqlite_search import index_kept_from, keeping_triggers, on_sqlite
from articles.html import plain_text
from articles.search import WORD, search_text, spanish_stem

SQLITE = [
    index_kept_from("articles_search_es", ["title", "summary", "body"], "search_stems_es"),
    index_kept_from("articles_search_titles_es", ["title", "summary"], "search_stems_es"),
    index_kept_from("articles_search_words_es", ["words"], "search_text_es", contentless=True),
]
SQLITE_CREATE = [statement for create, _drop in SQLITE for statement in create] + [
    "CREATE VIRTUAL TABLE articles_search_vocabulary_es "
    "USING fts5vocab(articles_search_words_es, 'row')"
]
SQLITE_DROP = ["DROP TABLE articles_search_vocabulary_es"] + [
    statement for _create, drop in reversed(SQLITE) for statement in drop
]

# As 0020's, for the Spanish words.
WORDS_OF = (
    "SELECT DISTINCT word FROM regexp_split_to_table({text}, '[^[:alnum:]]+') AS word "
    "WHERE length(word) BETWEEN 3 AND 40"
)
# The search box's suggestions find titles by their words in search form (accents folded: "ciat"
# suggests "Ciática"): trigram indexes of each version's first line, instead of 0023's of the
# titles as written.
FOLDED_TITLE_INDEXES = [
    f"CREATE INDEX articles_article_folded_title_{code}_trigram ON articles_article "
    f"USING gin ((split_part({column}, E'\\n', 1)) gin_trgm_ops)"
    for code, column in (("en", "search_text"), ("es", "search_text_es"))
]
TITLE_INDEXES = [
    f"CREATE INDEX articles_article_title_{code}_trigram ON articles_article "
    f"USING gin (title_{code} gin_trgm_ops)"
    for code in ("en", "es")
]
POSTGRESQL_CREATE = [
    *FOLDED_TITLE_INDEXES,
    *(f"DROP INDEX articles_article_title_{code}_trigram" for code in ("en", "es")),
    "CREATE INDEX article_search_es_gin ON articles_article USING GIN (search_vector_es)",
    'CREATE TABLE articles_search_words_es (word text COLLATE "C" PRIMARY KEY, '
    "articles integer NOT NULL)",
    "CREATE INDEX articles_search_words_es_trigram ON articles_search_words_es "
    "USING gin (word gin_trgm_ops)",
    f"""CREATE FUNCTION articles_search_words_es_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            UPDATE articles_search_words_es SET articles = articles - 1
            WHERE word IN ({WORDS_OF.format(text="OLD.search_text_es")});
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO articles_search_words_es AS known (word, articles)
            SELECT word, 1 FROM ({WORDS_OF.format(text="NEW.search_text_es")}) AS words
            ORDER BY word
            ON CONFLICT (word) DO UPDATE SET articles = known.articles + 1;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER articles_search_words_es_insert_delete AFTER INSERT OR DELETE "
    "ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_search_words_es_count()",
    "CREATE TRIGGER articles_search_words_es_update AFTER UPDATE OF search_text_es "
    "ON articles_article FOR EACH ROW "
    "WHEN (OLD.search_text_es IS DISTINCT FROM NEW.search_text_es) "
    "EXECUTE FUNCTION articles_search_words_es_count()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER articles_search_words_es_update ON articles_article",
    "DROP TRIGGER articles_search_words_es_insert_delete ON articles_article",
    "DROP FUNCTION articles_search_words_es_count()",
    "DROP TABLE articles_search_words_es",
    "DROP INDEX article_search_es_gin",
    *TITLE_INDEXES,
    *(f"DROP INDEX articles_article_folded_title_{code}_trigram" for code in ("en", "es")),
]


def on_postgresql(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def vectors(config: str, column: str, ranked_body_characters=300) -> str:
    """The weighted vector of a search text column, and its ranking vector (the body's start):
    spelled out as articles.search built them when this step was written."""
    title, summary, body = (f"split_part({column}, E'\\n', {n})" for n in (1, 2, 3))
    start = (
        f"setweight(to_tsvector('{config}', {title}), 'A')"
        f" || setweight(to_tsvector('{config}', {summary}), 'B')"
    )
    return (
        f"{start} || setweight(to_tsvector('{config}', {body}), 'C'), "
        f"{start} || setweight(to_tsvector('{config}', left({body}, {ranked_body_characters})), 'C')"
    )


def reindex(apps, schema_editor):
    """Each version's words in its own columns (the English ones held both until now)."""
    Article = apps.get_model("articles", "Article")
    versions = [f"{field}_{code}" for field in ("title", "summary", "body") for code in ("en", "es")]
    rows = list(Article.objects.only("pk", *versions))
    for article in rows:
        english = (article.title_en or "", article.summary_en or "", article.body_en or "")
        spanish = (article.title_es or "", article.summary_es or "", article.body_es or "")
        article.search_text = search_text(*english[:2], plain_text(english[2]))
        words = search_text(*spanish[:2], plain_text(spanish[2])) if spanish[0] else ""
        article.search_text_es = words
        article.search_stems_es = WORD.sub(lambda word: spanish_stem(word.group()), words)
    columns = ["search_text", "search_text_es", "search_stems_es"]
    Article.objects.bulk_update(rows, columns, batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE articles_article SET (search_vector, search_rank_vector, search_vector_es, "
            f"search_rank_vector_es) = ({vectors('english', 'search_text')}, "
            f"{vectors('spanish', 'search_stems_es')})"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0024_spanish_urgent_care")]

    # Adding columns with a default copies the table on SQLite: its triggers kept.
    operations = keeping_triggers(
        "articles_article",
        [
            migrations.AddField(
                model_name="article",
                name="search_text_es",
                field=models.TextField(default="", editable=False),
            ),
            migrations.AddField(
                model_name="article",
                name="search_stems_es",
                field=models.TextField(default="", editable=False),
            ),
            migrations.AddField(
                model_name="article",
                name="search_vector_es",
                field=django.contrib.postgres.search.SearchVectorField(
                    editable=False, null=True
                ),
            ),
            migrations.AddField(
                model_name="article",
                name="search_rank_vector_es",
                field=django.contrib.postgres.search.SearchVectorField(
                    editable=False, null=True
                ),
            ),
        ],
    ) + [
        migrations.RunPython(on_sqlite(SQLITE_CREATE), on_sqlite(SQLITE_DROP)),
        migrations.RunPython(on_postgresql(POSTGRESQL_CREATE), on_postgresql(POSTGRESQL_DROP)),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
