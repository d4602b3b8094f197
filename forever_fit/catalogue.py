"""The Spanish catalogue: which strings the site marks for translation, and the .po file that
translates them (locale/es/LC_MESSAGES/django.po, written by us).

Django's `makemessages` needs GNU gettext's xgettext; this does the same with Babel, in pure
Python: templates are turned into Python-like text by Django's own `templatize` (what
makemessages feeds xgettext), and Babel reads the marked strings out of that and of our modules.
`manage.py update_catalogue` merges them into the .po; a test fails when an entry is missing,
empty or fuzzy.

Staff pages stay in English (templates/admin/, the admin's own strings): they are not read.
"""

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.utils.translation.template import templatize

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
# Django's lazy and contextual spellings, besides the gettext names Babel knows.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
APPS = [
    "appointments",
    "articles",
    "core",
    "insurance",
    "locations",
    "pages",
    "stories",
    "team",
    "forever_fit",
]
SKIPPED_PARTS = {"migrations", "management", "admin", "__pycache__"}


def public_templates() -> list[Path]:
    """The templates patients see: every one but the staff pages'."""
    root = BASE_DIR / "templates"
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in (".html", ".txt", ".xml") and "admin" not in path.relative_to(root).parts
    )


def python_modules() -> list[Path]:
    modules = []
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            parts = set(path.relative_to(BASE_DIR).parts)
            if not parts & SKIPPED_PARTS and path.name != "admin.py":
                modules.append(path)
    return modules


def _messages(method: str, text: str):
    for _line, message, comments, context in extract(
        method, io.BytesIO(text.encode()), keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        yield message, comments, context


def extracted() -> Catalog:
    """Every string the public pages and our modules mark, as a catalogue template."""
    catalogue = Catalog(project="Forever Fit", charset="utf-8")
    sources = [(path, "python", path.read_text()) for path in python_modules()]
    # templatize() writes Python-like lines for xgettext, which ignores their indentation;
    # inside brackets Python's own tokenizer (Babel's) ignores it too.
    sources += [
        (path, "python", "(\n" + templatize(path.read_text(), origin=str(path)) + "\n)")
        for path in public_templates()
    ]
    for path, method, text in sources:
        where = str(path.relative_to(BASE_DIR))
        for message, comments, context in _messages(method, text):
            catalogue.add(
                message, locations=[(where, None)], auto_comments=comments, context=context
            )
    return catalogue


def written() -> Catalog:
    with CATALOGUE.open("rb") as po:
        return read_po(po, locale="es")


def update() -> tuple[int, int]:
    """Merge what the code marks into the .po: new strings added (empty, or fuzzy when Babel
    finds a near one), strings no longer marked dropped. Returns (added, dropped)."""
    template = extracted()
    catalogue = written() if CATALOGUE.exists() else Catalog(locale="es", charset="utf-8")
    before = {message.id for message in catalogue if message.id}
    catalogue.update(template, no_fuzzy_matching=False)
    catalogue.obsolete.clear()
    catalogue.project, catalogue.version = "Forever Fit website", "1"
    catalogue.fuzzy = False  # the header: a fuzzy one would leave the whole file uncompiled
    after = {message.id for message in catalogue if message.id}
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    with CATALOGUE.open("wb") as po:
        write_po(po, catalogue, width=100, omit_header=False, sort_output=False)
    return len(after - before), len(before - after)
