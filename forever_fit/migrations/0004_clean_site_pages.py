"""Site pages saved before their HTML was sanitized: cleaned with the articles' rules."""

from django.db import migrations

from articles.html import sanitize_article_html


def clean(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    for page in FlatPage.objects.all():
        cleaned = sanitize_article_html(page.content)
        if cleaned != page.content:
            FlatPage.objects.filter(pk=page.pk).update(content=cleaned)


class Migration(migrations.Migration):
    dependencies = [("forever_fit", "0003_managers_lift_lockouts"), ("flatpages", "0001_initial")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
