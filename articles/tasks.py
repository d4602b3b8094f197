"""Background work for articles, run by the task worker (manage.py db_worker)."""

from contextlib import ExitStack

from django.tasks import task

from articles.models import WordPressImport
from articles.wordpress.importer import Importer
from articles.wordpress.uploads_zip import NotAnUploadsZip, pictures_named_in, unpacked_uploads
from articles.wordpress.wxr import NotAnExport

PROGRESS_EVERY = 25  # items between progress updates the admin page shows


@task
def import_wordpress_export(import_id: int) -> str:
    """Import an export uploaded in the admin; its page shows the progress and the summary."""
    runs = WordPressImport.objects.filter(pk=import_id)
    upload = runs.get()
    runs.update(state=WordPressImport.State.RUNNING, items_read=0)
    read = 0

    def progress(item):
        nonlocal read
        read += 1
        if read % PROGRESS_EVERY == 0:
            runs.update(items_read=read)

    try:
        with ExitStack() as stack:
            pictures, notes = None, []
            if upload.uploads:
                with upload.export.open("rb") as export:
                    wanted = pictures_named_in(export)
                zipped = stack.enter_context(upload.uploads.open("rb"))
                pictures, notes = stack.enter_context(unpacked_uploads(zipped, wanted))
            with upload.export.open("rb") as file:
                importer = Importer(dry_run=upload.dry_run, uploads=pictures)
                summary = importer.run(file, progress)
    except (NotAnExport, NotAnUploadsZip) as error:
        runs.update(state=WordPressImport.State.FAILED, summary=str(error), items_read=read)
        return "stopped"
    finally:
        # The pictures are in the media now (or were not wanted): no need to keep 1 GB around.
        if upload.uploads:
            upload.uploads.delete(save=False)
            runs.update(uploads="")
    lines = (["Dry run: nothing was written."] if upload.dry_run else []) + summary.lines()
    lines += notes
    runs.update(
        state=WordPressImport.State.DONE,
        summary="\n".join(lines),
        items_read=read,
        redirect_report="" if upload.dry_run else summary.redirect_report(),
    )
    return lines[-1] if lines else "done"
