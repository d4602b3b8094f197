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


# The demo team's portraits: (skin, hair colour, hair style, top colour, background, glasses).
PORTRAITS = {
    "Dana Whitfield": ((241, 204, 178), (122, 78, 44), "bob", (11, 93, 87), (222, 235, 240), True),
    "Marcus Oyelaran": (
        (120, 78, 52),
        (30, 24, 22),
        "short",
        (52, 84, 140),
        (240, 228, 210),
        False,
    ),
    "Priya Raman": ((176, 122, 88), (26, 22, 24), "long", (150, 52, 72), (214, 232, 222), False),
    "Lucía Herrera": ((214, 162, 124), (70, 40, 26), "bun", (11, 93, 87), (246, 226, 214), False),
    "Tom Brennan": (
        (236, 194, 170),
        (196, 196, 192),
        "receding",
        (86, 98, 110),
        (226, 232, 214),
        True,
    ),
    "Aisha Kamara": ((98, 62, 44), (22, 18, 18), "curly", (120, 70, 140), (230, 238, 246), False),
    "Kevin Park": ((232, 196, 160), (20, 20, 26), "short", (40, 110, 90), (244, 236, 220), True),
    "Rosa Delgado": (
        (196, 140, 104),
        (52, 30, 22),
        "curly-long",
        (180, 84, 40),
        (220, 236, 236),
        False,
    ),
}


