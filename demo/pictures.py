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


# Each demo clinic's front: (building, wall, trim, door, sky, season). Not one building with the
# sign changed: a brick main street, a clapboard house, a glass storefront, a stone building, a
# stucco front, each in its own season.
CLINIC_FRONTS = {
    "Severna Park": (
        "clapboard",
        (226, 232, 236),
        (255, 255, 255),
        (40, 84, 110),
        (200, 226, 240),
        "summer",
    ),
    "Frederick": ("brick", (168, 92, 70), (242, 236, 222), (38, 66, 60), (222, 214, 200), "autumn"),
    "Crofton": (
        "glass",
        (92, 104, 112),
        (210, 216, 220),
        (126, 164, 181),
        (214, 232, 236),
        "spring",
    ),
    "Bowie": ("stone", (170, 166, 156), (236, 232, 222), (120, 40, 36), (206, 214, 222), "winter"),
    "Gaithersburg": (
        "stucco",
        (236, 214, 176),
        (250, 246, 236),
        (11, 93, 87),
        (246, 222, 196),
        "summer",
    ),
}
SEASON_LEAVES = {
    "spring": [(242, 176, 196), (250, 206, 220)],
    "summer": [(72, 130, 78), (96, 150, 90)],
    "autumn": [(214, 120, 48), (190, 78, 40), (232, 170, 64)],
    "winter": [],
}


