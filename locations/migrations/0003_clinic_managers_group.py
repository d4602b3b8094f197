"""The Clinic managers group: keeps clinic details, hours and services current, nothing else."""

from django.db import migrations

from core.staff_groups import grant

GROUP = "Clinic managers"
MODELS = ["clinic", "openinghours", "specialhours", "service"]


def create_group(apps, schema_editor):
    codenames = [f"{action}_{model}" for model in MODELS
                 for action in ("add", "change", "delete", "view")]
    grant(apps, "locations", GROUP, codenames)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0002_services_special_hours_photo"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
