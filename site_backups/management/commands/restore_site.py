from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from site_backups.archives import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_site into an empty database (DATABASE_URL) and empty "
        "upload folders. The archive is checked whole first; nothing is written from one that "
        "is damaged. Refuses a database that already has tables."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by backup_site.")
        parser.add_argument(
            "--replace-uploads",
            action="store_true",
            help="Upload folders that are not empty are renamed aside (name.replaced-TIME) "
            "instead of refused.",
        )

    def handle(self, *args, archive, replace_uploads=False, **options):
        try:
            manifest = restore(Path(archive), replace_uploads=replace_uploads)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {manifest.describe()}."))
