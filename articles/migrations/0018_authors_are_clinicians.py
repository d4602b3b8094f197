"""Articles' authors and reviewers are the clinical team's records (team.Clinician), which took
over the authors' table: the same rows, so every byline stays. Django's state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_inline_picture_size_like_every_picture"),
        ("team", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="author",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="articles", to="team.clinician"),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="reviewer",
                    field=models.ForeignKey(blank=True, help_text="The clinician who checked the article's medical content.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="reviewed_articles", to="team.clinician"),
                ),
                migrations.DeleteModel(name="Author"),
            ]
        )
    ]
