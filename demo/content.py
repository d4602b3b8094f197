"""Demo content for a fresh site: five clinics, their hours, authors, topics and articles, and
twelve weeks of made-up appointment requests (fictional names, 555-01xx numbers) for the
staff dashboard.

All text is our own writing. Addresses and phone numbers are plausible demo data (555-01xx numbers
are reserved for fiction); staff replace them in the admin. Loading is idempotent: an object that
already exists (by slug) is left exactly as it is, so staff edits survive a second run.
"""

import random
from datetime import date, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from appointments.models import AppointmentRequest, StatusChange
from articles.models import Article, InlinePicture, Topic
from demo.pictures import (
    PORTRAITS,
    SUBJECT_DESCRIPTIONS,
    draw_care_scene,
    draw_clinic_photo,
    draw_portrait,
    draw_signed_form,
    draw_topic_picture,
)
from demo.spanish import load_spanish
from insurance.models import Network, Plan
from locations.models import Clinic, OpeningHours, Service, SpecialHours
from pages.models import HomePage
from stories.models import Consent, Story
from team.models import Clinician

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
        "fax": "+14105550143",
        "parking_notes": "Free parking in front of the building, including two accessible spaces.",
        "accessibility_notes": "The side entrance has a ramp and an automatic door; the elevator "
        "is on the left as you come in.",
        "services": ["Manual therapy", "Dry needling", "Pelvic health", "Vestibular therapy"],
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
        "fax": "+13015550118",
        "parking_notes": "Parking lot shared with the shopping center, with two accessible spaces "
        "right by our door.",
        "accessibility_notes": "Step-free entrance at street level with a wide door.",
        "services": ["Manual therapy", "Sports rehabilitation", "Post-surgical rehabilitation"],
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
        "fax": "+14105550164",
        "parking_notes": "Free parking at the door.",
        "accessibility_notes": "Ground floor, no steps from the parking lot to the front desk.",
        "services": ["Manual therapy", "Sports rehabilitation", "Vestibular therapy"],
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
        "fax": "+13015550129",
        "parking_notes": "Covered parking behind the building.",
        "accessibility_notes": "The rear entrance is step-free and closest to our suite.",
        "services": [
            "Manual therapy",
            "Post-surgical rehabilitation",
            "Balance and fall prevention",
        ],
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
        "fax": "+13015550187",
        "parking_notes": "Free surface parking in front of the building.",
        "accessibility_notes": "Accessible spaces and a curb cut next to the main door, which "
        "opens automatically.",
        "services": ["Manual therapy", "Sports rehabilitation", "Dry needling", "Pelvic health"],
        "hours": [(d, "07:00", "20:00") for d in (MON, WED)]
        + [(d, "08:00", "17:00") for d in (TUE, THU, FRI)]
        + [(SAT, "08:00", "12:00")],
    },
]

SERVICES = [
    ("Manual therapy", "Hands-on treatment of stiff joints and tight muscles."),
    ("Dry needling", "Fine needles to release tight, painful muscle knots."),
    ("Sports rehabilitation", "Getting athletes of every level back to their sport safely."),
    ("Post-surgical rehabilitation", "Recovery after joint replacement and other surgery."),
    ("Vestibular therapy", "Treatment for dizziness and vertigo."),
    ("Balance and fall prevention", "Training that keeps you steady on your feet."),
    ("Pelvic health", "Care for pelvic pain and bladder control, in a private room."),
]


Status = AppointmentRequest.Status


def upcoming_holidays(today: date) -> list[tuple[date, str, tuple[str, str] | None]]:
    """The next Thanksgiving, Christmas Eve (short day), Christmas and New Year's Day."""
    holidays = []
    for year in (today.year, today.year + 1):
        november_first = date(year, 11, 1)
        first_thursday = november_first + timedelta(days=(3 - november_first.weekday()) % 7)
        holidays += [
            (first_thursday + timedelta(weeks=3), "Thanksgiving", None),
            (date(year, 12, 24), "Christmas Eve", ("08:00", "12:00")),
            (date(year, 12, 25), "Christmas Day", None),
            (date(year + 1, 1, 1), "New Year’s Day", None),
        ]
    # Each holiday once: its next occurrence from today on.
    seen, upcoming = set(), []
    for day, note, hours in sorted(holidays):
        if day >= today and note not in seen:
            seen.add(note)
            upcoming.append((day, note, hours))
    return upcoming


