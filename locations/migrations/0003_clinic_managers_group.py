"""The Clinic managers group: keeps clinic details, hours and services current, nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Clinic managers"
MODELS = ["clinic", "openinghours", "specialhours", "service"]


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now so the group gets them.
    app_config = apps.get_app_config("locations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="locations", content_type__model__in=MODELS)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0002_services_special_hours_photo"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
