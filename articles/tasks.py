"""Background work for articles, run by the task worker (manage.py db_worker)."""

from django.tasks import task

from articles.models import WordPressImport
from articles.wordpress.importer import Importer
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
        with upload.export.open("rb") as file:
            summary = Importer(dry_run=upload.dry_run).run(file, progress)
    except NotAnExport as error:
        runs.update(state=WordPressImport.State.FAILED, summary=str(error), items_read=read)
        return "not an export"
    lines = (["Dry run: nothing was written."] if upload.dry_run else []) + summary.lines()
    runs.update(state=WordPressImport.State.DONE, summary="\n".join(lines), items_read=read)
    return lines[-1] if lines else "done"