# (name, slug, description, how the request form offers it as a reason for a visit)
TOPICS = [
    (
        "Back Pain",
        "back-pain",
        "Low back pain, sciatica and how to keep your back moving.",
        "Back pain or sciatica",
    ),
    (
        "Neck & Shoulder",
        "neck-shoulder",
        "Stiff necks, sore shoulders and the habits behind them.",
        "Neck or shoulder pain",
    ),
    (
        "Knee & Hip",
        "knee-hip",
        "Knee and hip pain, arthritis and getting back to walking.",
        "Knee or hip pain",
    ),
    (
        "Sports Injuries",
        "sports-injuries",
        "Sprains, strains and a safe return to your sport.",
        "Sports injury",
    ),
    (
        "After Surgery",
        "after-surgery",
        "Preparing for surgery and recovering well afterwards.",
        "Recovery after surgery",
    ),
    (
        "Balance & Falls",
        "balance-falls",
        "Dizziness, steadiness and staying on your feet.",
        "Balance, dizziness or falls",
    ),
]

# The clinical team: who writes and reviews the articles, and whom patients meet. Clinics by
# slug, specialties by topic slug.
AUTHORS = [
    {
        "name": "Dana Whitfield",
        "credentials": "PT, DPT, OCS",
        "title": "Clinic director, Severna Park",
        "bio": "Dana leads our Severna Park clinic. She is a board-certified orthopaedic "
        "specialist who mostly treats back and neck pain.",
        "clinics": ["severna-park"],
        "specialties": ["back-pain", "neck-shoulder"],
    },
    {
        "name": "Marcus Oyelaran",
        "credentials": "PT, DPT",
        "title": "Physical therapist",
        "bio": "Marcus works in Bowie and Crofton with people recovering from joint surgery.",
        "clinics": ["bowie", "crofton"],
        "specialties": ["after-surgery", "knee-hip"],
    },
    {
        "name": "Priya Raman",
        "credentials": "PT, DPT, SCS",
        "title": "Sports physical therapist",
        "bio": "Priya is a sports clinical specialist in Gaithersburg who treats runners, "
        "weekend athletes and school teams.",
        "clinics": ["gaithersburg"],
        "specialties": ["sports-injuries", "knee-hip"],
        "languages": "English, Tamil",
    },
    {
        "name": "Lucía Herrera",
        "credentials": "PT, DPT",
        "title": "Physical therapist",
        "bio": "Lucía sees patients in Gaithersburg and Frederick, in English or Spanish. She "
        "likes a clear plan: what to do at home, and how you will know it is working.",
        "clinics": ["gaithersburg", "frederick"],
        "specialties": ["back-pain", "balance-falls"],
        "languages": "English, Spanish",
    },
    {
        "name": "Tom Brennan",
        "credentials": "PT, MPT",
        "title": "Physical therapist",
        "bio": "Tom has treated shoulders and necks in Frederick for twenty years, from desk "
        "workers to contractors who lift all day.",
        "clinics": ["frederick"],
        "specialties": ["neck-shoulder", "after-surgery"],
        "accepting_new_patients": False,
    },
    {
        "name": "Aisha Kamara",
        "credentials": "PT, DPT, GCS",
        "title": "Geriatric clinical specialist",
        "bio": "Aisha helps older adults in Bowie stay steady on their feet and keep doing "
        "what they enjoy. She speaks English and French.",
        "clinics": ["bowie"],
        "specialties": ["balance-falls", "knee-hip"],
        "languages": "English, French",
    },
    {
        "name": "Kevin Park",
        "credentials": "PT, DPT, CSCS",
        "title": "Physical therapist",
        "bio": "Kevin works in Crofton and Severna Park with athletes coming back from "
        "injury, and with anyone whose knee keeps them off the trail.",
        "clinics": ["crofton", "severna-park"],
        "specialties": ["sports-injuries", "knee-hip"],
        "languages": "English, Korean",
    },
    {
        "name": "Rosa Delgado",
        "credentials": "PTA",
        "title": "Physical therapist assistant",
        "bio": "Rosa guides patients through their exercise programmes in Bowie and Crofton, "
        "in English or Spanish.",
        "clinics": ["bowie", "crofton"],
        "specialties": ["after-surgery", "balance-falls"],
        "languages": "English, Spanish",
    },
]

