"""The parts of an article's search_text ("title\nsummary\nbody", articles.search.search_text) as
SQL on the new row, for the SQLite index triggers of migrations 0019 and 0022."""

TITLE = "substr(new.search_text, 1, instr(new.search_text, char(10)) - 1)"
AFTER_TITLE = "substr(new.search_text, instr(new.search_text, char(10)) + 1)"
SUMMARY = f"substr({AFTER_TITLE}, 1, instr({AFTER_TITLE}, char(10)) - 1)"
BODY = f"substr({AFTER_TITLE}, instr({AFTER_TITLE}, char(10)) + 1)"
