"""A WordPress post body as our editor keeps it: page-builder shortcodes unwrapped, pictures made
into figures (copied by the caller, who says where each one now lives), WordPress's automatic
paragraphs made real, <h1> demoted, then the admin editor's own sanitizing."""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from typing import NamedTuple

from django.urls import reverse

from articles.html import sanitize_article_html

REQUEST_LINK_WORDS = "Request an appointment online"

# Divi's layout wrappers carry no content of their own.
LAYOUT = re.compile(r"\[/?et_pb_(?:section|row|row_inner|column|column_inner)\b[^\]]*\]")
TEXT_MODULE = re.compile(r"\[et_pb_text\b[^\]]*\](.*?)\[/et_pb_text\]", re.S)
IMAGE_MODULE = re.compile(r"\[et_pb_image\b([^\]]*)\](?:\[/et_pb_image\])?")
BLURB_MODULE = re.compile(r"\[et_pb_blurb\b([^\]]*)\](.*?)\[/et_pb_blurb\]", re.S)
BUTTON_MODULE = re.compile(r"\[et_pb_button\b([^\]]*)\](?:\[/et_pb_button\])?")
# Contact Form 7's form: our request form does that job (and keeps health details out of email).
CONTACT_FORM = re.compile(r"\[contact-form-7\b[^\]]*\]")
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.S)
# [name], [/name] or [name key="value" ...]: not "[see below]" or "[Note: ...]" in the prose.
SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)(?:\s+[^\]]*=[^\]]*)?\]")
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*-->")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
IMG = re.compile(r"<img\b([^>]*)>", re.I)
LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.I)
FIGURE = re.compile(r"<figure\b(?![^>]*data-held)[^>]*>(.*?)</figure>", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
HELD_FIGURE = re.compile(r'<figure data-held="(\d+)"></figure>')
# Gutenberg's embed block (YouTube, Vimeo...): a plain link here, never a third-party frame.
EMBED = re.compile(
    r'<figure\b[^>]*class="[^"]*wp-block-embed[^"]*"[^>]*>.*?(https?://[^\s<"]+).*?</figure>',
    re.S | re.I,
)
BLOCK_TAGS = r"(?:p|h[1-6]|ul|ol|li|blockquote|figure|figcaption|div|table|pre|hr)"
STARTS_BLOCK = re.compile(rf"^\s*</?{BLOCK_TAGS}\b", re.I)
# Where wpautop ends a paragraph whatever the line breaks: before these blocks open and after
# they close (not <li> or <p>, which only sit inside them or are paragraphs already).
BLOCK_OPENS = re.compile(r"(<(?:h[1-6]|ul|ol|blockquote|figure|table|pre|hr)\b)", re.I)
BLOCK_CLOSES = re.compile(r"(</(?:h[1-6]|ul|ol|blockquote|figure|table|pre)>)", re.I)
# Layout boxes (columns, buttons, custom HTML): their words become paragraphs of their own.
DIV = re.compile(r"</?div\b[^>]*>", re.I)
# A quote's source, on a line of its own as WordPress shows it.
CITE = re.compile(r"<cite\b[^>]*>(.*?)</cite>", re.S | re.I)

GALLERY = re.compile(r"\[gallery\b([^\]]*)\]")
GALLERY_IDS = re.compile(r"\[gallery\b[^\]]*\bids=[\"']([\d,\s]+)[\"']")


class Attachment(NamedTuple):
    """A picture WordPress knows by number (what [gallery ids=...] names)."""

    url: str
    alt: str
    caption: str


# Where a picture of the old site lives now: (its address, its alt text) -> our address or None.
PlacePicture = Callable[[str, str], str | None]
# A picture by its WordPress number, when the export has it.
FindAttachment = Callable[[int], Attachment | None]


def gallery_ids(body: str) -> list[str]:
    """The attachment numbers every [gallery ids=...] of a body names."""
    return [n for ids in GALLERY_IDS.findall(body) for n in re.split(r"[,\s]+", ids) if n]


@dataclass
class Converted:
    html: str
    shortcodes: Counter = field(default_factory=Counter)  # every one the body used
    unknown_shortcodes: Counter = field(default_factory=Counter)  # removed with no equivalent
    replaced: Counter = field(default_factory=Counter)  # forms that became a link to ours


def _attributes(text: str) -> dict[str, str]:
    return {name.lower(): unescape(a or b) for name, a, b in ATTRIBUTE.findall(text)}


def autop(text: str) -> str:
    """WordPress's wpautop, the part that matters: blank lines end paragraphs, single line
    breaks inside one become <br>, block elements stay as they are."""
    text = BLOCK_OPENS.sub(r"\n\n\1", text.replace("\r\n", "\n"))
    text = BLOCK_CLOSES.sub(r"\1\n\n", text)
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text) if c.strip()]
    return "\n".join(
        chunk if STARTS_BLOCK.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
    )


