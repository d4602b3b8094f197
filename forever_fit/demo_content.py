"""Demo content for a fresh site: five clinics, their hours, authors, topics and articles.

All text is our own writing. Addresses and phone numbers are plausible demo data (555-01xx numbers
are reserved for fiction); staff replace them in the admin. Loading is idempotent: an object that
already exists (by slug) is left exactly as it is, so staff edits survive a second run.
"""

from datetime import time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author, Topic
from locations.models import Clinic, OpeningHours

MON, TUE, WED, THU, FRI, SAT = range(6)

CLINICS = [
    {
        "name": "Severna Park",
        "street_address": "570 Ritchie Highway, Suite 210",
        "city": "Severna Park",
        "postal_code": "21146",
        "phone": "+14105550142",
        "latitude": "39.07710",
        "longitude": "-76.55050",
        "parking_notes": "Free parking in front of the building. The side entrance has a ramp and "
        "an automatic door; the elevator is on the left.",
        # Long weekdays, Saturday mornings.
        "hours": [(d, "07:00", "19:00") for d in (MON, TUE, WED, THU)]
        + [(FRI, "07:00", "16:00"), (SAT, "08:00", "12:00")],
    },
    {
        "name": "Frederick",
        "street_address": "1450 West Patrick Street",
        "city": "Frederick",
        "postal_code": "21702",
        "phone": "+13015550117",
        "latitude": "39.41020",
        "longitude": "-77.43830",
        "parking_notes": "Parking lot shared with the shopping center; two accessible spaces by "
        "our door. Step-free entrance.",
        # A split day on Wednesday: the team meets over lunch.
        "hours": [(d, "07:30", "18:30") for d in (MON, TUE, THU)]
        + [(WED, "07:30", "12:00"), (WED, "13:00", "19:00"), (FRI, "07:30", "15:30")],
    },
    {
        "name": "Crofton",
        "street_address": "1643 Crofton Centre",
        "city": "Crofton",
        "postal_code": "21114",
        "phone": "+14105550163",
        "latitude": "39.00420",
        "longitude": "-76.68610",
        "parking_notes": "Free parking at the door. Ground floor, no steps.",
        "hours": [(d, "08:00", "19:00") for d in (MON, TUE, WED, THU)]
        + [(FRI, "08:00", "14:00"), (SAT, "09:00", "13:00")],
    },
    {
        "name": "Bowie",
        "street_address": "4330 Northview Drive, Suite 105",
        "city": "Bowie",
        "postal_code": "20716",
        "phone": "+13015550128",
        "latitude": "38.94680",
        "longitude": "-76.73350",
        "parking_notes": "Covered parking behind the building; the rear entrance is step-free "
        "and closest to our suite.",
        "hours": [(d, "07:00", "18:00") for d in (MON, TUE, WED, THU, FRI)],
    },
    {
        "name": "Gaithersburg",
        "street_address": "655 Quince Orchard Road",
        "city": "Gaithersburg",
        "postal_code": "20878",
        "phone": "+13015550186",
        "latitude": "39.11720",
        "longitude": "-77.23400",
        "parking_notes": "Free surface parking. Accessible spaces and a curb cut by the main door.",
        "hours": [(d, "07:00", "20:00") for d in (MON, WED)]
        + [(d, "08:00", "17:00") for d in (TUE, THU, FRI)]
        + [(SAT, "08:00", "12:00")],
    },
]

TOPICS = [
    ("Back Pain", "back-pain", "Low back pain, sciatica and how to keep your back moving."),
    ("Neck & Shoulder", "neck-shoulder", "Stiff necks, sore shoulders and the habits behind them."),
    ("Knee & Hip", "knee-hip", "Knee and hip pain, arthritis and getting back to walking."),
    ("Sports Injuries", "sports-injuries", "Sprains, strains and a safe return to your sport."),
    ("After Surgery", "after-surgery", "Preparing for surgery and recovering well afterwards."),
    ("Balance & Falls", "balance-falls", "Dizziness, steadiness and staying on your feet."),
]

