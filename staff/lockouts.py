"""What a locked-out staff member sees (django-axes counts the failures and decides)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """Say how long the lock lasts and who can lift it, in the admin's own look (HTTP 429)."""
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused",
        "minutes": settings.STAFF_LOGIN_LOCKOUT_MINUTES,
    }
    return render(request, "admin/locked_out.html", context, status=429)
