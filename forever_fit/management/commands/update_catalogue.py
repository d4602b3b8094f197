from django.core.management.base import BaseCommand

from forever_fit import catalogue


class Command(BaseCommand):
    help = (
        "Add the strings our templates and modules mark to the Spanish catalogue "
        "(locale/es/LC_MESSAGES/django.po) and drop those no longer marked; then translate "
        "the empty and fuzzy entries by hand."
    )

    def handle(self, *args, **options):
        added, dropped = catalogue.update()
        self.stdout.write(f"{catalogue.CATALOGUE}: {added} added, {dropped} dropped.")