ALL_CLINICS = ["severna-park", "frederick", "crofton", "bowie", "gaithersburg"]
Kind = Plan.Kind
# (name, kind, note at every clinic, {clinic slug: note there}); a plan absent from a clinic's
# dict is not taken there. Demo data: staff keep the real list in the admin.
PLANS = [
    ("Aetna", Kind.COMMERCIAL, "", dict.fromkeys(ALL_CLINICS, "")),
    (
        "CareFirst BlueCross BlueShield",
        Kind.COMMERCIAL,
        "Includes the federal employee plan.",
        dict.fromkeys(ALL_CLINICS, ""),
    ),
    ("Cigna", Kind.COMMERCIAL, "", {"severna-park": "", "crofton": "", "gaithersburg": ""}),
    ("UnitedHealthcare", Kind.COMMERCIAL, "", dict.fromkeys(ALL_CLINICS, "")),
    (
        "TRICARE",
        Kind.COMMERCIAL,
        "TRICARE Prime needs a referral from your primary care manager.",
        {"severna-park": "", "crofton": "", "bowie": ""},
    ),
    (
        "Kaiser Permanente",
        Kind.COMMERCIAL,
        "Kaiser members need a referral from their Kaiser doctor.",
        {"gaithersburg": "", "frederick": "20 visits a year"},
    ),
    (
        "Medicare",
        Kind.MEDICARE,
        "Your doctor signs the plan of care your therapist writes at the first visit.",
        dict.fromkeys(ALL_CLINICS, ""),
    ),
    (
        "Medicare Advantage (Aetna, Humana, UnitedHealthcare)",
        Kind.MEDICARE,
        "Some plans ask for a referral: we check yours before your first visit.",
        {"severna-park": "", "frederick": "", "bowie": "", "gaithersburg": ""},
    ),
    (
        "Maryland Medicaid: Priority Partners",
        Kind.MEDICAID,
        "",
        {"frederick": "Referral needed", "bowie": "Referral needed"},
    ),
    (
        "Maryland Medicaid: Maryland Physicians Care",
        Kind.MEDICAID,
        "",
        {"bowie": "Referral needed", "gaithersburg": "Referral needed"},
    ),
    (
        "Workers’ compensation (Maryland)",
        Kind.WORKERS_COMPENSATION,
        "Bring your claim number and your adjuster’s name and phone number.",
        dict.fromkeys(ALL_CLINICS, ""),
    ),
    (
        "Auto accident (personal injury protection)",
        Kind.AUTO,
        "Bring your claim number; we bill your car insurer directly.",
        dict.fromkeys(ALL_CLINICS, ""),
    ),
    (
        "Self-pay rates",
        Kind.SELF_PAY,
        "Paid at each visit; we give you a receipt for your plan or your HSA or FSA.",
        {
            "severna-park": "First visit $150, follow-up visits $95.",
            "frederick": "First visit $140, follow-up visits $90.",
            "crofton": "First visit $150, follow-up visits $95.",
            "bowie": "First visit $140, follow-up visits $90.",
            "gaithersburg": "First visit $155, follow-up visits $100.",
        },
    ),
]

# Patients' stories, in words we wrote for the demo (no real patient), each with a demo consent.
# (name, topic slug, clinic slug, therapist, words, the words' language)
STORIES = [
    (
        "Maria",
        "back-pain",
        "gaithersburg",
        "Lucía Herrera",
        "I came in bent over and scared to pick up my grandson. Lucía explained what was "
        "going on in words I understood, and gave me three exercises I could do in the kitchen. "
        "Six weeks later I carried him up the stairs.",
        "en",
    ),
    (
        "J. T.",
        "after-surgery",
        "bowie",
        "Marcus Oyelaran",
        "After my knee replacement I wanted to skip the hard part. Marcus kept every session "
        "honest and a little fun. I was back on my bike before the summer ended.",
        "en",
    ),
    (
        "Denise",
        "balance-falls",
        "bowie",
        "Aisha Kamara",
        "Two falls in one winter had me staying home. Aisha worked on my balance and my "
        "confidence at the same time. I walk to church again, and I know what to do if I wobble.",
        "en",
    ),
    (
        "Sam",
        "sports-injuries",
        "gaithersburg",
        "Priya Raman",
        "I sprained the same ankle three times in one season. Priya found the weak spot the "
        "others missed and built a plan around my practice schedule. No sprains since.",
        "en",
    ),
    (
        "Ana",
        "after-surgery",
        "bowie",
        "Rosa Delgado",
        "Después de la operación de cadera me daba miedo levantarme de la silla. Rosa me "
        "explicó cada ejercicio en español, con paciencia, y mi hija ya no tuvo que traducirme "
        "nada. Hoy voy caminando al mercado yo sola.",
        "es",
    ),
]

