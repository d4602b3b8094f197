"""The one place that decides what HTML an article body may contain, reads its headings, and
turns its pictures into responsive ones for the page."""

import re
from html import unescape

import nh3
from django.conf import settings
from django.utils.text import slugify

from core.images import rendition_url, rendition_widths, srcset

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Pictures in the text are ours only (InlinePicture, stored under this folder): a picture from
# another site would tell that site who reads which article.
INLINE_PICTURE_FOLDER = "articles/in-text/"
# In a saved body, on a picture whose renditions the worker is still making: the widest made.
# The sanitizer drops it (editors cannot set it); the page reads it and leaves it out.
RENDITIONS_UP_TO = "data-renditions-up-to"
OWN_PICTURE_NAME = re.compile(r"[A-Za-z0-9][\w.-]*")
# After sanitizing, headings carry no attributes but the ids we give them, so this is exact.
HEADING = re.compile(r"<(h[23])(?: id=\"[^\"]*\")?>(.*?)</\1>", re.DOTALL)
IMG = re.compile(r"<img\b([^>]*)>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
# A figure, or a caption outside any figure (the scan takes a figure's own caption with it).
FIGURE_OR_CAPTION = re.compile(
    r"<figure>(?P<figure>.*?)</figure>|<figcaption>(?P<caption>.*?)</figcaption>", re.DOTALL
)
FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
# The text column's width (CSS --measure) on wide screens, the screen's on phones.
PICTURE_SIZES = "(min-width: 42rem) 38rem, 100vw"


def sanitize_article_html(html: str) -> str:
    """Keep the editor's formatting only, and give each h2/h3 an id for the contents list.
    A picture stays only if it is one of ours, always with an alt attribute (empty: decorative),
    and a figure only around a picture (its caption alone becomes a paragraph)."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_own_pictures_only,
    )
    clean = IMG.sub(_picture_tag, clean)
    clean = FIGURE_OR_CAPTION.sub(_figures_with_pictures, clean)
    return _with_heading_ids(clean)


def inline_picture_name(src: str) -> str | None:
    """The storage name of one of our in-text pictures from its address, else None."""
    prefix = settings.MEDIA_URL + INLINE_PICTURE_FOLDER
    if not src.startswith(prefix):
        return None
    rest = src.removeprefix(prefix)
    return INLINE_PICTURE_FOLDER + rest if OWN_PICTURE_NAME.fullmatch(rest) else None


def picture_names(html: str) -> list[str]:
    """The storage names of the in-text pictures a sanitized body shows."""
    names = (inline_picture_name(_attributes(m[1]).get("src", "")) for m in IMG.finditer(html))
    return [name for name in names if name]


def with_picture_sizes(html: str, sizes: dict[str, tuple[int, int, int]]) -> str:
    """Each picture's width and height from its stored file (keeps the page from jumping while
    it loads, and lets the page offer the right rendition), whatever the editor sent; and, while
    the worker is still making its renditions, how far they go (RENDITIONS_UP_TO)."""

    def sized(match):
        attributes = _attributes(match[1])
        attributes.pop(RENDITIONS_UP_TO, None)
        name = inline_picture_name(attributes.get("src", ""))
        if name in sizes:
            width, height, up_to = sizes[name]
            attributes["width"], attributes["height"] = str(width), str(height)
            if up_to < rendition_widths(width)[-1]:
                attributes[RENDITIONS_UP_TO] = str(up_to)
        return _img(attributes)

    return IMG.sub(sized, html)


def for_page(html: str) -> str:
    """The sanitized body as the article page shows it: each picture offered as WebP and JPEG in
    the widths made for it, loaded only when the reader scrolls near it."""
    if "<img" not in html:
        return html
    return IMG.sub(_responsive_picture, html)


def _responsive_picture(match) -> str:
    attributes = _attributes(match[1])
    name = inline_picture_name(attributes.get("src", ""))
    width = attributes.get("width", "")
    if not name or not width.isdigit():
        return match[0]
    up_to = attributes.pop(RENDITIONS_UP_TO, "")
    made = (int(width), int(up_to)) if up_to.isdigit() else (int(width),)
    webp, jpeg = (srcset(name, made[0], ext, *made[1:]) for ext in ("webp", "jpeg"))
    shown = {"src": rendition_url(name, *made), "srcset": jpeg, "sizes": PICTURE_SIZES}
    return (
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{PICTURE_SIZES}">'
        + _img(attributes | shown | {"loading": "lazy", "decoding": "async"})
        + "</picture>"
    )


def _own_pictures_only(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return value if inline_picture_name(value) else None
    if element == "img" and attribute in ("width", "height"):
        return value if value.isdigit() else None
    return value


def _picture_tag(match) -> str:
    """An <img> whose address was not ours goes; the rest get their attributes in one order."""
    attributes = _attributes(match[1])
    return _img(attributes) if "src" in attributes else ""


def _img(attributes: dict[str, str]) -> str:
    attributes = {"alt": ""} | attributes  # no alt would make screen readers read the address
    order = [
        "src",
        "srcset",
        "sizes",
        "alt",
        "width",
        "height",
        RENDITIONS_UP_TO,
        "loading",
        "decoding",
    ]
    return "<img " + " ".join(f'{k}="{attributes[k]}"' for k in order if k in attributes) + ">"


def _figures_with_pictures(match) -> str:
    """A figure stays only around a picture; a caption without one becomes a paragraph."""
    inner = match["figure"]
    if inner is None:
        return f"<p>{match['caption']}</p>"
    if "<img" in inner:
        return match[0]
    caption = FIGCAPTION.search(inner)
    return f"<p>{caption[1]}</p>" if caption else ""


def _attributes(text: str) -> dict[str, str]:
    """An element's attributes as nh3 writes them (always double-quoted, already escaped)."""
    return dict(ATTRIBUTE.findall(text))


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
