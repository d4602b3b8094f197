"""Staff accounts' app, split from the shared package (`core`) in December 2026.

The recovery codes' tables were made by core's first migration and keep their names
(`db_table`): this app takes them over in Django's state only. Their content types move here, so
the practice managers keep "Can reset a colleague's second factor". The groups' grants below
were made by core's and the project package's migrations on older databases; each only adds
what is missing.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.staff_groups import grant


def adopt_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("recoverycodes", "recoverycode"):
        if not ContentType.objects.filter(app_label="staff", model=model).exists():
            ContentType.objects.filter(app_label="core", model=model).update(app_label="staff")


def managers_reset_factors_and_lift_lockouts(apps, schema_editor):
    # Managers see the staff accounts (not edit them) and reset a colleague's lost factor.
    grant(apps, "staff", "Practice managers", ["reset_second_factor"])
    grant(apps, "auth", "Practice managers", ["view_user"])
    # Deleting an access attempt is how django-axes lifts a lock-out.
    grant(
        apps,
        "axes",
        "Practice managers",
        ["view_accessattempt", "delete_accessattempt", "view_accesslog"],
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_staff_features_moved_out"),
        ("appointments", "0002_staff_groups"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RecoveryCodes",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(help_text="The human-readable name of this device.", max_length=64)),
                        ("confirmed", models.BooleanField(default=True, help_text="Is this device ready for use?")),
                        ("throttling_failure_timestamp", models.DateTimeField(blank=True, default=None, help_text="A timestamp of the last failed verification attempt. Null if last attempt succeeded.", null=True)),
                        ("throttling_failure_count", models.PositiveIntegerField(default=0, help_text="Number of successive failed attempts.")),
                        ("user", models.ForeignKey(help_text="The user that this device belongs to.", on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "recovery codes",
                        "verbose_name_plural": "recovery codes",
                        "permissions": [("reset_second_factor", "Can reset a colleague's second factor")],
                        "db_table": "core_recoverycodes",
                    },
                ),
                migrations.CreateModel(
                    name="RecoveryCode",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("lookup", models.CharField(max_length=4)),
                        ("code_hash", models.CharField(max_length=256)),
                        ("used_at", models.DateTimeField(blank=True, null=True)),
                        ("device", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="codes", to="staff.recoverycodes")),
                    ],
                    options={
                        "db_table": "core_recoverycode",
                        "indexes": [models.Index(fields=["device", "lookup"], name="core_recove_device__fad81f_idx")],
                    },
                ),
            ]
        ),
        migrations.RunPython(adopt_content_types, migrations.RunPython.noop),
        migrations.RunPython(managers_reset_factors_and_lift_lockouts, migrations.RunPython.noop),
    ]