def draw_portrait(name: str, size=(800, 1000)) -> ContentFile:
    """Draw a clinician's head-and-shoulders portrait: their own colours, hair and background,
    with the clinic's name badge. Abstract on purpose: a portrait, not a likeness."""
    skin, hair, style, top, background, glasses = PORTRAITS[name]
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    # A soft disc behind the head, a shade darker than the background.
    shade = tuple(max(0, c - 18) for c in background)
    draw.ellipse([width * 0.08, height * 0.08, width * 0.92, height * 0.78], fill=shade)
    cx, head_top, head_w, head_h = (
        width // 2,
        int(height * 0.24),
        int(width * 0.34),
        int(height * 0.34),
    )
    head = [cx - head_w // 2, head_top, cx + head_w // 2, head_top + head_h]
    darker_skin = tuple(max(0, c - 26) for c in skin)

    # Hair behind the head (long styles fall to the shoulders).
    if style in ("long", "curly-long"):
        draw.rounded_rectangle(
            [head[0] - 40, head_top - 20, head[2] + 40, head_top + head_h + 170], 90, fill=hair
        )
    if style == "bun":
        draw.ellipse([cx - 70, head_top - 110, cx + 70, head_top + 20], fill=hair)

    # Shoulders and top, then the neck and a V of skin at the collar.
    shoulders_top = int(height * 0.66)
    draw.rounded_rectangle([width * 0.1, shoulders_top, width * 0.9, height + 80], 180, fill=top)
    draw.rectangle([cx - 48, head_top + head_h - 40, cx + 48, shoulders_top + 30], fill=darker_skin)
    draw.polygon(
        [(cx - 70, shoulders_top), (cx + 70, shoulders_top), (cx, shoulders_top + 110)],
        fill=darker_skin,
    )
    collar = tuple(min(255, c + 40) for c in top)
    draw.line([(cx - 90, shoulders_top - 4), (cx, shoulders_top + 120)], fill=collar, width=14)
    draw.line([(cx + 90, shoulders_top - 4), (cx, shoulders_top + 120)], fill=collar, width=14)
    # The name badge, in the brand's colours.
    badge = [cx + 110, shoulders_top + 120, cx + 250, shoulders_top + 180]
    draw.rounded_rectangle(badge, 10, fill=TRIM, outline=BRAND, width=4)
    draw.rectangle([badge[0] + 14, badge[1] + 18, badge[2] - 14, badge[1] + 28], fill=BRAND)
    draw.rectangle(
        [badge[0] + 14, badge[1] + 36, badge[2] - 50, badge[1] + 44], fill=(150, 160, 158)
    )

    # Ears, head, then hair on top.
    for x in (head[0] - 16, head[2] - 24):
        draw.ellipse([x, head_top + head_h * 0.42, x + 40, head_top + head_h * 0.62], fill=skin)
    draw.ellipse(head, fill=skin)
    if style in ("short", "bob", "bun", "long"):
        draw.chord(
            [head[0] - 6, head_top - 24, head[2] + 6, head_top + head_h * 0.7], 180, 360, fill=hair
        )
        if style == "bob":
            draw.rounded_rectangle(
                [head[0] - 14, head_top + 40, head[0] + 34, head_top + head_h * 0.8], 20, fill=hair
            )
            draw.rounded_rectangle(
                [head[2] - 34, head_top + 40, head[2] + 14, head_top + head_h * 0.8], 20, fill=hair
            )
    elif style == "receding":
        draw.chord(
            [head[0] - 4, head_top - 6, head[2] + 4, head_top + head_h * 0.5], 200, 340, fill=hair
        )
        for x in (head[0] - 8, head[2] - 22):
            draw.rectangle([x, head_top + 60, x + 30, head_top + head_h * 0.45], fill=hair)
    elif style in ("curly", "curly-long"):
        rng = random.Random(name)  # nosec B311: the same curls each time, not security
        for _ in range(38):
            angle = rng.uniform(math.pi * 1.02, math.pi * 1.98)
            r = rng.uniform(0.48, 0.56)
            x = cx + math.cos(angle) * head_w * r
            y = head_top + head_h * 0.42 + math.sin(angle) * head_h * r
            draw.ellipse([x - 34, y - 34, x + 34, y + 34], fill=hair)

    # A calm, friendly face: brows, eyes, a smile.
    eye_y = head_top + head_h * 0.5
    for side in (-1, 1):
        ex = cx + side * head_w * 0.2
        draw.ellipse([ex - 11, eye_y - 13, ex + 11, eye_y + 13], fill=(40, 32, 30))
        draw.arc(
            [ex - 30, eye_y - 44, ex + 30, eye_y - 14],
            200,
            340,
            fill=hair if style != "receding" else (120, 110, 100),
            width=8,
        )
        if glasses:
            draw.ellipse([ex - 40, eye_y - 34, ex + 40, eye_y + 30], outline=(60, 60, 64), width=7)
    if glasses:
        draw.line(
            [(cx - head_w * 0.2 + 40, eye_y - 6), (cx + head_w * 0.2 - 40, eye_y - 6)],
            fill=(60, 60, 64),
            width=7,
        )
    draw.arc([cx - 22, eye_y + 10, cx + 10, eye_y + 60], 90, 150, fill=darker_skin, width=6)  # nose
    draw.arc([cx - 56, eye_y + 40, cx + 56, eye_y + 110], 20, 160, fill=(150, 62, 60), width=9)
    cheek = tuple(min(255, c + 8) for c in (skin[0] + 10, skin[1] - 10, skin[2] - 6))
    for side in (-1, 1):
        x = cx + side * head_w * 0.3
        draw.ellipse([x - 24, eye_y + 40, x + 24, eye_y + 70], fill=cheek)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="portrait.jpeg")


def draw_signed_form(name: str) -> ContentFile:
    """A demo consent form as a one-page PDF (a drawn page: no patient signed it)."""
    page = Image.new("RGB", (850, 1100), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=28)
    draw.text(
        (70, 70), "Consent to share my story (DEMO: not a real form)", font=font, fill=(0, 0, 0)
    )
    for row in range(14):
        draw.line(
            [(70, 170 + row * 44), (780 - (row % 3) * 90, 170 + row * 44)],
            fill=(190, 190, 190),
            width=3,
        )
    draw.text((70, 860), f"Signed: {name}", font=font, fill=(0, 0, 0))
    draw.line([(70, 930), (450, 930)], fill=(0, 0, 0), width=2)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return ContentFile(buffer.getvalue(), name="signed-form.pdf")
