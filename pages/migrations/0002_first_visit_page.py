"""The "Your first visit" page, which staff then edit as a flat page like the privacy notice."""

from django.conf import settings
from django.db import migrations

FIRST_VISIT = """
<p>Your first appointment is longer than the ones that follow, and most of it is talking and careful testing. Here is what to expect, so that you can come prepared.</p>
<h2>What to bring</h2>
<ul>
<li>a photo ID and your insurance card;</li>
<li>a list of the medicines you take, and any imaging reports (X-ray, MRI) or letters from your doctor;</li>
<li>a referral or prescription, if your insurance asks for one (see below);</li>
<li>your reading glasses, if you need them for forms.</li>
</ul>
<h2>How long it takes</h2>
<p>Plan for about an hour. Please arrive ten minutes early to fill in a short health history; ask when you book and we can send it to you beforehand. Later visits usually take 45 minutes.</p>
<h2>What your therapist will do</h2>
<ul>
<li>listen: when the problem started, what makes it better or worse, and what you want to get back to;</li>
<li>check how you move: strength, flexibility, balance and the movements that hurt;</li>
<li>explain what they found in plain words, and what it is not, when that helps you worry less;</li>
<li>agree a plan with you: how often to come, for how long, and the first exercises to do at home.</li>
</ul>
<p>Most people leave their first visit with two or three exercises and a sheet to follow at home.</p>
<h2>Do you need a referral?</h2>
<p>In Maryland you can see a physical therapist without a doctor’s referral. Some insurance plans still ask for one before they pay, and Medicare asks your doctor to sign your plan of care. When you book, the front desk checks what your plan needs and tells you; if you need a referral, we can help you ask your doctor for one.</p>
<h2>Insurance and costs</h2>
<p>What you pay depends on your plan: a copay for each visit, a deductible, or a limit on the number of visits in a year. We check your benefits before your first visit and tell you what we found. If you would rather pay yourself, ask the front desk for our self-pay rates.</p>
<h2>What to wear</h2>
<p>Comfortable clothes you can move in, and shoes you can walk and exercise in. For a knee or hip, shorts are easiest; for a shoulder or neck, a T-shirt or a vest top. There is a private room if you need to change.</p>
<h2>If you need to cancel</h2>
<p>Call your clinic a day ahead if you can, so that someone else in pain can have your time.</p>
"""


def create_first_visit_page(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )
    page, created = FlatPage.objects.get_or_create(
        url="/first-visit/",
        defaults={"title": "Your first visit", "content": FIRST_VISIT.strip()},
    )
    if created:
        page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create_first_visit_page, migrations.RunPython.noop)]
