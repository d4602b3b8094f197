"""The staff's own middleware (the site-wide ones are in core/middleware.py).

Staff sessions end after a while without activity, and after a fixed lifetime in any case. A
signed-in staff member who walks away from a front-desk computer leaves the queue of patients'
requests open to whoever sits down next; an idle limit closes it. The lifetime limit bounds a
session that is kept busy (or stolen) all day. Patients have no accounts, so this concerns staff
only.

A signed-in staff member who has not passed a second factor is sent to verify or enrol
(staff/second_factor/).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from staff.second_factor import to_second_factor

STARTED, LAST_SEEN = "staff_session_started", "staff_session_last_seen"
# Writing the session on every request would be wasteful; a minute's precision is enough.
TOUCH_EVERY_SECONDS = 60


class StaffSessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: not even reading the (empty) session
        # keeps the response shareable by the page cache (no "Vary: Cookie").
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            self.enforce(request)
        return self.get_response(request)

    def enforce(self, request):
        now = time.time()
        session = request.session
        started = session.setdefault(STARTED, now)
        last_seen = session.get(LAST_SEEN, now)
        idle_limit = settings.STAFF_SESSION_IDLE_MINUTES * 60
        lifetime = settings.STAFF_SESSION_MAX_HOURS * 3600
        if now - last_seen > idle_limit:
            reason = f"after {settings.STAFF_SESSION_IDLE_MINUTES} minutes without activity"
        elif now - started > lifetime:
            reason = f"after {settings.STAFF_SESSION_MAX_HOURS} hours"
        else:
            if now - last_seen >= TOUCH_EVERY_SECONDS or LAST_SEEN not in session:
                session[LAST_SEEN] = now
            return
        logout(request)
        messages.info(request, f"You were signed out {reason}, to keep patients' details safe.")


class SecondFactorMiddleware:
    """Sends a signed-in staff member who has not passed a second factor to verify or enrol.

    Every admin page needs it in production. With `STAFF_SECOND_FACTOR_REQUIRED` off (the
    demo of `make run`; `check --deploy` reports it), patients' requests still need it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        admin = "/" + settings.ADMIN_URL
        self.admin_prefix = admin
        self.patient_data_prefix = admin + "appointments/"
        self.open_paths = [
            admin + "login/",
            admin + "logout/",
            admin + "second-factor/",
            admin + "jsi18n/",
        ]

    def __call__(self, request):
        path = request.path_info
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not path.startswith(
            self.admin_prefix
        ):
            return self.get_response(request)  # nobody signed in, or not the admin
        user = request.user
        if (
            user.is_authenticated
            and not any(path.startswith(p) for p in self.open_paths)
            and (settings.STAFF_SECOND_FACTOR_REQUIRED or path.startswith(self.patient_data_prefix))
            and not user.is_verified()
        ):
            return to_second_factor(request)
        return self.get_response(request)
