from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forever_fit.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_site into an empty database (DATABASE_URL) and the "
        "uploads folder. Refuses a database that already has tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by backup_site.")

    def handle(self, *args, archive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No backup archive at {path}.")
        try:
            manifest = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {manifest.describe()}."))
