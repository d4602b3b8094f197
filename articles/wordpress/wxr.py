"""Read a WordPress export (WXR 1.1/1.2) as a stream: one item at a time, in constant memory.

The parser (lxml) loads no DTD, resolves no entity and reaches no network; control characters
that real exports contain (and XML forbids) are dropped on the way in.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

WP = "{http://wordpress.org/export/1.2/}"
WP_NAMESPACES = ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# XML 1.0 forbids these (tab, newline and carriage return aside).
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CHUNK = 64 * 1024


class NotAnExport(Exception):
    """The file is not a WordPress export: the message says what was expected."""


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class Category:
    """A category of the export's list (what /?cat=ID named), with its parent's slug."""

    term_id: int
    slug: str
    parent: str


@dataclass
class Item:
    post_id: int
    post_type: str
    status: str
    title: str = ""
    slug: str = ""
    link: str = ""
    body: str = ""
    excerpt: str = ""
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    password: str = ""  # a password-protected post: never public here
    parent: int = 0  # a picture's post, a page's parent page
    creator: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (nicename, name)
    tags: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""


@dataclass
class Damage:
    """What of an item could not be read (XML the parser repaired, entities it never expands),
    with the item it was in: the import goes on, and the summary names it."""

    message: str
    post_id: str = ""


class _ControlFree:
    """A file wrapper that drops forbidden control characters as lxml reads it."""

    def __init__(self, file):
        self.file = file

    def read(self, size=CHUNK):
        return CONTROL.sub(b"", self.file.read(size))


def _ns(tag: str, namespace: str) -> str:
    return tag.replace("http://wordpress.org/export/1.2/", namespace)


def _when(text: str | None) -> datetime | None:
    if not text or text.startswith("0000"):
        return None
    return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def _text(element, tag) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def read_export(file) -> Iterator[Author | Category | Item | Damage]:
    """Authors and items of an export, in file order, and a Damage note after an item whose XML
    was broken; raises NotAnExport at once for anything that is not an export."""
    parser = etree.iterparse(
        _ControlFree(file),
        events=("start", "end"),
        load_dtd=False,
        no_network=True,
        resolve_entities=False,
        huge_tree=False,
        recover=True,
    )
    namespace = None
    errors_seen = 0
    try:
        for event, element in parser:
            if event == "start":
                if namespace is None and element.tag != "rss":
                    raise NotAnExport(
                        f"This file starts with <{etree.QName(element).localname}>: a WordPress "
                        "export (Tools › Export in WordPress) is an RSS file of posts."
                    )
                if namespace is None:
                    namespace = next(
                        (ns for ns in WP_NAMESPACES if ns in (element.nsmap or {}).values()), ""
                    )
                    if not namespace:
                        raise NotAnExport(
                            "This RSS file is not a WordPress export (no WXR 1.1 or 1.2 "
                            "namespace): export it from WordPress with Tools › Export."
                        )
                continue
            tag = element.tag
            if tag == _ns(f"{WP}author", namespace):
                yield Author(
                    login=_text(element, _ns(f"{WP}author_login", namespace)),
                    display_name=_text(element, _ns(f"{WP}author_display_name", namespace)),
                )
                element.clear()
            elif tag == _ns(f"{WP}category", namespace):
                term_id = _text(element, _ns(f"{WP}term_id", namespace)).strip()
                if term_id.isdigit():
                    yield Category(
                        term_id=int(term_id),
                        slug=_text(element, _ns(f"{WP}category_nicename", namespace)),
                        parent=_text(element, _ns(f"{WP}category_parent", namespace)),
                    )
                element.clear()
            elif tag == "item":
                item = _item(element, namespace)
                name = f"Item {item.post_id} ({item.title or 'untitled'})"
                errors = list(parser.error_log)[errors_seen:]
                errors_seen += len(errors)
                if errors and not item.post_type:  # the file ends inside this item
                    yield Damage(
                        f"The export ends in the middle of “{item.title or 'an item'}”: the file "
                        "was cut short (a download or upload that stopped?), so it and anything "
                        "after it were not imported. Export from WordPress again and import the "
                        "whole file: what was imported is updated, not doubled.",
                        str(item.post_id or ""),
                    )
                    continue
                yield item
                for error in errors:
                    yield Damage(
                        f"{name}: the export's XML is broken at line {error.line} "
                        f"({error.message}); imported as repaired.",
                        item.post_id,
                    )
                # An export that declares entities of its own can be an attack ("billion
                # laughs"): they are never expanded, so the text that used them is missing.
                if entities := sorted({f"&{e.name};" for e in element.iter(etree.Entity)}):
                    yield Damage(
                        f"{name}: uses entities its file declares ({', '.join(entities)}), "
                        "which are never expanded; the text that used them is missing.",
                        item.post_id,
                    )
                element.clear()
                while element.getprevious() is not None:  # keep memory flat
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        if namespace is None:
            raise NotAnExport(f"This is not an XML file ({error}).") from error
        raise


def _item(element, namespace) -> Item:
    wp = lambda name: _ns(f"{WP}{name}", namespace)  # noqa: E731
    post_id = _text(element, wp("post_id"))
    item = Item(
        post_id=int(post_id) if post_id.strip().isdigit() else 0,
        post_type=_text(element, wp("post_type")),
        status=_text(element, wp("status")),
        title=_text(element, "title"),
        slug=_text(element, wp("post_name")),
        link=_text(element, "link"),
        body=_text(element, CONTENT),
        excerpt=_text(element, _ns(EXCERPT, namespace)),
        date_gmt=_when(_text(element, wp("post_date_gmt"))),
        modified_gmt=_when(_text(element, wp("post_modified_gmt"))),
        creator=_text(element, DC_CREATOR),
        attachment_url=_text(element, wp("attachment_url")),
        password=_text(element, wp("post_password")),
        parent=int(parent)
        if (parent := _text(element, wp("post_parent")).strip()).isdigit()
        else 0,
    )
    for category in element.findall("category"):
        if category.get("domain") == "category":
            item.categories.append((category.get("nicename", ""), category.text or ""))
        elif category.get("domain") == "post_tag":
            item.tags.append(category.text or "")
    for meta in element.findall(wp("postmeta")):
        item.meta[_text(meta, wp("meta_key"))] = _text(meta, wp("meta_value"))
    return item
