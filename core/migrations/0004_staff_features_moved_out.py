"""Recovery codes belong to the staff app now (staff/migrations/0001_initial.py): taken out of
this app's state only; their tables stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_cache_outages_and_worker_heartbeats")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RecoveryCode"),
                migrations.DeleteModel(name="RecoveryCodes"),
            ]
        )
    ]
