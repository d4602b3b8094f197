"""The clinical team's app takes over the articles' authors (December 2026): one record per
person, the byline and the profile. Here in Django's state only, as articles.Author was; the
next migrations point the articles at it and give it its own table and profile fields."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("articles", "0017_inline_picture_size_like_every_picture"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Clinician",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=120)),
                        ("credentials", models.CharField(blank=True, help_text='Shown after the name, e.g. "PT, DPT".', max_length=60)),
                        ("bio", models.TextField(blank=True, help_text="One or two sentences shown under articles.")),
                        ("user", models.OneToOneField(blank=True, help_text="The staff account of this person: a clinical reviewer records reviews under their own name.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="author", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"ordering": ["name"], "db_table": "articles_author"},
                ),
            ]
        )
    ]
