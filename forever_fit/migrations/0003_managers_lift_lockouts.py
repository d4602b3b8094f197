from django.db import migrations

from core.staff_groups import grant


def managers_see_and_lift_lockouts(apps, schema_editor):
    # Deleting an access attempt is how django-axes lifts a lock-out.
    grant(
        apps,
        "axes",
        "Practice managers",
        ["view_accessattempt", "delete_accessattempt", "view_accesslog"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forever_fit", "0002_home_page"),
        ("axes", "0010_accessattemptexpiration"),
        ("appointments", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(managers_see_and_lift_lockouts, migrations.RunPython.noop)]
