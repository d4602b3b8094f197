from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from site_backups import archives
from site_backups.archives import BackupError


class Command(BaseCommand):
    help = (
        "Back up the database and every upload (public and private) to one archive (.tar.gz), "
        "readable by its owner only. Safe while the site runs. Keep archives encrypted and off "
        "the server: they hold patients' requests. With --verify, check an archive instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write it (default: backups/forever-fit-YYYYMMDD-HHMMSS.tar.gz).",
        )
        parser.add_argument(
            "--verify",
            metavar="ARCHIVE",
            help="Check that ARCHIVE is whole (every file against its manifest) and change "
            "nothing: for a nightly job after the copy.",
        )

    def handle(self, *args, archive=None, verify=None, **options):
        try:
            if verify:
                manifest = archives.verify(Path(verify))
                self.stdout.write(self.style.SUCCESS(f"{verify} is whole: {manifest.describe()}."))
                return
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = Path(archive or f"backups/forever-fit-{stamp}.tar.gz")
            manifest = archives.back_up(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}: {manifest.describe()}."))
