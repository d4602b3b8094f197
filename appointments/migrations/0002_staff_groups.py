"""Front desk (their clinics' requests) and Practice managers (every request, audit, export)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Front desk": [
        "view_appointmentrequest",
        "change_appointmentrequest",
    ],
    "Practice managers": [
        "view_appointmentrequest",
        "change_appointmentrequest",
        "delete_appointmentrequest",
        "view_all_requests",
        "export_appointmentrequest",
        "view_requestaccess",
        "view_monthlyrequestcount",
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now for the groups.
    app_config = apps.get_app_config("appointments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="appointments", codename__in=codenames
            )
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
