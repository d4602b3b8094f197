"""The one place that decides what HTML an article body may contain, and reads its headings."""

import re
from html import unescape

import nh3
from django.utils.text import slugify

ALLOWED_TAGS = {
    "h2", "h3", "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# After sanitizing, headings carry no attributes but the ids we give them, so this is exact.
HEADING = re.compile(r"<(h[23])(?: id=\"[^\"]*\")?>(.*?)</\1>", re.DOTALL)


def sanitize_article_html(html: str) -> str:
    """Keep the editor's formatting only, and give each h2/h3 an id for the contents list."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return _with_heading_ids(clean)


def headings(html: str) -> list[dict]:
    """The sanitized body's h2/h3 headings: level, text and anchor, in order."""
    return [
        {"level": int(tag[1]), "text": _text(inner), "anchor": anchor}
        for (tag, inner), anchor in zip(HEADING.findall(html), _anchors(html), strict=True)
    ]


def word_count(html: str) -> int:
    return len(plain_text(html).split())


def plain_text(html: str) -> str:
    """The words of the body without markup, blocks kept apart ("<p>a</p><p>b</p>" -> "a b")."""
    return unescape(nh3.clean(html.replace("><", "> <"), tags=set())).strip()


def _with_heading_ids(html: str) -> str:
    anchors = iter(_anchors(html))
    return HEADING.sub(lambda m: f'<{m[1]} id="{next(anchors)}">{m[2]}</{m[1]}>', html)


def _anchors(html: str) -> list[str]:
    seen, anchors = set(), []
    for _, inner in HEADING.findall(html):
        base = slugify(_text(inner)) or "section"
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


def _text(html: str) -> str:
    return nh3.clean(html, tags=set()).replace("&amp;", "&").strip()
