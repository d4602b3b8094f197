"""What the SQLite search migrations (0019, 0022) share: the parts of an article's search_text
("title\nsummary\nbody", articles.search.search_text) as SQL on the new row, and running
statements on SQLite only (PostgreSQL has its own search columns), and keeping the indexes'
triggers through a migration that copies the articles' table."""

from django.db.migrations import RunPython

TITLE = "substr(new.search_text, 1, instr(new.search_text, char(10)) - 1)"
AFTER_TITLE = "substr(new.search_text, instr(new.search_text, char(10)) + 1)"
SUMMARY = f"substr({AFTER_TITLE}, 1, instr({AFTER_TITLE}, char(10)) - 1)"
BODY = f"substr({AFTER_TITLE}, instr({AFTER_TITLE}, char(10)) + 1)"


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
