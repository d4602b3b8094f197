from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`backup_site` and `restore_site`: the database and the uploads in one checked archive."""

    name = "site_backups"
    verbose_name = "Backups"
