"""What the SQLite search migrations (0019, 0022, 0025) share: the parts of an article's search
text ("title\nsummary\nbody", articles.search.search_text) as SQL on the new row, and running
statements on SQLite only (PostgreSQL has its own search columns), and keeping the indexes'
triggers through a migration that copies the articles' table."""

from django.db.migrations import RunPython


def parts(column: str) -> tuple[str, str, str]:
    """SQL of the title, summary and body in the new row's search text `column`."""
    title = f"substr(new.{column}, 1, instr(new.{column}, char(10)) - 1)"
    after_title = f"substr(new.{column}, instr(new.{column}, char(10)) + 1)"
    summary = f"substr({after_title}, 1, instr({after_title}, char(10)) - 1)"
    body = f"substr({after_title}, instr({after_title}, char(10)) + 1)"
    return title, summary, body


TITLE, SUMMARY, BODY = parts("search_text")


def index_kept_from(table: str, columns: list[str], source: str, *, contentless=False):
    """Statements that create the FTS5 `table` (made from the article's search text `source`:
    its first len(columns) parts, or the whole text into a contentless table's one column) and
    the triggers that keep it in step, then index the articles already saved; and those that
    drop them."""
    tokenize = "tokenize = 'unicode61 remove_diacritics 2'"
    if contentless:
        options = f"{columns[0]}, content='', detail=none, {tokenize}"
        values = [f"new.{source}"]
        # A contentless table forgets a row when told the words it held.
        forget = (
            f"INSERT INTO {table} ({table}, rowid, {columns[0]}) "
            f"VALUES ('delete', old.id, old.{source});"
        )
    else:
        options = f"{', '.join(columns)}, {tokenize}"
        values = list(parts(source)[: len(columns)])
        forget = f"DELETE FROM {table} WHERE rowid = old.id;"
    index_new = (
        f"INSERT INTO {table} (rowid, {', '.join(columns)}) VALUES (new.id, {', '.join(values)});"
    )
    create = [
        f"CREATE VIRTUAL TABLE {table} USING fts5({options})",
        f"CREATE TRIGGER {table}_insert AFTER INSERT ON articles_article BEGIN {index_new} END",
        f"CREATE TRIGGER {table}_update AFTER UPDATE OF {source} ON articles_article "
        f"WHEN old.{source} IS NOT new.{source} BEGIN {forget} {index_new} END",
        f"CREATE TRIGGER {table}_delete AFTER DELETE ON articles_article BEGIN {forget} END",
        f"INSERT INTO {table} (rowid, {', '.join(columns)}) SELECT id, "
        + ", ".join(value.replace("new.", "") for value in values)
        + " FROM articles_article",
    ]
    drop = [f"DROP TRIGGER {table}_{event}" for event in ("insert", "update", "delete")]
    return create, [*drop, f"DROP TABLE {table}"]


def on_sqlite(statements: list[str]):
    """A RunPython function that executes these statements when the database is SQLite."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def keeping_triggers(table: str, operations: list) -> list:
    """These operations, with `table`'s triggers (the search indexes' upkeep) created again after
    them on SQLite: to add a unique or indexed column SQLite's schema editor copies the table
    into a new one, and the triggers go with the old table."""
    kept: list[str] = []

    def remember(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [table],
                )
                kept[:] = cursor.fetchall()

    def restore(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                present = {name for (name,) in cursor.fetchall()}
            for name, sql in kept:
                if name not in present:
                    schema_editor.execute(sql)

    # Undone, the same in reverse order: remembered before the columns go, restored after.
    return [RunPython(remember, restore), *operations, RunPython(restore, remember)]