AUTHORS = [
    {
        "name": "Dana Whitfield",
        "credentials": "PT, DPT, OCS",
        "bio": "Dana leads our Severna Park clinic. She is a board-certified orthopaedic "
        "specialist who mostly treats back and neck pain.",
    },
    {
        "name": "Marcus Oyelaran",
        "credentials": "PT, DPT",
        "bio": "Marcus works in Bowie and Crofton with people recovering from joint surgery.",
    },
    {
        "name": "Priya Raman",
        "credentials": "PT, DPT, SCS",
        "bio": "Priya is a sports clinical specialist in Gaithersburg who treats runners, "
        "weekend athletes and school teams.",
    },
]

# (slug, title, topic slug, author name, days since publication, summary); each body is
# demo_articles/<slug>.html. A negative day count schedules the article in the future.
ARTICLE_BODIES = Path(__file__).resolve().parent / "demo_articles"
ARTICLES = [
    (
        "physical-therapy-for-sciatica",
        "Physical therapy for sciatica: what your visits will look like",
        "back-pain",
        "Dana Whitfield",
        3,
        "Sciatica usually gets better without surgery. Here is how a physical therapist works "
        "out what is pressing on the nerve, which treatments help, and how long recovery takes.",
    ),
    (
        "lifting-without-hurting-your-back",
        "Lifting without hurting your back",
        "back-pain",
        "Dana Whitfield",
        18,
        "Bending is not bad for your back, but a few habits make lifting much kinder to it. "
        "Five practical tips for groceries, grandchildren and garden bags.",
    ),
    (
        "desk-neck-small-changes",
        "Desk neck: small changes for a sore neck at work",
        "neck-shoulder",
        "Dana Whitfield",
        27,
        "Hours at a screen can leave the neck and shoulders stiff and sore. These small changes "
        "to your desk and your day make a real difference.",
    ),
    (
        "runners-knee-what-helps",
        "Runner’s knee: why the front of your knee hurts and what helps",
        "knee-hip",
        "Priya Raman",
        40,
        "Pain around the kneecap is common in runners and in people who climb stairs a lot. "
        "Most of it settles with smarter training and stronger hips.",
    ),
    (
        "ankle-sprain-back-on-your-feet",
        "Ankle sprains: getting back on your feet safely",
        "sports-injuries",
        "Priya Raman",
        55,
        "A sprained ankle that is not fully rehabilitated often sprains again. Here is how to "
        "recover well, from the first days to your return to sport.",
    ),
    (
        "prehab-before-knee-replacement",
        "Getting ready for a knee replacement: why prehab is worth it",
        "after-surgery",
        "Marcus Oyelaran",
        70,
        "Exercise in the weeks before joint surgery can make recovery afterwards quicker and "
        "easier. What prehab involves and how to start.",
    ),
    (
        "balance-exercises-after-65",
        "Staying steady: balance exercises after 65",
        "balance-falls",
        "Marcus Oyelaran",
        -7,
        "Balance is a skill you can train at any age. Simple daily exercises lower the risk of a "
        "fall and build confidence.",
    ),
]


@transaction.atomic
def load_demo_content() -> dict[str, int]:
    """Create whatever demo objects are missing; return how many of each were created."""
    created = {"clinics": 0, "topics": 0, "authors": 0, "articles": 0}
    for order, data in enumerate(CLINICS):
        fields = {key: value for key, value in data.items() if key != "hours"}
        slug = fields["name"].lower().replace(" ", "-")
        clinic, is_new = Clinic.objects.get_or_create(
            slug=slug,
            defaults={
                **fields,
                "order": order,
                "notification_email": f"{slug}@foreverfitpt.example",
            },
        )
        if is_new:
            created["clinics"] += 1
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    clinic=clinic,
                    weekday=day,
                    opens=time.fromisoformat(opens),
                    closes=time.fromisoformat(closes),
                )
                for day, opens, closes in data["hours"]
            )

    topics = {}
    for name, slug, description in TOPICS:
        topics[slug], is_new = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        created["topics"] += is_new

    authors = {}
    for data in AUTHORS:
        authors[data["name"]], is_new = Author.objects.get_or_create(
            name=data["name"], defaults=data
        )
        created["authors"] += is_new

    now = timezone.now()
    for slug, title, topic, author, days_ago, summary in ARTICLES:
        _, is_new = Article.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "topic": topics[topic],
                "author": authors[author],
                "summary": summary,
                "body": (ARTICLE_BODIES / f"{slug}.html").read_text(),
                "status": Article.Status.PUBLISHED,
                "publish_at": now - timedelta(days=days_ago),
            },
        )
        created["articles"] += is_new
    return created
