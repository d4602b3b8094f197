from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff accounts and how they sign in: the second factor, recovery codes, session limits,
    lock-outs, and a practice manager's reset of a colleague's factors."""

    name = "staff"
    verbose_name = "Staff accounts"


class SignInLockoutsConfig(AxesAppConfig):
    """django-axes under a name staff understand in the admin's menu."""

    default = False
    verbose_name = "Sign-in lock-outs"