class _Figures:
    """Every picture of a post as one of our figures (picture, then caption), held aside while
    the text around it gets its paragraphs."""

    def __init__(self, place_picture: PlacePicture):
        self.place_picture = place_picture
        self.held: list[str] = []

    def hold(self, src: str, alt: str, caption: str = "") -> str:
        new_src = self.place_picture(src, alt) if src else None
        if new_src is None:  # not copied: the caption's words stay, as a paragraph
            figure = f"<p>{caption}</p>" if caption.strip() else ""
        else:
            figure = f'<figure><img src="{escape(new_src)}" alt="{escape(alt)}">'
            figure += f"<figcaption>{caption}</figcaption></figure>" if caption else "</figure>"
        self.held.append(figure)
        return f'\n\n<figure data-held="{len(self.held) - 1}"></figure>\n\n'

    def hold_img(self, img_tag: str, caption: str = "") -> str:
        values = _attributes(img_tag)
        return self.hold(values.get("src", ""), values.get("alt", ""), caption)

    def put_back(self, html: str) -> str:
        return HELD_FIGURE.sub(lambda m: self.held[int(m[1])], html)


def convert_body(
    body: str,
    place_picture: PlacePicture = lambda src, alt: None,
    find_attachment: FindAttachment = lambda number: None,
) -> Converted:
    converted = Converted(html="")
    converted.shortcodes.update(name for closing, name in SHORTCODE.findall(body) if not closing)
    figures = _Figures(place_picture)
    text = BLOCK_COMMENT.sub("", body)
    text = LAYOUT.sub("\n\n", text)
    text = TEXT_MODULE.sub(lambda m: "\n\n" + m.group(1) + "\n\n", text)
    text = IMAGE_MODULE.sub(lambda m: figures.hold_img(m.group(1)), text)

    def blurb(match):  # Divi's blurb: a title, an optional picture, a few words
        values = _attributes(match.group(1))
        title = f"<h4>{escape(values['title'])}</h4>" if values.get("title") else ""
        picture = (
            figures.hold(values["image"], values.get("alt", "")) if values.get("image") else ""
        )
        return f"\n\n{title}\n\n{picture}{match.group(2)}\n\n"

    def button(match):  # Divi's button: a link that stands on its own line
        values = _attributes(match.group(1))
        url, words = values.get("button_url", ""), values.get("button_text", "")
        return (
            f'\n\n<p><a href="{escape(url)}">{escape(words)}</a></p>\n\n' if url and words else ""
        )

    def contact_form(match):
        converted.replaced["contact-form-7"] += 1
        return (
            f'\n\n<p><a href="{reverse("appointments:request")}">{REQUEST_LINK_WORDS}</a></p>\n\n'
        )

    def gallery(match):  # [gallery ids="4,5,6"]: each picture a figure, its caption under it
        ids = re.split(r"[,\s]+", _attributes(match.group(1)).get("ids", ""))
        found = [find_attachment(int(n)) for n in ids if n.isdigit()]
        return "".join(figures.hold(a.url, a.alt, escape(a.caption)) for a in found if a)

    text = GALLERY.sub(gallery, text)
    text = BLURB_MODULE.sub(blurb, text)
    text = BUTTON_MODULE.sub(button, text)
    text = CONTACT_FORM.sub(contact_form, text)

    def caption(match):  # the classic editor's [caption]<img ...> Words[/caption]
        inner = LINKED_IMG.sub(r"\1", match.group(1))
        img = IMG.search(inner)
        words = IMG.sub("", inner).strip()
        return figures.hold_img(img.group(1), words) if img else f"\n\n{words}\n\n"

    text = CAPTION.sub(caption, text)

    def figure(match):  # Gutenberg's image block: <figure><img><figcaption>
        inner = LINKED_IMG.sub(r"\1", match.group(1))
        img = IMG.search(inner)
        words = FIGCAPTION.search(inner)
        words = words.group(1).strip() if words else ""
        if img:
            return figures.hold_img(img.group(1), words)
        # A table, a pullquote: what it holds, its caption a paragraph after it.
        held = FIGCAPTION.sub("", inner)
        return f"\n\n{held}\n\n<p>{words}</p>\n\n" if words else f"\n\n{held}\n\n"

    def embed(match):
        url = escape(match.group(1))
        return f'\n\n<p><a href="{url}">{url}</a></p>\n\n'

    text = EMBED.sub(embed, text)
    text = FIGURE.sub(figure, text)
    text = LINKED_IMG.sub(r"\1", text)  # a picture linked to its own full-size file
    text = IMG.sub(lambda m: figures.hold_img(m.group(1)), text)

    def unknown(match):
        if not match.group(1):
            converted.unknown_shortcodes[match.group(2)] += 1
        return ""

    text = SHORTCODE.sub(unknown, text)
    text = DIV.sub("\n\n", text)
    text = CITE.sub(r"<p>\1</p>", text)
    text = re.sub(r"<(/?)h1\b", r"<\1h2", text, flags=re.I)
    html = sanitize_article_html(figures.put_back(autop(text)))
    converted.html = re.sub(r"<p>\s*</p>", "", html)  # left where a picture split a paragraph
    return converted
