"""Who keeps the plans: clinic managers and practice managers (add, change, delete, view)."""

from django.db import migrations

from core.staff_groups import grant

GROUPS = ["Clinic managers", "Practice managers"]
MODELS = ["plan", "network"]


def grant_groups(apps, schema_editor):
    codenames = [
        f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")
    ]
    for group in GROUPS:
        grant(apps, "insurance", group, codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("insurance", "0001_initial"),
        ("locations", "0003_clinic_managers_group"),
        ("appointments", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_groups, migrations.RunPython.noop)]
