"""A WordPress post body as our editor keeps it: page-builder shortcodes unwrapped, WordPress's
automatic paragraphs made real, <h1> demoted, then the admin editor's own sanitizing."""

import re
from collections import Counter
from dataclasses import dataclass, field

from articles.html import sanitize_article_html

# Divi's layout wrappers carry no content of their own.
LAYOUT = re.compile(r"\[/?et_pb_(?:section|row|row_inner|column|column_inner)\b[^\]]*\]")
TEXT_MODULE = re.compile(r"\[et_pb_text\b[^\]]*\](.*?)\[/et_pb_text\]", re.S)
IMAGE_MODULE = re.compile(r"\[et_pb_image\b([^\]]*)\](?:\[/et_pb_image\])?")
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.S)
# [name], [/name] or [name key="value" ...]: not "[see below]" or "[Note: ...]" in the prose.
SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)(?:\s+[^\]]*=[^\]]*)?\]")
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*-->")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
BLOCK_TAGS = r"(?:p|h[1-6]|ul|ol|li|blockquote|figure|figcaption|div|table|pre|hr)"
STARTS_BLOCK = re.compile(rf"^\s*</?{BLOCK_TAGS}\b", re.I)


@dataclass
class Converted:
    html: str
    images: list[dict] = field(default_factory=list)  # src and alt, for the caller to copy
    unknown_shortcodes: Counter = field(default_factory=Counter)


def _image(attributes: str) -> dict:
    values = dict(ATTRIBUTE.findall(attributes))
    return {"src": values.get("src", ""), "alt": values.get("alt", "")}


def autop(text: str) -> str:
    """WordPress's wpautop, the part that matters: blank lines end paragraphs, single line
    breaks inside one become <br>, block elements stay as they are."""
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if c.strip()]
    return "\n".join(
        chunk if STARTS_BLOCK.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
    )


def convert_body(body: str) -> Converted:
    converted = Converted(html="")
    text = BLOCK_COMMENT.sub("", body)
    text = LAYOUT.sub("\n\n", text)
    text = TEXT_MODULE.sub(lambda m: "\n\n" + m.group(1) + "\n\n", text)

    def image_module(match):
        converted.images.append(_image(match.group(1)))
        return f"\n\n<!--image {len(converted.images) - 1}-->\n\n"

    text = IMAGE_MODULE.sub(image_module, text)

    def caption(match):
        inner = match.group(1)
        img = re.search(r"<img\b([^>]*)>", inner)
        if img:
            converted.images.append(_image(img.group(1)))
        words = re.sub(r"<img\b[^>]*>", "", re.sub(r"</?a\b[^>]*>", "", inner)).strip()
        return f"\n\n<!--image {len(converted.images) - 1}-->\n\n<p>{words}</p>\n\n"

    text = CAPTION.sub(caption, text)

    def unknown(match):
        if not match.group(1):
            converted.unknown_shortcodes[match.group(2)] += 1
        return ""

    text = SHORTCODE.sub(unknown, text)
    text = re.sub(r"<(/?)h1\b", r"<\1h2", text, flags=re.I)
    converted.html = sanitize_article_html(autop(text))
    return converted
