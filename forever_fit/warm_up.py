"""Work every web process would otherwise do on its first requests, done once in gunicorn's
master before it forks the workers (preload_app): compiling the site's templates and the request
form's widget templates, building the URL resolver, importing the cache's client library and
loading the phone numbers' metadata. A new worker (at start, or when one is recycled) then
answers its first request in half the time (the form page: 100 -> 50 ms, its database
connection included); without this each did it all on its first requests, mid-benchmark, among
the slowest responses measured. Nothing here touches the database or the cache, whose
connections must not be shared across the fork."""

import gc

from django.conf import settings
from django.core.cache import caches
from django.template import engines
from django.urls import reverse

from appointments.forms import AppointmentRequestForm
from locations.phones import display_phone


def compile_templates() -> int:
    """Compile the project's own templates and the form widgets' Jinja2 ones; say how many."""
    django_engine = engines["django"]
    names = [
        path.relative_to(folder).as_posix()
        for folder in django_engine.dirs
        for path in folder.rglob("*.html")
    ]
    for name in names:
        django_engine.get_template(name)
    widgets = AppointmentRequestForm.default_renderer.engine.env
    jinja_names = [n for n in widgets.list_templates() if n.endswith(".html")]
    for name in jinja_names:
        widgets.get_template(name)
    for name in ("home", "articles:list", "locations:list", "appointments:request"):
        reverse(name)  # builds the URL resolver and each app's part of it once for all workers
    return len(names) + len(jinja_names)


def warm_up() -> None:
    if settings.DEBUG:
        return  # the development server reloads templates anyway
    compile_templates()
    caches["default"]  # imports the cache's backend (Redis: its client library), no connection
    display_phone(settings.CLINIC_MAIN_PHONE)  # loads the phone library's US metadata
    # What exists now lives as long as the process: out of the garbage collector's sight. A full
    # collection walked these 120,000 objects (75 ms, and every worker reached one at about the
    # same moment: the form's p99 went from 80 to 300-400 ms), and skipping them keeps the
    # workers' copies of these pages shared with the master's.
    gc.collect()
    gc.freeze()