# (slug, title, topic slug, author name, days since publication, summary); each body is
# articles/<slug>.html. A negative day count schedules the article in the future.
ARTICLE_BODIES = Path(__file__).resolve().parent / "articles"
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
        "heel-pain-plantar-fasciitis",
        "Heel pain in the morning: plantar fasciitis and what helps",
        "sports-injuries",
        "Priya Raman",
        34,
        "A stabbing pain under the heel with your first steps of the day is often plantar "
        "fasciitis. Most people recover with simple, steady care and no injections.",
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


# Who reviewed each demo article (never its author). The review is dated the day before the
# article went out (today for one still scheduled): after it was written, never a year before.
REVIEWERS = {
    "physical-therapy-for-sciatica": "Marcus Oyelaran",
    "lifting-without-hurting-your-back": "Priya Raman",
    "desk-neck-small-changes": "Marcus Oyelaran",
    "runners-knee-what-helps": "Dana Whitfield",
    "ankle-sprain-back-on-your-feet": "Dana Whitfield",
    "heel-pain-plantar-fasciitis": "Marcus Oyelaran",
    "prehab-before-knee-replacement": "Priya Raman",
    "balance-exercises-after-65": "Dana Whitfield",
}
# An article whose picture is not its topic's subject, so one topic's cards differ.
ARTICLE_SUBJECTS = {
    "lifting-without-hurting-your-back": "lifting",
    "heel-pain-plantar-fasciitis": "heel",
}
URGENT_CARE = {"physical-therapy-for-sciatica", "ankle-sprain-back-on-your-feet"}


@transaction.atomic
def load_demo_content() -> dict[str, int]:
    """Create whatever demo objects are missing; return how many of each were created."""
    created = {"clinics": 0, "topics": 0, "authors": 0, "articles": 0}
    services = {}
    for name, description in SERVICES:
        services[name], _ = Service.objects.get_or_create(
            name=name, defaults={"description": description}
        )
    today = timezone.localdate()
    for order, data in enumerate(CLINICS):
        fields = {key: value for key, value in data.items() if key not in ("hours", "services")}
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
            clinic.services.set(services[name] for name in data["services"])
            clinic.photo.save(f"{slug}.webp", draw_clinic_photo(clinic.name), save=False)
            clinic.photo_alt = f"The entrance of our {clinic.name} clinic (an illustration)"
            clinic.save()
        for day, note, hours in upcoming_holidays(today):
            opens, closes = (time.fromisoformat(t) for t in hours) if hours else (None, None)
            SpecialHours.objects.get_or_create(
                clinic=clinic,
                date=day,
                defaults={"closed": not hours, "opens": opens, "closes": closes, "note": note},
            )

    topics = {}
    for name, slug, description, request_label in TOPICS:
        topics[slug], is_new = Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "request_label": request_label},
        )
        if is_new:
            topics[slug].picture.save(f"{slug}.jpeg", draw_topic_picture(slug), save=True)
        created["topics"] += is_new

    authors = {}
    clinics = {clinic.slug: clinic for clinic in Clinic.objects.all()}
    for data in AUTHORS:
        fields = {
            key: value for key, value in data.items() if key not in ("clinics", "specialties")
        }
        person, is_new = Clinician.objects.get_or_create(name=data["name"], defaults=fields)
        if is_new:
            person.clinics.set([clinics[slug] for slug in data["clinics"]])
            person.specialties.set([topics[slug] for slug in data["specialties"]])
            if person.name in PORTRAITS:
                person.photo.save(f"{person.slug}.jpeg", draw_portrait(person.name), save=False)
                person.photo_alt = f"{person.name} (an illustration)"
                person.save()
        authors[data["name"]] = person
        created["authors"] += is_new

    now = timezone.now()
    for slug, title, topic, author, days_ago, summary in ARTICLES:
        if Article.objects.filter(slug=slug).exists():
            continue
        publish_at = now - timedelta(days=days_ago)
        article = Article(
            slug=slug,
            title=title,
            topic=topics[topic],
            author=authors[author],
            summary=summary,
            body=_with_in_text_picture((ARTICLE_BODIES / f"{slug}.html").read_text()),
            status=Article.Status.PUBLISHED,
            publish_at=publish_at,
            show_urgent_care=slug in URGENT_CARE,
            reviewer=authors[REVIEWERS[slug]],
            last_reviewed=min(timezone.localdate(publish_at - timedelta(days=1)), today),
        )
        # The topic's subject on shapes of the article's own: related, not identical.
        subject = ARTICLE_SUBJECTS.get(slug, topic)
        article.hero_image.save(f"{slug}.jpeg", draw_topic_picture(subject, seed=slug), save=False)
        article.hero_alt = SUBJECT_DESCRIPTIONS[subject]
        article.save()
        created["articles"] += 1
    home = HomePage.objects.first()
    if home and not home.picture:
        home.picture.save("home.jpeg", draw_care_scene(), save=False)
        home.picture_alt = (
            "A drawing of a physical therapist guiding a patient's bent knee on a treatment table"
        )
        home.save()
    created["plans"] = _load_plans(clinics)
    created["spanish"] = load_spanish(_with_in_text_picture)
    created["stories"] = _load_stories(topics, clinics, authors)
    created["requests"] = demo_requests()
    return created


