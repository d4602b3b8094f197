"""Demo content for a fresh site: five clinics, their hours, authors, topics and articles.

All text is our own writing. Addresses and phone numbers are plausible demo data (555-01xx numbers
are reserved for fiction); staff replace them in the admin. Loading is idempotent: an object that
already exists (by slug) is left exactly as it is, so staff edits survive a second run.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author, Topic
from locations.models import Clinic, OpeningHours

MON, TUE, WED, THU, FRI, SAT = range(6)

CLINICS = [
    {
        "name": "Severna Park", "street_address": "570 Ritchie Highway, Suite 210",
        "city": "Severna Park", "postal_code": "21146", "phone": "+14105550142",
        "latitude": "39.07710", "longitude": "-76.55050",
        "parking_notes": "Free parking in front of the building. The side entrance has a ramp and "
        "an automatic door; the elevator is on the left.",
        # Long weekdays, Saturday mornings.
        "hours": [(d, "07:00", "19:00") for d in (MON, TUE, WED, THU)]
        + [(FRI, "07:00", "16:00"), (SAT, "08:00", "12:00")],
    },
    {
        "name": "Frederick", "street_address": "1450 West Patrick Street",
        "city": "Frederick", "postal_code": "21702", "phone": "+13015550117",
        "latitude": "39.41020", "longitude": "-77.43830",
        "parking_notes": "Parking lot shared with the shopping center; two accessible spaces by "
        "our door. Step-free entrance.",
        # A split day on Wednesday: the team meets over lunch.
        "hours": [(d, "07:30", "18:30") for d in (MON, TUE, THU)]
        + [(WED, "07:30", "12:00"), (WED, "13:00", "19:00"), (FRI, "07:30", "15:30")],
    },
    {
        "name": "Crofton", "street_address": "1643 Crofton Centre",
        "city": "Crofton", "postal_code": "21114", "phone": "+14105550163",
        "latitude": "39.00420", "longitude": "-76.68610",
        "parking_notes": "Free parking at the door. Ground floor, no steps.",
        "hours": [(d, "08:00", "19:00") for d in (MON, TUE, WED, THU)]
        + [(FRI, "08:00", "14:00"), (SAT, "09:00", "13:00")],
    },
    {
        "name": "Bowie", "street_address": "4330 Northview Drive, Suite 105",
        "city": "Bowie", "postal_code": "20716", "phone": "+13015550128",
        "latitude": "38.94680", "longitude": "-76.73350",
        "parking_notes": "Covered parking behind the building; the rear entrance is step-free "
        "and closest to our suite.",
        "hours": [(d, "07:00", "18:00") for d in (MON, TUE, WED, THU, FRI)],
    },
    {
        "name": "Gaithersburg", "street_address": "655 Quince Orchard Road",
        "city": "Gaithersburg", "postal_code": "20878", "phone": "+13015550186",
        "latitude": "39.11720", "longitude": "-77.23400",
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
        "name": "Dana Whitfield", "credentials": "PT, DPT, OCS",
        "bio": "Dana leads our Severna Park clinic. She is a board-certified orthopaedic "
        "specialist who mostly treats back and neck pain.",
    },
    {
        "name": "Marcus Oyelaran", "credentials": "PT, DPT",
        "bio": "Marcus works in Bowie and Crofton with people recovering from joint surgery.",
    },
    {
        "name": "Priya Raman", "credentials": "PT, DPT, SCS",
        "bio": "Priya is a sports clinical specialist in Gaithersburg who treats runners, "
        "weekend athletes and school teams.",
    },
]

# (slug, title, topic slug, author name, days since publication, summary, body)
# A negative day count schedules the article in the future.
ARTICLES = [
    (
        "physical-therapy-for-sciatica",
        "Physical therapy for sciatica: what your visits will look like",
        "back-pain", "Dana Whitfield", 3,
        "Sciatica usually gets better without surgery. Here is how a physical therapist works out "
        "what is pressing on the nerve, which treatments help, and how long recovery tends to take.",
        """
