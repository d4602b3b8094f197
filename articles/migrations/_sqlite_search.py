"""What the SQLite search migrations (0019, 0022) share: the parts of an article's search_text
("title\nsummary\nbody", articles.search.search_text) as SQL on the new row, and running
statements on SQLite only (PostgreSQL has its own search columns)."""

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