def _load_plans(clinics) -> int:
    made = 0
    for name, kind, note, networks in PLANS:
        plan, is_new = Plan.objects.get_or_create(name=name, defaults={"kind": kind, "note": note})
        if is_new:
            Network.objects.bulk_create(
                Network(plan=plan, clinic=clinics[slug], note=there)
                for slug, there in networks.items()
            )
            made += 1
    return made


def _load_stories(topics, clinics, authors) -> int:
    made = 0
    for name, topic, clinic, therapist, words, language in STORIES:
        if Story.objects.filter(name=name, words=words).exists():
            continue
        story = Story.objects.create(
            name=name,
            words=words,
            language=language,
            topic=topics[topic],
            clinic=clinics[clinic],
            clinician=authors[therapist],
            published=True,
        )
        consent = Consent(
            story=story,
            given_by=f"{name}, the patient (demo)",
            given_on=timezone.localdate() - timedelta(days=30),
            expires_at=timezone.now() + timedelta(days=730),
        )
        consent.authorization.save("signed-form.pdf", draw_signed_form(name), save=False)
        consent.save()
        made += 1
    return made


def _with_in_text_picture(body: str) -> str:
    """A demo body's picture placeholder (IN_TEXT_PICTURE) made into one of our pictures."""
    if "IN_TEXT_PICTURE" not in body:
        return body
    alt = SUBJECT_DESCRIPTIONS["knee-hip"]
    picture = InlinePicture.objects.filter(alt=alt).first()
    if picture is None:
        picture = InlinePicture(alt=alt)
        drawing = draw_topic_picture("knee-hip", seed="in-text", size=(1200, 675))
        picture.image.save("leg-drawing.jpeg", drawing, save=False)
        picture.save()
    return body.replace("IN_TEXT_PICTURE", picture.src).replace("IN_TEXT_ALT", alt)


# Demo patients: first and last names from a short list, phone numbers 555-01xx (fiction only).
DEMO_FIRST = ["Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Rowan", "Harper", "Emerson"]
DEMO_LAST = ["Okafor", "Lindqvist", "Marsh", "Delgado", "Whitaker", "Nakamura", "Brennan"]


def demo_requests() -> int:
    """Twelve weeks of made-up requests with their status history, once, so the staff dashboard
    shows a real chart: most contacted within hours, some waiting, a few from articles."""
    if AppointmentRequest.objects.exists():
        return 0
    # The same demo every time; nothing to do with security (bandit B311).
    rng = random.Random(12)  # nosec B311
    clinics = list(Clinic.objects.active())
    sources = [a.get_absolute_url() for a in Article.objects.published()[:4]] + ["/locations/", ""]
    now = timezone.now()
    rows, history = [], []
    for n in range(180):
        created = now - timedelta(days=84 * (1 - (n / 180) ** 0.8), hours=rng.randint(0, 9))
        age = now - created
        status = (
            Status.NEW
            if age < timedelta(days=2) and rng.random() < 0.7
            else (Status.SCHEDULED if rng.random() < 0.6 else Status.CONTACTED)
        )
        request = AppointmentRequest(
            first_name=rng.choice(DEMO_FIRST),
            last_name=rng.choice(DEMO_LAST),
            phone=f"+1410555{rng.randint(100, 199):04d}",
            contact_method="phone",
            patient_type=rng.choice(["new", "returning"]),
            consent=True,
            clinic=rng.choice(clinics + [None]),
            source=rng.choice(sources),
            status=status,
            created_at=created,
            notified_at=created,  # demo: no email is owed
        )
        rows.append(request)
        if status != Status.NEW:
            contacted = created + timedelta(hours=rng.choice([1, 2, 3, 5, 8, 20, 26, 50]))
            history.append((request, Status.CONTACTED, min(contacted, now)))
            if status == Status.SCHEDULED:
                scheduled = min(contacted + timedelta(hours=1), now)
                history.append((request, Status.SCHEDULED, scheduled))
    AppointmentRequest.objects.bulk_create(rows)
    StatusChange.objects.bulk_create(
        StatusChange(request=request, status=status, at=at) for request, status, at in history
    )
    return len(rows)
