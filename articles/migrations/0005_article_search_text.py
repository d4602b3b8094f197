from django.db import migrations, models

from articles.html import plain_text
from articles.search import search_text

# The search vector as it was built when this step was written (PostgreSQL), spelled out here:
# calling today's articles.search would write columns this step's model does not have yet.
VECTOR = """
UPDATE articles_article SET search_vector =
    setweight(to_tsvector('english'::regconfig, split_part(search_text, E'\\n', 1)), 'A')
    || setweight(to_tsvector('english'::regconfig, split_part(search_text, E'\\n', 2)), 'B')
    || setweight(to_tsvector('english'::regconfig, split_part(search_text, E'\\n', 3)), 'C')
"""


def index_existing_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    rows = list(Article.objects.only("pk", "title", "summary", "body"))
    for article in rows:
        article.search_text = search_text(article.title, article.summary, plain_text(article.body))
    Article.objects.bulk_update(rows, ["search_text"], batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_topic_request_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(index_existing_articles, migrations.RunPython.noop),
    ]
