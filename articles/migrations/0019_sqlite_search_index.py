"""SQLite's search index: an FTS5 table of every article's title, summary and body, kept in step
by triggers on the article table. articles/search.py says how it is read and why triggers."""

from django.db import migrations

from articles.migrations._sqlite_search import BODY, SUMMARY, TITLE, on_sqlite

INDEX_NEW_ROW = (
    "INSERT INTO articles_search (rowid, title, summary, body) "
    f"VALUES (new.id, {TITLE}, {SUMMARY}, {BODY});"
)

CREATE = [
    # porter: "exercises" finds "exercise"; remove_diacritics: "cafe" finds "café" (search_text is
    # already folded; this keeps a row written by hand honest too).
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER articles_search_insert AFTER INSERT ON articles_article BEGIN {INDEX_NEW_ROW} END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF search_text ON articles_article "
    "WHEN old.search_text IS NOT new.search_text BEGIN "
    f"DELETE FROM articles_search WHERE rowid = old.id; {INDEX_NEW_ROW} END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles_article BEGIN "
    "DELETE FROM articles_search WHERE rowid = old.id; END",
    # The articles already saved.
    "INSERT INTO articles_search (rowid, title, summary, body) SELECT id, "
    + ", ".join(part.replace("new.", "") for part in (TITLE, SUMMARY, BODY))
    + " FROM articles_article",
]
DROP = [
    "DROP TRIGGER articles_search_insert",
    "DROP TRIGGER articles_search_update",
    "DROP TRIGGER articles_search_delete",
    "DROP TABLE articles_search",
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_authors_are_clinicians"),
    ]

    operations = [migrations.RunPython(on_sqlite(CREATE), on_sqlite(DROP))]
