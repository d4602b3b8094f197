"""The site pages' app, which the project package (`forever_fit`) held until December 2026.

A database made before then already has the home page's tables (`forever_fit_homepage` and its
tiles), its row, the site pages and the editors' permissions: the tables keep their names
(`db_table`), the content type moves to this app (so every group keeps its permissions and the
admin's history its links), and each data step below only adds what is missing. A new database
gets the same in one `migrate`.
"""

from django.conf import settings
from django.db import migrations, models

from articles.html import sanitize_article_html
from core.staff_groups import grant

HOME_TABLE, TILES_TABLE = "forever_fit_homepage", "forever_fit_homepage_topics"


PRIVACY = """
<p>This notice explains what we collect through this website, why, who can see it and how long we keep it. It applies to the website only; your care at our clinics is covered by our Notice of Privacy Practices, which the front desk can give you.</p>
<h2>Reading our website</h2>
<p>We do not use advertising, analytics or tracking of any kind. Our pages load nothing from other companies: no fonts, scripts, maps or pixels. Our server keeps a short technical log (the page address and time, without the contents of any form) to keep the site running and secure.</p>
<h2>Requesting an appointment</h2>
<p>When you send the appointment request form, we store what you typed: your name, phone number, email address if you give one, the clinic you prefer and the reason you chose. We use it only to call or email you back and book your visit.</p>
<ul>
<li><strong>Who sees it:</strong> the front-desk staff of the clinic you chose (or of all clinics, if you had no preference) and our practice managers. Every time staff open a request, we record who did so.</li>
<li><strong>What our emails contain:</strong> the emails that tell a clinic about a new request contain only its number, never your name or your reason. If you give an email address, we send you a short confirmation without health details.</li>
<li><strong>How long we keep it:</strong> we delete requests after a fixed retention period and keep only anonymous counts, such as how many requests each clinic received in a month.</li>
</ul>
<h2>Your choices</h2>
<p>You can ask us to correct or delete a request at any time: call any of our clinics. If you would rather not use the form, call us instead; you do not need to give any information online.</p>
"""

ACCESSIBILITY = """
<p>We want everyone to be able to read our articles, find a clinic and request an appointment, whatever device or assistive technology they use.</p>
<h2>What we aim for</h2>
<p>This website aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. In practice that means:</p>
<ul>
<li>every page works with a keyboard alone, and you can always see where the focus is;</li>
<li>text has strong contrast and can be enlarged to 200% without losing content;</li>
<li>pages work with screen readers, with clear headings, labels and landmarks;</li>
<li>every page, including the appointment form, works without JavaScript;</li>
<li>form errors say what went wrong and how to fix it, and keep everything you typed.</li>
</ul>
<h2>How we check</h2>
<p>Automated accessibility and HTML checks run on every page type before each change to the site goes live, and we test the main journeys with a keyboard.</p>
<h2>Tell us about a problem</h2>
<p>If something on this website is hard to use, please tell us: call any clinic and ask for the practice manager. We will reply within five business days, and we can always take your appointment request by phone.</p>
"""


class CreateModelUnlessMovedIn(migrations.CreateModel):
    """CreateModel, except where the project package made the table before this app existed."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self.options["db_table"] in schema_editor.connection.introspection.table_names():
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)


def adopt_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="pages", model="homepage").exists():
        ContentType.objects.filter(app_label="forever_fit", model="homepage").update(
            app_label="pages"
        )


def create_site_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME},
    )
    for url, title, content in [
        ("/privacy/", "Privacy notice", PRIVACY),
        ("/accessibility/", "Accessibility statement", ACCESSIBILITY),
    ]:
        page, created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content.strip()}
        )
        if created:
            page.sites.add(site)
    # Pages saved before their HTML was sanitized: cleaned with the articles' rules.
    for page in FlatPage.objects.all():
        cleaned = sanitize_article_html(page.content)
        if cleaned != page.content:
            FlatPage.objects.filter(pk=page.pk).update(content=cleaned)


def create_home_page(apps, schema_editor):
    apps.get_model("pages", "HomePage").objects.get_or_create(
        pk=1,
        defaults={
            "headline": "Move with less pain, and get back to what you enjoy",
            "introduction": (
                "Forever Fit Physical Therapy has five clinics in Maryland, between Baltimore "
                "and Washington. Our physical therapists find what is causing your pain, explain "
                "it in plain words and build a plan with you."
            ),
        },
    )
    grant(apps, "pages", "Editors", ["view_homepage", "change_homepage"])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0006_topic_picture_reading_minutes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        CreateModelUnlessMovedIn(
            name="HomePage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("headline", models.CharField(max_length=120)),
                ("introduction", models.TextField(help_text="Two or three sentences under the headline.")),
                ("picture", models.ImageField(blank=True, height_field="picture_height", help_text="Beside the headline on wide screens, under it on phones. At least 800 pixels wide.", upload_to="home/", width_field="picture_width")),
                ("picture_width", models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ("picture_height", models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ("picture_renditions_up_to", models.PositiveSmallIntegerField(default=1600, editable=False)),
                ("picture_alt", models.CharField(blank=True, help_text="What the picture shows, for people who cannot see it. Required with a picture.", max_length=200, verbose_name="picture description")),
                ("topics", models.ManyToManyField(blank=True, db_table=TILES_TABLE, help_text="The topics shown under “What physical therapy can help with”, each leading to its articles. None ticked: every topic.", to="articles.topic", verbose_name="tiles")),
            ],
            options={
                "verbose_name": "home page",
                "verbose_name_plural": "home page",
                "db_table": HOME_TABLE,
            },
        ),
        migrations.RunPython(adopt_content_type, migrations.RunPython.noop),
        migrations.RunPython(create_site_pages, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
    ]
