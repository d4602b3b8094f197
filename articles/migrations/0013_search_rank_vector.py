"""Search results ranked by a vector of the title, summary and the start of the body only
(articles/search.py says why); filled here for the articles already saved, on PostgreSQL."""

import django.contrib.postgres.search
from django.db import migrations

# As articles.search.refresh_search_vectors builds it, written out so this step never changes.
FILL = """
UPDATE articles_article SET search_rank_vector =
    setweight(to_tsvector('english'::regconfig, split_part(search_text, E'\\n', 1)), 'A')
    || setweight(to_tsvector('english'::regconfig, split_part(search_text, E'\\n', 2)), 'B')
    || setweight(to_tsvector('english'::regconfig,
                             left(split_part(search_text, E'\\n', 3), 300)), 'C')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_wordpress_import_uploads"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
