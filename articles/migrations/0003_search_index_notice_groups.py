"""PostgreSQL's GIN index for search, the callout's first wording, and the editorial groups."""

from django.db import migrations

from core.staff_groups import grant

URGENT_CARE_TEXT = (
    "Some symptoms need a doctor today, not physical therapy. Call 911 or go to the nearest "
    "emergency room if pain follows a fall or accident, if an arm or leg becomes weak or numb "
    "quickly, if you lose control of your bladder or bowels, or if you have chest pain, fever "
    "or trouble breathing with your pain."
)

GROUPS = {
    "Editors": {
        "article": ["add", "change", "delete", "view", "publish"],
        "topic": ["add", "change", "delete", "view"],
        "author": ["add", "change", "delete", "view"],
        "urgentcarenotice": ["change", "view"],
    },
    # Reviewers read and may correct articles and record their review; they cannot publish.
    "Clinical reviewers": {
        "article": ["change", "view", "review"],
        "topic": ["view"],
        "author": ["view"],
    },
}


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_search_gin "
            "ON articles_article USING GIN (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_gin")


def create_notice_and_groups(apps, schema_editor):
    apps.get_model("articles", "UrgentCareNotice").objects.get_or_create(
        pk=1, defaults={"text": URGENT_CARE_TEXT}
    )
    for name, models in GROUPS.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        grant(apps, "articles", name, codenames)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editorial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_gin_index, drop_gin_index),
        migrations.RunPython(create_notice_and_groups, remove_groups),
    ]
