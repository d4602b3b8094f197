"""Staff second factor: an authenticator app (TOTP), passkeys or security keys, recovery codes.

django-otp marks a session "verified" once a factor was checked; django-otp-webauthn adds
passkeys as django-otp devices. What is ours: the rule that the admin needs a verified session
(and `staff_view`, the same rule for staff pages outside the admin's address),
the pages where staff enrol and verify, recovery codes kept as hashes (`staff.models`), a
practice manager's reset of a colleague's factors (`staff.admin`), and the middleware that
sends staff to their second factor (`staff.middleware`).
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
    from staff.models import RecoveryCodes

    return any(
        not isinstance(device, RecoveryCodes) for device in devices_for_user(user, confirmed=True)
    )


def may_enrol(user) -> bool:
    """A first factor needs only the password; every later change needs a verified session."""
    return user.is_verified() or not has_factor(user)


def to_second_factor(request):
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
            return to_second_factor(request)
        return view(request, *args, **kwargs)

    guarded.staff_only = True
    return guarded
