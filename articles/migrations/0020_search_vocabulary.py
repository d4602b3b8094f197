"""The words of the articles, with how many articles hold each: what a misspelt search word is
corrected against (articles/search.py, `corrected`). Kept in step by the database itself, from
search_text, whatever writes an article (save, bulk updates, loaddata and restores, deletes).

SQLite: a second FTS5 table, unstemmed ("sciatica", not the porter index's stems) and storing
neither the text nor word positions (content='', detail=none), read through an fts5vocab table.
PostgreSQL: a table of words and counts kept by a trigger, with a trigram index (pg_trgm) that
finds words whose first letter was mistyped; the same extension indexes titles for the search
box's suggestions.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE articles_search_words USING fts5(words, content='', detail=none, "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE articles_search_vocabulary USING fts5vocab(articles_search_words, 'row')",
    "CREATE TRIGGER articles_search_words_insert AFTER INSERT ON articles_article BEGIN "
    "INSERT INTO articles_search_words (rowid, words) VALUES (new.id, new.search_text); END",
    # A contentless table forgets a row when told the words it held.
    "CREATE TRIGGER articles_search_words_update AFTER UPDATE OF search_text ON articles_article "
    "WHEN old.search_text IS NOT new.search_text BEGIN "
    "INSERT INTO articles_search_words (articles_search_words, rowid, words) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO articles_search_words (rowid, words) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER articles_search_words_delete AFTER DELETE ON articles_article BEGIN "
    "INSERT INTO articles_search_words (articles_search_words, rowid, words) "
    "VALUES ('delete', old.id, old.search_text); END",
    "INSERT INTO articles_search_words (rowid, words) SELECT id, search_text FROM articles_article",
]
SQLITE_DROP = [
    "DROP TRIGGER articles_search_words_insert",
    "DROP TRIGGER articles_search_words_update",
    "DROP TRIGGER articles_search_words_delete",
    "DROP TABLE articles_search_vocabulary",
    "DROP TABLE articles_search_words",
]

# search_text is already folded (lower case, no accents): words are its runs of letters and
# digits; shorter than three letters, a word is never corrected.
WORDS_OF = (
    "SELECT DISTINCT word FROM regexp_split_to_table({text}, '[^[:alnum:]]+') AS word "
    "WHERE length(word) BETWEEN 3 AND 40"
)
POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Byte order (C), as SQLite's: a range of words by first letter, and LIKE 'word%', use the index.
    'CREATE TABLE articles_search_words (word text COLLATE "C" PRIMARY KEY, articles integer NOT NULL)',
    "CREATE INDEX articles_search_words_trigram ON articles_search_words "
    "USING gin (word gin_trgm_ops)",
    "CREATE INDEX articles_article_title_trigram ON articles_article "
    "USING gin (title gin_trgm_ops)",
    f"""CREATE FUNCTION articles_search_words_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            UPDATE articles_search_words SET articles = articles - 1
            WHERE word IN ({WORDS_OF.format(text="OLD.search_text")});
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO articles_search_words AS known (word, articles)
            SELECT word, 1 FROM ({WORDS_OF.format(text="NEW.search_text")}) AS words
            ORDER BY word
            ON CONFLICT (word) DO UPDATE SET articles = known.articles + 1;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER articles_search_words_insert_delete AFTER INSERT OR DELETE "
    "ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_search_words_count()",
    "CREATE TRIGGER articles_search_words_update AFTER UPDATE OF search_text ON articles_article "
    "FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) "
    "EXECUTE FUNCTION articles_search_words_count()",
    "INSERT INTO articles_search_words (word, articles) SELECT word, count(*) FROM "
    f"articles_article, LATERAL ({WORDS_OF.format(text='search_text')}) AS words GROUP BY word",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER articles_search_words_update ON articles_article",
    "DROP TRIGGER articles_search_words_insert_delete ON articles_article",
    "DROP FUNCTION articles_search_words_count()",
    "DROP INDEX articles_article_title_trigram",
    "DROP TABLE articles_search_words",
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_sqlite_search_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
