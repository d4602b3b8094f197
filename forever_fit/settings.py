"""Settings for the Forever Fit site: one module, configured only from the environment.

Every variable is documented in .env.example and the README.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# An optional .env file for local production trials; `make test` points this at /dev/null so a
# developer's .env never changes what the tests see.
env_file = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if os.path.isfile(env_file):
    env.read_env(env_file)

# --- Core -------------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production needs a long random secret key; create one "
            "with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # DEBUG only: production refuses to start without DJANGO_SECRET_KEY (bandit B105).
    SECRET_KEY = "django-insecure-development-only"  # nosec B105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin (its forms): content fields in each language, edited side by side.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # runserver serves static files the way production does
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",  # privacy notice and accessibility statement, edited by staff
    "django.contrib.sitemaps",
    "django.contrib.redirects",  # a changed article address answers with a 301
    "django.contrib.postgres",  # full-text search on PostgreSQL (unused on SQLite)
    "django_prose_editor",
    # Before django_tasks_db: its `db_worker` command is core's (a heartbeat, start-up checks).
    "core",
    "django_tasks_db",
    "staff.apps.SignInLockoutsConfig",  # django-axes: staff sign-in lock-outs (Security)
    "django_otp",  # staff second factor (staff/second_factor)
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "forever_fit",  # the configuration: its deploy checks
    "staff",
    "pages",
    "team",
    "insurance",
    "stories",
    "articles",
    "locations",
    "appointments",
    "dashboard",
    "site_backups",
    "demo",
]

# Site-wide middleware is in core/middleware.py; a feature's own is in its app's middleware.py.
MIDDLEWARE = [
    # Outermost: a GET whose database connection died mid-page is drawn once more.
    "core.middleware.RetryAfterLostConnectionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    # The language from the address (/es/...), before anything draws or counts a page.
    "core.middleware.LanguageFromPathMiddleware",
    # Outside the page cache: a search answered from it is counted too.
    "articles.middleware.SearchCountsMiddleware",
    # Before sessions and sign-in: a cached page costs no database query at all.
    "core.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.middleware.StaffSessionLimitsMiddleware",
    "staff.middleware.SecondFactorMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with its lock-out page.
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Django's redirect fallback, but with query strings, and hidden posts kept hidden.
    "articles.middleware.OldAddressesMiddleware",
    # Site pages at their own address (pages moved in from WordPress); answers before the above.
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]

ROOT_URLCONF = "forever_fit.urls"
WSGI_APPLICATION = "forever_fit.wsgi.application"
SITE_ID = 1
# The site's public address: every absolute link (canonical, sitemap, feeds, JSON-LD, emails)
# starts with it, whatever Host a request came with (core/site.py).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://localhost:8000").rstrip("/")
SITE_DOMAIN = urlsplit(SITE_URL).netloc  # kept in the Sites table for flat pages and redirects
# The organisation's name, in titles, emails, feeds and JSON-LD; the short one in running text.
SITE_NAME = "Forever Fit Physical Therapy"
SITE_SHORT_NAME = "Forever Fit"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "core.context_processors.site",
                "locations.context_processors.clinic_contacts",
            ],
        },
    },
]

# The admin lives at a path that is not guessable in production.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"

# Where security researchers report problems (/.well-known/security.txt).
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="mailto:security@foreverfitpt.example")

# A central number for the header; each clinic's own number is on its page and in the footer.
CLINIC_MAIN_PHONE = env.str("CLINIC_MAIN_PHONE", default="+14105550100")

# English at today's addresses, Spanish under /es/ (forever_fit/urls.py). The page's language
# comes from its address alone (core.middleware.LanguageFromPathMiddleware), never from the
# browser: one address, one page, for the page cache, the front cache and search engines.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# Our catalogue, written by us (locale/es/LC_MESSAGES/django.po); `make` compiles it.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in both languages (django-modeltranslation: each app's translation.py names the
# fields). Pages read the field of their language and fall back to English field by field; what
# needs its own version to be shown at all (an article) asks whether it has one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The clinics are all in Maryland: opening hours, publish times and business days are Eastern.
# Code reads the clinics' wall clock through django.utils.timezone (localtime, localdate), which
# uses this zone: there is no second time-zone constant.
TIME_ZONE = "America/New_York"
# Our own formats first (forever_fit/formats/<language>/formats.py): 12-hour times in the admin
# and, in Spanish, on the public pages ("9:00 a. m.", as US Spanish writes them).
FORMAT_MODULE_PATH = ["forever_fit.formats"]
USE_I18N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Database ---------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL: readers never wait for the single writer. IMMEDIATE: a writing transaction takes
        # the lock up front instead of failing with "database is locked" halfway through.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file too: an in-memory database cannot be shared by the live server's
    # threads, and the concurrency tests must see SQLite as production runs it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
# Each web process keeps its connection between requests. A new one costs PostgreSQL a backend
# process and SQLite its PRAGMAs and Django's forty-odd SQL functions: about half the CPU of an
# uncached article page when paid on every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Cache ------------------------------------------------------------------------------------

# Redis in production (shared by every web process); local memory when unset.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Several sites (or a check like make scale-check) can share one Redis database under prefixes.
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Ours fails as a cache should (an error is a miss, never a 500) behind a circuit breaker.
    CACHES["default"]["BACKEND"] = "core.redis_cache.RedisCache"
    # A cache read takes well under a millisecond; one that takes longer is answered by the
    # database instead. Without these, a hung Redis holds every request for minutes.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=env.float("CACHE_TIMEOUT_SECONDS", default=0.25),
        socket_timeout=env.float("CACHE_TIMEOUT_SECONDS", default=0.25),
    )
# Pages of what visitors type (searches, ZIP codes) stay out of the shared cache, in a bounded
# space of each process's memory (core/page_cache.py): about 20 KB a page, 10 MB a process.
CACHES["typed_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "typed-pages",
    "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_TYPED_ENTRIES", default=500)},
}

# --- Static and media files -------------------------------------------------------------------

STATIC_URL = "/static/"
# Where collectstatic puts the files (nginx may serve them from there: deploy/nginx).
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Files staff upload that must never be public (WordPress exports hold drafts and private posts).
PRIVATE_ROOT = env.path("DJANGO_PRIVATE_ROOT", default=BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and pre-compressed copies: whitenoise can then cache them for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Security ---------------------------------------------------------------------------------

BEHIND_TLS_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    # Only safe when the proxy overwrites this header on every request it forwards.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Sessions end when the browser closes; for staff, the idle and lifetime limits under Security
# end them sooner.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Patients' paths (which article, which form) never leak to other sites.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything comes from our own origin: no third-party scripts, fonts, images or trackers.
# Nothing is allowed unless listed: each kind of resource the pages and the admin use is named.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    # The nonce is for the admin's scripts (the article editor's import map); public pages
    # use none, so their header says script-src 'self' only.
    "script-src": [CSP.SELF, CSP.NONCE],
    # The hash lets the article editor (Tiptap, in django-prose-editor) add its base styles, the
    # one inline <style> anywhere; a browser test fails with the new hash if the package changes.
    "style-src": [CSP.SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Many fields or a large body is an attack or a mistake: Django answers 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Staff sign-in (django-axes): after this many failures for one username or from one address,
# further tries are refused until the lock-out minutes have passed since the failure that set
# it, or a practice manager lifts it (admin: Sign-in lock-outs › Access attempts). Counts live
# in the database, so they hold across workers and hosts; the address is the one our trusted
# proxy reports.
STAFF_LOGIN_MAX_FAILURES = env.int("STAFF_LOGIN_MAX_FAILURES", default=5)
STAFF_LOGIN_LOCKOUT_MINUTES = env.int("STAFF_LOGIN_LOCKOUT_MINUTES", default=15)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = STAFF_LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=STAFF_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_CLIENT_IP_CALLABLE = "core.rate_limits.client_address"
AXES_RESET_ON_SUCCESS = True
# Tries during a lock-out do not extend it: it ends when the page said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "staff.lockouts.lockout_response"
# Staff are signed out after this long without a request, and after the lifetime in any case
# (staff/middleware.py). A password change signs out the account's other sessions (Django
# checks each session against the password it was opened with).
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
STAFF_SESSION_MAX_HOURS = env.int("STAFF_SESSION_MAX_HOURS", default=8)
# Second factor (staff/second_factor): every admin page needs one in production. Only the demo
# (`make run`) turns this off, and `check --deploy` then fails (forever_fit.E002); patients'
# requests need a factor even then.
STAFF_SECOND_FACTOR_REQUIRED = env.bool("STAFF_SECOND_FACTOR_REQUIRED", default=True)
# After the admin's sign-in with no safe "next": the admin (Django's default is a page we lack).
LOGIN_REDIRECT_URL = "admin:index"
OTP_TOTP_ISSUER = SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes in a row, wait 2^(n-1) seconds
# Passkeys belong to the site's host name; they are a second factor, never the only one.
OTP_WEBAUTHN_RP_ID = urlsplit(SITE_URL).hostname
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# --- Mail -------------------------------------------------------------------------------------

# django-environ does not build Django 6.1's MAILERS yet, so it is built from its URL parser.
# Console in development: mail is printed, never sent.


def mailer_from_url(url: str) -> dict:
    """One MAILERS entry from an EMAIL_URL such as smtp+tls://user:password@host:587."""
    config = environ.Env.email_url_config(url)
    if config["EMAIL_BACKEND"] != "django.core.mail.backends.smtp.EmailBackend":
        return {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": {}}
    return {
        "BACKEND": config["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": config["EMAIL_HOST"],
            "port": config["EMAIL_PORT"],
            "username": config["EMAIL_HOST_USER"],
            "password": config["EMAIL_HOST_PASSWORD"],
            "use_tls": config.get("EMAIL_USE_TLS", False),
            "use_ssl": config.get("EMAIL_USE_SSL", False),
            "timeout": 10,
        },
    }


MAILERS = {
    "default": mailer_from_url(
        env.str("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
    )
}

DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"{SITE_SHORT_NAME} <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Tasks ------------------------------------------------------------------------------------

# A queue in the database: a request's notification is stored in the same database as the
# request, and `manage.py db_worker` sends it. Mail being down never slows or fails the form.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Page cache (core/page_cache.py) ------------------------------------------------------------

# Public pages for visitors without a session, in the shared cache; any content change forgets
# them all at once, and none outlives the next scheduled publication or opening-hours change.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# What nginx or a CDN may keep (s-maxage), and serve while refreshing (stale-while-revalidate).
# Together at most 10 s: a publish shows through the front cache within 10 s (make scale-check
# measures it); a revalidation is a 304 on the ETag, so short times cost the app little.
PAGE_FRONT_CACHE_SECONDS = env.int("PAGE_FRONT_CACHE_SECONDS", default=5)
PAGE_STALE_SECONDS = env.int("PAGE_STALE_SECONDS", default=5)

# --- Articles ---------------------------------------------------------------------------------

# Searches that are not already in the page cache, per visitor's address and minute: above it,
# a page asking them to wait (0: no limit; make bench measures the search itself).
SEARCH_RATE_LIMIT_PER_MINUTE = env.int("SEARCH_RATE_LIMIT_PER_MINUTE", default=30)
# Weekly counts of what readers searched for (the admin's "Searches"); older weeks are deleted.
SEARCH_COUNT_RETENTION_DAYS = env.int("SEARCH_COUNT_RETENTION_DAYS", default=365)

# An article whose medical review is older than this is listed as "review due" in the admin.
ARTICLE_REVIEW_DUE_DAYS = env.int("ARTICLE_REVIEW_DUE_DAYS", default=365)
# How long a shared preview link for a draft works (it also stops when the article changes).
ARTICLE_PREVIEW_LINK_DAYS = env.int("ARTICLE_PREVIEW_LINK_DAYS", default=7)

# --- Appointment requests ---------------------------------------------------------------------

# Requests (health information) are deleted this many days after they arrive; only anonymous
# monthly counts per clinic remain (manage.py purge_old_requests).
APPOINTMENT_RETENTION_DAYS = env.int("APPOINTMENT_RETENTION_DAYS", default=180)
# Where requests without a preferred clinic are announced.
APPOINTMENT_CENTRAL_EMAIL = env.str(
    "APPOINTMENT_CENTRAL_EMAIL", default="frontdesk@foreverfitpt.example"
)
# A request whose clinic has not been told after this many minutes is flagged in the admin.
APPOINTMENT_NOTIFICATION_STUCK_MINUTES = env.int(
    "APPOINTMENT_NOTIFICATION_STUCK_MINUTES", default=30
)
# A worker holds a request's delivery this long; if it dies, the running worker takes over
# after it (and marks the dead worker's task failed). It checks every TASK_QUEUE_CHECK_SECONDS.
APPOINTMENT_NOTIFICATION_LEASE_SECONDS = env.int(
    "APPOINTMENT_NOTIFICATION_LEASE_SECONDS", default=300
)
TASK_QUEUE_CHECK_SECONDS = env.int("TASK_QUEUE_CHECK_SECONDS", default=60)
# Form submissions one client may make per hour (counted in the shared cache).
APPOINTMENT_RATE_LIMIT_PER_HOUR = env.int("APPOINTMENT_RATE_LIMIT_PER_HOUR", default=10)
# A form sent sooner than this after it was shown is a bot's; one older than the maximum is
# shown again to be checked and sent once more.
APPOINTMENT_FORM_MIN_SECONDS = env.int("APPOINTMENT_FORM_MIN_SECONDS", default=3)
APPOINTMENT_FORM_MAX_AGE_HOURS = env.int("APPOINTMENT_FORM_MAX_AGE_HOURS", default=6)

# --- Logging ----------------------------------------------------------------------------------

# Everything goes to stdout, one line per event, for the process manager to collect. Error
# reports are never mailed (Django's mailed reports include request data), and no handler here
# prints request bodies or form values: health information must not reach a log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replace Django's defaults, whose mail_admins handler would send request details.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
