"""gunicorn settings for production (`make prod`); each can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are quick and CPU-bound; 2 per core keeps both cores busy while one
# worker waits on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so that a slow leak can never take the site down (at a few
# thousand pages a second, 2,000 meant a restart every few seconds).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50_000))
max_requests_jitter = max_requests // 10
# Load the app once in the master: faster forks, and a broken configuration fails at start-up.
preload_app = True

# gunicorn 27 opens a control socket at one fixed path ($XDG_RUNTIME_DIR or ~/.gunicorn), which
# two instances on one host would share: off unless an instance names its own.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

accesslog = "-"
errorlog = "-"
# The path without its query string: a query can carry a patient's choices (?reason=...).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# Requests larger than Django would accept are refused before they reach it.
limit_request_line = 4094
limit_request_fields = 100
