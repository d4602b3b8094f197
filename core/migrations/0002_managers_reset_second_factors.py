from django.db import migrations

from core.staff_groups import grant


def managers_reset_second_factors(apps, schema_editor):
    # Managers see the staff accounts (not edit them) and reset a colleague's lost factor.
    grant(apps, "core", "Practice managers", ["reset_second_factor"])
    grant(apps, "auth", "Practice managers", ["view_user"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_second_factor"),
        ("appointments", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(managers_reset_second_factors, migrations.RunPython.noop)]
