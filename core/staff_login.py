"""Staff sign-in, throttled: repeated failures from one address, or for one username, stop
further tries for a while, across every web process (the counts live in the shared cache)."""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from core.rate_limits import attempts, client_address, count_attempt

SCOPE = "staff-sign-in"


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    def clean(self):
        window = settings.STAFF_LOGIN_LOCKOUT_MINUTES * 60
        identities = [
            "address:" + client_address(self.request),
            "user:" + self.data.get("username", "").strip().lower(),
        ]
        if any(
            attempts(SCOPE, identity, window_seconds=window) >= settings.STAFF_LOGIN_MAX_FAILURES
            for identity in identities
        ):
            raise ValidationError(
                f"Too many failed sign-ins. Wait {settings.STAFF_LOGIN_LOCKOUT_MINUTES} minutes "
                "and try again, or ask a practice manager to reset your password.",
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            for identity in identities:
                count_attempt(SCOPE, identity, window_seconds=window)
            raise
