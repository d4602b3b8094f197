"""Who keeps the stories: editors write them and record consents; practice managers also
download the signed forms. Nobody deletes a consent (it is withdrawn, and that is recorded)."""

from django.db import migrations

from core.staff_groups import grant

EDITING = ["add_story", "change_story", "view_story", "add_consent", "change_consent", "view_consent"]


def grant_groups(apps, schema_editor):
    grant(apps, "stories", "Editors", EDITING)
    grant(apps, "stories", "Practice managers", [*EDITING, "download_authorization"])


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("articles", "0003_search_index_notice_groups"),
        ("appointments", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_groups, migrations.RunPython.noop)]