<p>Sciatica is the name for pain that travels from the lower back through the buttock and down one leg, sometimes with tingling or numbness. It is common, it can be miserable, and it usually settles with the right care. Most people never need an operation.</p>
<p>No two backs are the same, so there is no standard sciatica program. Your physical therapist builds a plan around what is irritating your nerve, how your body moves and what you want to get back to.</p>
<h2>What happens at your first visits</h2>
<p>Your first appointment is mostly listening and testing. Your therapist asks how the pain started, what eases it and what makes it worse, then watches you move: bending, walking, standing on one leg. Simple checks of strength, reflexes and skin sensation show how the nerve is coping. Scans are rarely needed at this stage.</p>
<p>Before you leave, you should understand what is likely going on and what the plan is. Ask anything you like. Together you set a few goals, such as sitting through a film or walking the dog again, so that you can both see progress.</p>
<p>Recovery time varies. Mild cases often ease within a few weeks; stubborn ones can take a few months. Starting early helps, so there is no benefit in waiting it out.</p>
<h2>Treatments that help</h2>
<p>The sciatic nerve runs from the lower spine, through the hip and down the back of the thigh. It can be squeezed or irritated by a bulging disc, narrowing around the spine, tight muscles, long hours of sitting or a lifting strain. Treatment aims to take pressure off the nerve, get the spine moving and build the strength that protects it.</p>
<ul>
<li><strong>Hands-on treatment:</strong> your therapist uses gentle pressure and movement on stiff joints and tight muscles in the back and hip. It often eases pain enough to make exercise possible.</li>
<li><strong>Exercise and stretching:</strong> a short routine of movements chosen for you, including gentle nerve glides, builds flexibility and strengthens the muscles around your trunk and hips.</li>
<li><strong>Easing pain day to day:</strong> you learn which positions, heat or ice, and small changes at work and at home calm your symptoms, and how to stay active without a flare-up.</li>
<li><strong>Understanding your back:</strong> knowing how nerves, discs and muscles work together takes much of the fear out of back pain and helps you keep it from coming back.</li>
</ul>
<h2>When sciatica needs urgent care</h2>
<p><strong>Go to an emergency room or call 911</strong> if leg pain follows a fall or accident, if your legs become weak quickly, or if you have numbness around the groin or trouble controlling your bladder or bowels. These signs need a doctor the same day.</p>
<h2>Get help with sciatica at Forever Fit</h2>
<p>Sciatica can spoil your sleep, your work and your mood. Physical therapy treats both the pain and the reasons behind it, and it is worth trying well before surgery is discussed. If your pain has lasted more than a couple of weeks, or keeps returning, book an assessment.</p>
<p>Our therapists explain things in plain words and take time to listen. We have clinics in Severna Park, Frederick, Crofton, Bowie and Gaithersburg. Call the one nearest you, or request an appointment online and we will call you back.</p>
""",
    ),
    (
        "lifting-without-hurting-your-back",
        "Lifting without hurting your back",
        "back-pain", "Dana Whitfield", 18,
        "Bending is not bad for your back, but a few habits make lifting much kinder to it. "
        "Five practical tips for groceries, grandchildren and garden bags.",
        """
<p>Many people were told to never bend their back. In truth a healthy spine is built to bend. What strains it is a heavy load held far from the body, a sudden twist, or a lift done when you are tired and cold.</p>
<h2>Five habits that help</h2>
<ul>
<li><strong>Get close:</strong> stand near the object so that you lift it against your body, not at arm’s length.</li>
<li><strong>Use your hips:</strong> bend at the hips and knees together and push up through your legs.</li>
<li><strong>Turn with your feet:</strong> step round instead of twisting while you hold the weight.</li>
<li><strong>Split the load:</strong> two light trips beat one heavy one.</li>
<li><strong>Warm up first:</strong> a short walk before yard work gets the back ready.</li>
</ul>
<h2>When to see someone</h2>
<p>If a lift leaves you with pain that lasts more than a few days, or pain that spreads into a leg, a physical therapist can check what is going on and get you moving again.</p>
""",
    ),
    (
        "desk-neck-small-changes",
        "Desk neck: small changes for a sore neck at work",
        "neck-shoulder", "Dana Whitfield", 27,
        "Hours at a screen can leave the neck and shoulders stiff and sore. These small changes "
        "to your desk and your day make a real difference.",
        """
<p>A stiff, aching neck at the end of the working day is one of the most common reasons people visit us. The cause is rarely one bad posture; it is holding any posture for too long.</p>
<h2>Set up your desk</h2>
<ul>
<li><strong>Screen at eye level:</strong> the top of the screen level with your eyes, about an arm’s length away.</li>
<li><strong>Elbows by your sides:</strong> keyboard and mouse close enough that your shoulders can relax.</li>
<li><strong>Laptop on a stand:</strong> with a separate keyboard, so that you are not looking down all day.</li>
</ul>
<h2>Move often</h2>
<p>Every half hour, stand up, roll your shoulders and turn your head gently to each side. Movement is the best posture.</p>
<p>If neck pain brings headaches, or tingling in an arm or hand, have it checked by a physical therapist.</p>
""",
    ),
    (
        "runners-knee-what-helps",
        "Runner’s knee: why the front of your knee hurts and what helps",
        "knee-hip", "Priya Raman", 40,
        "Pain around the kneecap is common in runners and in people who climb stairs a lot. "
        "Most of it settles with smarter training and stronger hips.",
        """
