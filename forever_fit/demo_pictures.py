"""Pictures for the demo content, drawn with Pillow: the project never fetches an image."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

SKY = (214, 232, 236)
GRASS = (118, 156, 112)
BRICK = (176, 112, 86)
TRIM = (245, 241, 232)
GLASS = (126, 164, 181)
BRAND = (11, 93, 87)


def draw_clinic_photo(town: str, size=(1200, 800)) -> ContentFile:
    """Draw a clinic's entrance: a brick front, windows, a glass door and a sign with the town."""
    width, height = size
    rng = random.Random(town)  # the same town always gets the same picture
    image = Image.new("RGB", size, SKY)
    draw = ImageDraw.Draw(image)
    ground = int(height * 0.82)
    draw.rectangle([0, ground, width, height], fill=GRASS)
    draw.rectangle([0, ground - 10, width, ground + 40], fill=(160, 160, 156))  # sidewalk

    left, right, top = int(width * 0.08), int(width * 0.92), int(height * 0.18)
    draw.rectangle([left, top, right, ground], fill=BRICK)
    draw.rectangle([left - 20, top - 30, right + 20, top], fill=TRIM)  # cornice

    sign_top = top + 40
    draw.rectangle([width * 0.3, sign_top, width * 0.7, sign_top + 90], fill=BRAND)
    font = ImageFont.load_default(size=44)
    label = f"Forever Fit · {town}"
    text_width = draw.textlength(label, font=font)
    draw.text(((width - text_width) / 2, sign_top + 20), label, font=font, fill=(255, 255, 255))

    window_top = sign_top + 140
    for column in range(4):
        x = left + 60 + column * (right - left - 120) // 4 + (60 if column >= 2 else 0)
        if column in (1, 2):
            continue  # the door stands where the middle windows would be
        draw.rectangle(
            [x, window_top, x + 150, window_top + 200], fill=GLASS, outline=TRIM, width=10
        )
    door_left = width // 2 - 90
    draw.rectangle(
        [door_left, window_top, door_left + 180, ground], fill=GLASS, outline=TRIM, width=12
    )
    draw.line([width // 2, window_top, width // 2, ground], fill=TRIM, width=6)
    # A planter or two, placed a little differently for each town.
    for x in (left + rng.randint(20, 60), right - rng.randint(100, 140)):
        draw.rectangle([x, ground - 70, x + 80, ground], fill=(90, 90, 88))
        draw.ellipse([x - 15, ground - 140, x + 95, ground - 50], fill=(72, 120, 70))

    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=80)
    return ContentFile(buffer.getvalue())


def draw_article_picture(seed: str, *, walker: bool = False, size=(1600, 900)) -> ContentFile:
    """Draw a calm abstract picture (or a person walking heel to toe) for an article."""
    width, height = size
    rng = random.Random(seed)
    top, bottom = (226, 238, 235), (190, 215, 210)
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a soft vertical gradient
        mix = y / height
        draw.line(
            [0, y, width, y],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(7):
        r = rng.randint(80, 260)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = rng.choice([(11, 93, 87), (179, 64, 27), (118, 156, 112), (245, 241, 232)])
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=14)
    if walker:
        ground = int(height * 0.8)
        draw.line([200, ground, width - 200, ground], fill=BRAND, width=10)
        x = width // 2
        draw.ellipse([x - 45, ground - 470, x + 45, ground - 380], fill=BRAND)  # head
        draw.line([x, ground - 380, x, ground - 190], fill=BRAND, width=26)  # body
        draw.line([x, ground - 340, x - 160, ground - 290], fill=BRAND, width=20)  # arms out
        draw.line([x, ground - 340, x + 160, ground - 290], fill=BRAND, width=20)
        draw.line([x, ground - 190, x - 40, ground], fill=BRAND, width=22)  # legs, one ahead
        draw.line([x, ground - 190, x + 50, ground], fill=BRAND, width=22)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue())
