"""Pictures for the demo content, drawn with Pillow: the project never fetches an image."""

import io
import math
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
    # The same town always gets the same picture: decoration, not security (bandit B311).
    rng = random.Random(town)  # nosec B311
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
    # Named: Django stores an image's width and height only for a file with a name, and
    # without them every page showing the picture would open the file to measure it.
    return ContentFile(buffer.getvalue(), name="clinic.webp")


ACCENT = (179, 64, 27)
TINT_TOP, TINT_BOTTOM = (232, 242, 239), (198, 222, 216)

# What each demo topic's picture shows, for its alt text; the drawing is SUBJECTS[slug].
SUBJECT_DESCRIPTIONS = {
    "back-pain": "A drawing of a spine, its lower back highlighted",
    "neck-shoulder": "A drawing of a head and shoulders, the neck highlighted",
    "knee-hip": "A drawing of a leg from hip to foot, the knee highlighted",
    "sports-injuries": "A drawing of a foot and ankle beside a ball, the ankle highlighted",
    "after-surgery": "A drawing of a straight leg with a bandage around the knee",
    "balance-falls": "A drawing of a person walking heel to toe along a line, arms out",
}


def draw_topic_picture(slug: str, *, seed: str = "", size=(1600, 900)) -> ContentFile:
    """Draw a topic's subject (a spine, a knee...) on soft shapes in the site's colours.

    The same slug always gives the same subject; the seed moves the background shapes, so the
    articles of one topic look related but not identical.
    """
    width, height = size
    # Repeatable decoration, not security (bandit B311).
    rng = random.Random(slug + seed)  # nosec B311
    image = Image.new("RGB", size, TINT_TOP)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a soft vertical gradient
        mix = y / height
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(TINT_TOP, TINT_BOTTOM, strict=True))
        draw.line([0, y, width, y], fill=colour)
    for _ in range(5):
        r = rng.randint(90, 240)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shade = rng.choice([(255, 255, 255), (213, 232, 227), (244, 225, 215)])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=shade)
    SUBJECTS.get(slug, _rings)(draw, width, height, rng)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="picture.jpeg")  # named: see draw_clinic_photo


def _spine(draw, width, height, rng):
    cx, top, bottom = width // 2, int(height * 0.1), int(height * 0.9)
    count = 10
    step = (bottom - top) / count
    for n in range(count):
        y = top + n * step
        x = cx + int(70 * math.sin(n / (count - 1) * math.pi * 1.5 - 0.6))
        w = 110 + n * 9  # vertebrae grow towards the lower back
        colour = ACCENT if n in (7, 8) else BRAND
        draw.rounded_rectangle([x - w // 2, y, x + w // 2, y + step * 0.72], radius=18, fill=colour)
        draw.rounded_rectangle(
            [x - w // 2 - 28, y + step * 0.2, x + w // 2 + 28, y + step * 0.45],
            radius=10,
            fill=colour,
        )  # the side processes


def _neck_shoulder(draw, width, height, rng):
    cx = width // 2
    draw.ellipse([cx - 130, 110, cx + 130, 400], fill=BRAND)  # head
    draw.rounded_rectangle([cx - 60, 360, cx + 60, 520], radius=20, fill=BRAND)  # neck
    draw.pieslice([cx - 420, 470, cx + 420, 1250], 180, 360, fill=BRAND)  # shoulders
    draw.arc([cx - 150, 330, cx + 150, 640], 200, 340, fill=ACCENT, width=22)  # where it hurts


def _leg(draw, width, height, *, bent=True):
    hip, knee = (width // 2 - 160, 140), (width // 2 + (60 if bent else -120), 470)
    ankle = (width // 2 - 140, 780)
    draw.line([hip, knee], fill=BRAND, width=95)
    draw.line([knee, ankle], fill=BRAND, width=75)
    draw.polygon(
        [
            (ankle[0] - 40, ankle[1] - 30),
            (ankle[0] + 190, ankle[1] + 20),
            (ankle[0] + 190, ankle[1] + 70),
            (ankle[0] - 50, ankle[1] + 70),
        ],
        fill=BRAND,
    )
    draw.ellipse([hip[0] - 70, hip[1] - 70, hip[0] + 70, hip[1] + 70], fill=BRAND)
    return knee


def _knee_hip(draw, width, height, rng):
    knee = _leg(draw, width, height)
    draw.ellipse([knee[0] - 75, knee[1] - 75, knee[0] + 75, knee[1] + 75], outline=ACCENT, width=22)


def _sports(draw, width, height, rng):
    cx, ankle = width // 2 - 120, (width // 2 - 120, 620)
    draw.line([(cx - 40, 80), ankle], fill=BRAND, width=90)  # shin
    draw.polygon(
        [
            (ankle[0] - 60, ankle[1] - 40),
            (ankle[0] + 280, ankle[1] + 90),
            (ankle[0] + 280, ankle[1] + 170),
            (ankle[0] - 70, ankle[1] + 170),
        ],
        fill=BRAND,
    )
    draw.ellipse(
        [ankle[0] - 85, ankle[1] - 85, ankle[0] + 85, ankle[1] + 85], outline=ACCENT, width=22
    )
    bx, by, r = width // 2 + 380, 640, 150  # a ball
    draw.ellipse([bx - r, by - r, bx + r, by + r], fill=(255, 255, 255), outline=BRAND, width=16)
    draw.arc([bx - r, by - r // 2, bx + r, by + r * 2], 200, 340, fill=BRAND, width=12)
    draw.arc([bx - r, by - r * 2, bx + r, by + r // 2], 20, 160, fill=BRAND, width=12)


def _after_surgery(draw, width, height, rng):
    knee = _leg(draw, width, height, bent=False)
    draw.rounded_rectangle(
        [knee[0] - 90, knee[1] - 60, knee[0] + 90, knee[1] + 60],
        radius=20,
        fill=(255, 255, 255),
        outline=ACCENT,
        width=12,
    )  # the bandage
    draw.line([knee[0] - 30, knee[1], knee[0] + 30, knee[1]], fill=ACCENT, width=14)
    draw.line([knee[0], knee[1] - 30, knee[0], knee[1] + 30], fill=ACCENT, width=14)


def _balance(draw, width, height, rng):
    ground = int(height * 0.85)
    draw.line([200, ground, width - 200, ground], fill=ACCENT, width=12)
    x = width // 2
    draw.ellipse([x - 55, ground - 640, x + 55, ground - 530], fill=BRAND)  # head
    draw.line([x, ground - 530, x, ground - 270], fill=BRAND, width=34)  # body
    draw.line([x, ground - 470, x - 230, ground - 400], fill=BRAND, width=26)  # arms out
    draw.line([x, ground - 470, x + 230, ground - 400], fill=BRAND, width=26)
    draw.line([x, ground - 270, x - 50, ground], fill=BRAND, width=30)  # heel to toe
    draw.line([x, ground - 270, x + 60, ground], fill=BRAND, width=30)


def _rings(draw, width, height, rng):
    for _ in range(4):
        r = rng.randint(120, 260)
        x, y = rng.randint(r, width - r), rng.randint(r, height - r)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=rng.choice([BRAND, ACCENT]), width=16)


SUBJECTS = {
    "back-pain": _spine,
    "neck-shoulder": _neck_shoulder,
    "knee-hip": _knee_hip,
    "sports-injuries": _sports,
    "after-surgery": _after_surgery,
    "balance-falls": _balance,
}