<p>Runner’s knee is an ache around or behind the kneecap. It often gets worse on stairs, when squatting, or after sitting for a long time with bent knees. It is usually a sign that the knee has been asked to do more than it was ready for.</p>
<h2>What helps</h2>
<ul>
<li><strong>Adjust, don’t stop:</strong> cut distance or hills for a while rather than resting completely.</li>
<li><strong>Strengthen the hips and thighs:</strong> strong hip and thigh muscles steer the kneecap and share the load.</li>
<li><strong>Build up slowly:</strong> increase weekly running by small steps once the pain settles.</li>
</ul>
<p>A physical therapist can look at how you run and move, and give you a plan that keeps you running while the knee recovers.</p>
""",
    ),
    (
        "ankle-sprain-back-on-your-feet",
        "Ankle sprains: getting back on your feet safely",
        "sports-injuries", "Priya Raman", 55,
        "A sprained ankle that is not fully rehabilitated often sprains again. Here is how to "
        "recover well, from the first days to your return to sport.",
        """
<p>Rolling an ankle is one of the most common sports injuries. Most sprains heal well, but an ankle that never regains its strength and balance is likely to give way again.</p>
<h2>The first few days</h2>
<p>Protect the ankle, keep it raised when you can and move it gently within comfort. Walking as soon as it is comfortable helps healing.</p>
<h2>Rebuilding</h2>
<ul>
<li><strong>Balance training:</strong> standing on one leg, then on a cushion, teaches the ankle to react again.</li>
<li><strong>Strength:</strong> calf raises and band exercises rebuild the muscles that hold the ankle steady.</li>
<li><strong>Sport-specific drills:</strong> hopping, cutting and landing practice before you return to play.</li>
</ul>
<p><strong>See a doctor first</strong> if you could not take four steps straight after the injury, or if the bone on either side of the ankle is tender to touch: these can be signs of a fracture.</p>
""",
    ),
    (
        "prehab-before-knee-replacement",
        "Getting ready for a knee replacement: why prehab is worth it",
        "after-surgery", "Marcus Oyelaran", 70,
        "Exercise in the weeks before joint surgery can make recovery afterwards quicker and "
        "easier. What prehab involves and how to start.",
        """
<p>If you have a knee replacement booked, the weeks before surgery are a chance to prepare. Going into the operation stronger usually means getting back on your feet sooner afterwards.</p>
<h2>What prehab involves</h2>
<ul>
<li><strong>Strength:</strong> simple exercises for the thigh and hip muscles that you will rely on after surgery.</li>
<li><strong>Range of motion:</strong> keeping the knee as straight and as bendy as it can comfortably go.</li>
<li><strong>Practice:</strong> learning your first exercises, and how to use a walker and manage stairs, before you need them.</li>
</ul>
<p>Your physical therapist will also help you plan your home for the first weeks back: a clear path, a firm chair and everything you need within reach.</p>
""",
    ),
    (
        "balance-exercises-after-65",
        "Staying steady: balance exercises after 65",
        "balance-falls", "Marcus Oyelaran", -7,
        "Balance is a skill you can train at any age. Simple daily exercises lower the risk of a "
        "fall and build confidence.",
        """
<p>Balance naturally declines as we age, but it responds well to practice. A few minutes a day can make a real difference.</p>
<h2>Safe exercises to start with</h2>
<ul>
<li><strong>Standing on one leg:</strong> hold the kitchen counter and lift one foot for up to 30 seconds.</li>
<li><strong>Heel-to-toe walking:</strong> along a hallway, with a hand on the wall.</li>
<li><strong>Sit to stand:</strong> rise from a chair without using your hands, ten times.</li>
</ul>
<p>If you have fallen in the past year, or feel unsteady or dizzy, a physical therapist can assess your balance and give you a safe program.</p>
""",
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
            defaults={**fields, "order": order, "notification_email": f"{slug}@foreverfitpt.example"},
        )
        if is_new:
            created["clinics"] += 1
            OpeningHours.objects.bulk_create(
                OpeningHours(clinic=clinic, weekday=day, opens=time.fromisoformat(opens),
                             closes=time.fromisoformat(closes))
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
    for slug, title, topic, author, days_ago, summary, body in ARTICLES:
        _, is_new = Article.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title, "topic": topics[topic], "author": authors[author],
                "summary": summary, "body": body.strip(),
                "status": Article.Status.PUBLISHED,
                "publish_at": now - timedelta(days=days_ago),
            },
        )
        created["articles"] += is_new
    return created
