import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.wordpress.importer import Importer, read_author_map
from articles.wordpress.wxr import NotAnExport

PLAIN_PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools › Export, WXR 1.1/1.2) into articles, topics and "
        "authors, keyed on the post ID (a second run updates in place), with a 301 from every "
        "old address. Reads the file as a stream: any size, constant memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file WordPress exported.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change.")
        parser.add_argument(
            "--uploads", help="WordPress's wp-content/uploads folder, for the posts' pictures."
        )
        parser.add_argument(
            "--author-map", help="CSV of WordPress login,author name (no header row)."
        )
        parser.add_argument(
            "--redirect-report",
            help="Write a CSV of every old address, its kind and its new address here.",
        )

    def handle(
        self,
        *args,
        export,
        dry_run=False,
        author_map=None,
        uploads=None,
        redirect_report=None,
        **options,
    ):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        importer = Importer(
            dry_run=dry_run,
            author_map=read_author_map(author_map) if author_map else None,
            uploads=Path(uploads) if uploads else None,
        )
        on_terminal = sys.stderr.isatty()
        read = 0

        def progress(item):
            nonlocal read
            read += 1
            if on_terminal:  # one line, rewritten in place (unstyled: not an error)
                self.stderr.write(f"\r{read} items read…", style_func=str, ending="")
                return
            if options.get("verbosity", 1) > 1:
                self.stdout.write(f"Item {item.post_id}: {item.title}")
            elif read % PLAIN_PROGRESS_EVERY == 0:  # a log file gets a line now and then
                self.stdout.write(f"{read} items read…")

        try:
            # Each post is saved in its own transaction: an interrupted import keeps what it did,
            # and running it again finishes the rest.
            with path.open("rb") as file:
                summary = importer.run(file, progress)
        except NotAnExport as error:
            raise CommandError(str(error)) from error
        finally:
            if on_terminal and read:
                self.stderr.write("", style_func=str)  # ends the progress line
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            for line in summary.inventory_lines():
                self.stdout.write(line)
        for line in summary.lines():
            self.stdout.write(line)
        if redirect_report and not dry_run:
            Path(redirect_report).write_text(summary.redirect_report(), encoding="utf-8")
            self.stdout.write(f"Redirect report: {redirect_report}")
