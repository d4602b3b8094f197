"""Staff second factor: an authenticator app (TOTP), passkeys or security keys, recovery codes.

django-otp marks a session "verified" once a factor was checked; django-otp-webauthn adds
passkeys as django-otp devices. What is ours: the rule that the admin needs a verified session
(and `staff_view`, the same rule for staff pages outside the admin's address),
the pages where staff enrol and verify, recovery codes kept as hashes (`core.models`), and a
practice manager's reset of a colleague's factors (`core.admin`).
"""

import logging
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user

log = logging.getLogger("forever_fit.staff_sign_in")


def has_factor(user) -> bool:
    """True when the person enrolled at least one confirmed factor (recovery codes aside)."""
    from core.models import RecoveryCodes

    return any(
        not isinstance(device, RecoveryCodes) for device in devices_for_user(user, confirmed=True)
    )


def may_enrol(user) -> bool:
    """A first factor needs only the password; every later change needs a verified session."""
    return user.is_verified() or not has_factor(user)


def _to_second_factor(request):
    step = "verify" if has_factor(request.user) else "security"
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse(f'second_factor:{step}')}?{query}")


def staff_view(view):
    """Mark and guard a staff page that lives outside the admin's address (a draft's preview,
    say): every such view must be wrapped in this (a test walks the URLconf for it).

    Anyone not signed in as active staff gets a 404, so a visitor never learns that a staff
    page, or the admin's address, exists; staff without a verified second factor are sent to
    it, exactly as for admin pages.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            raise Http404
        if settings.STAFF_SECOND_FACTOR_REQUIRED and not user.is_verified():
            return _to_second_factor(request)
        return view(request, *args, **kwargs)

    guarded.staff_only = True
    return guarded


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
            return _to_second_factor(request)
        return self.get_response(request)
