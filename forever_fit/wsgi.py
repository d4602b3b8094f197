"""WSGI entry point for gunicorn (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forever_fit.settings")

application = get_wsgi_application()

# Before gunicorn forks its workers, so that each starts with the templates compiled.
from forever_fit.warm_up import warm_up  # noqa: E402 (needs the settings set up just above)

warm_up()
