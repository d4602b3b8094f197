from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forever_fit.backups import BackupError, back_up


class Command(BaseCommand):
    help = (
        "Back up the database and every upload to one archive (.tar.gz). Safe while the site "
        "runs. Keep archives encrypted and off the server: they hold patients' requests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it (default: backups/forever-fit-YYYYMMDD-HHMMSS.tar.gz).",
        )

    def handle(self, *args, archive=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(archive or f"backups/forever-fit-{stamp}.tar.gz")
        try:
            manifest = back_up(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}: {manifest.describe()}."))
