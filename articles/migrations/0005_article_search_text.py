from django.db import migrations, models

from articles.search import refresh_search_index


def index_existing_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    refresh_search_index(Article.objects.all())


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