def draw_clinic_photo(town: str, size=(1200, 800)) -> ContentFile:
    """Draw a clinic's front in its own style and season, the sign and door in the middle
    square (a phone's card crops to it). Drawn at 1200 x 800, then scaled to `size`."""
    requested, size = size, (1200, 800)
    width, height = size
    style, wall, trim, door, sky, season = CLINIC_FRONTS.get(
        town, ("brick", BRICK, TRIM, GLASS, SKY, "summer")
    )
    # The same town always gets the same picture: decoration, not security (bandit B311).
    rng = random.Random(town)  # nosec B311
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    ground = int(height * 0.82)
    snow = season == "winter"
    draw.rectangle([0, ground, width, height], fill=(240, 242, 244) if snow else GRASS)
    draw.rectangle([0, ground - 8, width, ground + 36], fill=(168, 168, 162))  # sidewalk

    left, right = int(width * 0.12), int(width * 0.88)
    top = int(height * (0.30 if style in ("clapboard", "stone") else 0.20))
    draw.rectangle([left, top, right, ground], fill=wall)
    if style == "clapboard":  # siding lines and a gabled roof
        for y in range(top + 24, ground, 24):
            draw.line([left, y, right, y], fill=tuple(c - 16 for c in wall), width=2)
        for x in (left + 60, right - 210):  # shuttered windows
            draw.rectangle([x, top + 170, x + 150, top + 330], fill=GLASS, outline=trim, width=10)
            for shutter in (x - 34, x + 154):
                draw.rectangle([shutter, top + 170, shutter + 30, top + 330], fill=door)
        roof = (64, 70, 78)
        draw.polygon(
            [(left - 40, top), (width // 2, int(height * 0.06)), (right + 40, top)], fill=roof
        )
    elif style == "stone":  # blocks and a low pitched roof, snow on it
        for row, y in enumerate(range(top, ground, 40)):
            for x in range(left + (row % 2) * 45, right, 90):
                draw.rectangle(
                    [x, y, min(x + 86, right), min(y + 36, ground)],
                    outline=tuple(c - 22 for c in wall),
                    width=3,
                )
        draw.polygon(
            [(left - 30, top), (width // 2, int(height * 0.12)), (right + 30, top)],
            fill=(96, 70, 64),
        )
        if snow:
            draw.polygon(
                [
                    (left - 30, top),
                    (width // 2, int(height * 0.12)),
                    (right + 30, top),
                    (right + 10, top - 12),
                    (width // 2, int(height * 0.14)),
                    (left - 10, top - 12),
                ],
                fill=(250, 250, 252),
            )
    elif style == "glass":  # a modern front: a dark frame around tall glass, an awning
        draw.rectangle([left, top, right, top + 50], fill=trim)
        for x in range(left + 30, right - 30, 170):
            draw.rectangle([x, top + 110, x + 140, ground - 10], fill=door, outline=wall, width=8)
        draw.polygon(
            [
                (left + 80, top + 100),
                (right - 80, top + 100),
                (right - 40, top + 150),
                (left + 40, top + 150),
            ],
            fill=BRAND,
        )
    elif style == "stucco":  # a cream front with arched windows and a tiled cornice
        draw.rectangle([left - 20, top - 24, right + 20, top], fill=(176, 96, 64))
        for x in (left + 60, right - 220):
            draw.rectangle([x, top + 200, x + 160, top + 360], fill=GLASS, outline=trim, width=10)
            draw.pieslice(
                [x, top + 120, x + 160, top + 280], 180, 360, fill=GLASS, outline=trim, width=10
            )
    else:  # brick: a main-street front with a cornice and two windows
        draw.rectangle([left - 20, top - 30, right + 20, top], fill=trim)
        for x in (left + 60, right - 210):
            draw.rectangle([x, top + 200, x + 150, top + 380], fill=GLASS, outline=trim, width=10)

    # The sign and the door in the middle third: what a square crop keeps.
    sign_w, sign_top = int(width * 0.36), top + (70 if style != "glass" else 20)
    sign = [width // 2 - sign_w // 2, sign_top, width // 2 + sign_w // 2, sign_top + 104]
    draw.rounded_rectangle(sign, 12, fill=BRAND, outline=trim, width=4)
    big, small = ImageFont.load_default(size=44), ImageFont.load_default(size=30)
    for text, font, y in (("Forever Fit", big, sign_top + 12), (town, small, sign_top + 62)):
        draw.text(
            ((width - draw.textlength(text, font=font)) / 2, y),
            text,
            font=font,
            fill=(255, 255, 255),
        )
    if style != "glass":
        door_top = sign_top + 150
        draw.rectangle(
            [width // 2 - 85, door_top, width // 2 + 85, ground], fill=door, outline=trim, width=10
        )
        draw.rectangle(
            [width // 2 - 60, door_top + 25, width // 2 + 60, door_top + 150], fill=GLASS
        )

    # Trees at the sides in the town's season; a bench or a bike rack.
    for x in (int(width * 0.05), int(width * 0.95)):
        draw.rectangle([x - 12, ground - 200, x + 12, ground], fill=(96, 72, 56))
        leaves = SEASON_LEAVES[season]
        if leaves:
            for _ in range(14):
                cx, cy = x + rng.randint(-90, 90), ground - 260 + rng.randint(-70, 60)
                r = rng.randint(40, 70)
                draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rng.choice(leaves))
        else:  # bare branches
            for angle in (-0.9, -0.5, 0.5, 0.9):
                draw.line(
                    [x, ground - 180, x + int(120 * math.sin(angle)), ground - 320],
                    fill=(96, 72, 56),
                    width=8,
                )
    bench_x = right - 200 if rng.random() < 0.5 else left + 40
    draw.rectangle([bench_x, ground - 50, bench_x + 140, ground - 36], fill=(110, 80, 60))
    for leg in (bench_x + 10, bench_x + 120):
        draw.rectangle([leg, ground - 36, leg + 10, ground], fill=(60, 60, 60))
    if snow:
        for _ in range(160):
            fx, fy = rng.randint(0, width), rng.randint(0, ground)
            draw.ellipse([fx, fy, fx + 6, fy + 6], fill=(255, 255, 255))
    if requested != size:
        image = image.resize(requested, Image.Resampling.LANCZOS)

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
    "lifting": "A drawing of a person lifting a box with bent knees and a straight back",
    "heel": "A drawing of a foot from the side, the band under the arch and the heel highlighted",
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


def _heel(draw, width, height, rng):
    """A bare foot from the side, the plantar fascia (heel to the ball of the foot) highlighted."""
    ground = int(height * 0.80)
    draw.line([width * 0.12, ground + 24, width * 0.88, ground + 24], fill=ACCENT, width=8)
    # The lower leg, coming down to the ankle.
    draw.rounded_rectangle(
        [width * 0.33, height * 0.08, width * 0.43, ground - 150], radius=40, fill=BRAND
    )
    # The foot: heel, arch lifted off the ground, ball, and the top of the foot to the toes.
    foot = [
        (width * 0.33, ground - 190),
        (width * 0.31, ground - 90),
        (width * 0.32, ground - 20),
        (width * 0.36, ground + 4),
        (width * 0.42, ground - 6),
        (width * 0.50, ground - 34),  # the arch
        (width * 0.60, ground - 8),
        (width * 0.70, ground + 4),  # the ball of the foot
        (width * 0.74, ground - 40),
        (width * 0.62, ground - 90),
        (width * 0.47, ground - 160),
        (width * 0.43, ground - 200),
    ]
    draw.polygon(foot, fill=BRAND)
    draw.ellipse([width * 0.30, ground - 80, width * 0.40, ground + 4], fill=BRAND)  # the heel
    scale = width / 1600
    for i, size in enumerate((80, 64, 58, 52, 46)):  # the toes, the big toe in front
        size *= scale
        x, y = width * 0.735 - i * 30 * scale, ground - size / 2 - i * 12 * scale
        draw.ellipse([x - size / 2, y - size / 2, x + size / 2, y + size / 2], fill=BRAND)
    draw.line(
        [
            (width * 0.34, ground - 14),
            (width * 0.42, ground - 22),
            (width * 0.50, ground - 46),
            (width * 0.60, ground - 22),
            (width * 0.69, ground - 8),
        ],
        fill=ACCENT,
        width=16,
        joint="curve",
    )
    x, y = width * 0.35, ground - 24
    draw.ellipse([x - 40, y - 40, x + 40, y + 40], outline=ACCENT, width=12)  # the sore heel


def _rings(draw, width, height, rng):
    for _ in range(4):
        r = rng.randint(120, 260)
        x, y = rng.randint(r, width - r), rng.randint(r, height - r)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=rng.choice([BRAND, ACCENT]), width=16)


def _lifting(draw, width, height, rng):
    """Someone lifting a box the kind way: knees bent, back straight, the box close."""
    ground = int(height * 0.88)
    hip, knee, foot = (
        (width * 0.47, height * 0.58),
        (width * 0.56, height * 0.70),
        (width * 0.52, ground),
    )
    shoulder, head = (width * 0.44, height * 0.34), (width * 0.443, height * 0.25)

    def limb(a, b, thickness, colour=BRAND):
        draw.line([a, b], fill=colour, width=thickness)
        for x, y in (a, b):
            draw.ellipse(
                [x - thickness / 2, y - thickness / 2, x + thickness / 2, y + thickness / 2],
                fill=colour,
            )

    draw.line([width * 0.2, ground + 20, width * 0.8, ground + 20], fill=ACCENT, width=8)
    limb(hip, knee, 44)
    limb(knee, foot, 40)
    limb((foot[0] - 10, ground), (foot[0] + 60, ground), 26)
    limb(shoulder, hip, 70)  # a straight back
    box = [width * 0.53, height * 0.42, width * 0.66, height * 0.60]
    draw.rounded_rectangle(box, 10, fill=(214, 170, 110), outline=(150, 110, 60), width=6)
    draw.line(
        [box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2], fill=(150, 110, 60), width=5
    )
    limb(shoulder, (box[0] + 20, box[1] + 30), 32)
    draw.ellipse([head[0] - 48, head[1] - 48, head[0] + 48, head[1] + 48], fill=BRAND)
    # The lower back, kept straight: highlighted as the spine's lower back is.
    draw.arc([hip[0] - 70, hip[1] - 110, hip[0] + 30, hip[1] + 10], 120, 240, fill=ACCENT, width=10)


SUBJECTS = {
    "back-pain": _spine,
    "lifting": _lifting,
    "heel": _heel,
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


def draw_care_scene(size=(1600, 900)) -> ContentFile:
    """The home page's picture: a therapist guiding a patient's knee on a treatment table, in
    the portraits' flat style (round-capped limbs, the site's colours)."""
    width, height = size
    image = Image.new("RGB", size, TINT_TOP)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a soft vertical tint
        mix = y / height
        colour = tuple(int(a + (b - a) * mix) for a, b in zip(TINT_TOP, TINT_BOTTOM, strict=True))
        draw.line([0, y, width, y], fill=colour)
    draw.ellipse([width * 0.52, -height * 0.2, width * 1.1, height * 0.75], fill=(214, 234, 228))
    draw.ellipse([-width * 0.1, height * 0.45, width * 0.3, height * 1.2], fill=(246, 226, 214))
    floor = int(height * 0.86)
    draw.rectangle([0, floor, width, height], fill=(188, 212, 206))

    def limb(points, thickness, colour):
        draw.line(points, fill=colour, width=thickness, joint="curve")
        for x, y in (points[0], points[-1]):
            r = thickness // 2
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)

    # The treatment table.
    table_top = int(height * 0.62)
    draw.rounded_rectangle(
        [width * 0.14, table_top, width * 0.62, table_top + 46], 22, fill=(70, 84, 92)
    )
    for x in (width * 0.18, width * 0.56):
        draw.rectangle([x, table_top + 46, x + 22, floor], fill=(110, 122, 128))
    # The patient, lying on the table, one knee bent up, arms relaxed.
    skin, shirt, trousers = (196, 140, 104), (232, 170, 64), (52, 84, 140)
    head = (int(width * 0.19), table_top - 58)
    draw.ellipse([head[0] - 58, head[1] - 58, head[0] + 58, head[1] + 58], fill=skin)
    draw.chord(
        [head[0] - 62, head[1] - 64, head[0] + 62, head[1] + 40], 150, 330, fill=(52, 30, 22)
    )
    hip = (int(width * 0.40), table_top - 40)
    limb([(head[0] + 60, table_top - 44), hip], 92, shirt)  # the body
    knee, foot = (int(width * 0.49), table_top - 190), (int(width * 0.58), table_top - 34)
    limb([hip, knee], 64, trousers)
    limb([knee, foot], 56, trousers)
    limb(
        [hip, (int(width * 0.60), table_top - 30)], 60, tuple(c - 14 for c in trousers)
    )  # other leg
    draw.ellipse(
        [foot[0] - 10, foot[1] - 30, foot[0] + 60, foot[1] + 24], fill=(240, 240, 236)
    )  # sock
    limb([(int(width * 0.28), table_top - 40), (int(width * 0.34), table_top - 4)], 34, skin)  # arm

    # The therapist, standing at the knee, one hand on it, one under the heel.
    scrubs = BRAND
    t_skin, t_hair = (120, 78, 52), (30, 24, 22)
    t_head = (int(width * 0.66), int(height * 0.20))
    shoulder = (t_head[0] - 10, t_head[1] + 120)
    t_hip = (t_head[0] + 10, int(height * 0.60))
    limb([shoulder, t_hip], 130, scrubs)  # the body
    limb([t_hip, (t_head[0] - 30, floor - 10)], 66, tuple(c - 20 for c in scrubs))
    limb([t_hip, (t_head[0] + 60, floor - 10)], 66, tuple(c - 20 for c in scrubs))
    limb([shoulder, (knee[0] + 60, knee[1] + 10), (knee[0] + 14, knee[1] - 6)], 40, scrubs)
    limb(
        [
            (shoulder[0] + 30, shoulder[1] + 40),
            (foot[0] + 60, foot[1] - 90),
            (foot[0] + 40, foot[1] - 20),
        ],
        40,
        scrubs,
    )
    for hand in ((knee[0] + 10, knee[1] - 8), (foot[0] + 40, foot[1] - 22)):
        draw.ellipse([hand[0] - 24, hand[1] - 24, hand[0] + 24, hand[1] + 24], fill=t_skin)
    draw.rectangle(
        [t_head[0] - 26, t_head[1] + 40, t_head[0] + 26, shoulder[1]], fill=t_skin
    )  # neck
    draw.ellipse([t_head[0] - 70, t_head[1] - 76, t_head[0] + 70, t_head[1] + 76], fill=t_skin)
    draw.chord(
        [t_head[0] - 74, t_head[1] - 90, t_head[0] + 74, t_head[1] + 30], 180, 360, fill=t_hair
    )
    badge = [shoulder[0] + 10, shoulder[1] + 60, shoulder[0] + 62, shoulder[1] + 90]
    draw.rounded_rectangle(badge, 6, fill=TRIM)
    # A resistance band and a ball by the table: the work of a session.
    draw.ellipse([width * 0.80, floor - 150, width * 0.80 + 150, floor], fill=ACCENT)
    draw.arc(
        [width * 0.80 + 20, floor - 130, width * 0.80 + 130, floor - 20],
        200,
        340,
        fill=(255, 255, 255),
        width=8,
    )

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="care.jpeg")
