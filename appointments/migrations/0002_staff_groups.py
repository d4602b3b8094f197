"""Front desk (their clinics' requests) and Practice managers (every request, audit, export)."""

from django.db import migrations

from core.staff_groups import grant

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
    for name, codenames in GROUPS.items():
        grant(apps, "appointments", name, codenames)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
