"""The staff member's own pages: verify a factor after the password, and manage their factors."""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff.models import RecoveryCodes
from staff.second_factor import has_factor, log, may_enrol


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _next_url(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _with_next(view_name: str, target: str) -> str:
    return f"{reverse(view_name)}?{urlencode({REDIRECT_FIELD_NAME: target})}"


def _page(request, template, title, **context):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "next": _next_url(request),
        **context,
    }
    return render(request, f"admin/second_factor/{template}", context)


def _passed(request, device, kind: str):
    otp_login(request, device)
    log.info("Second factor passed by %s (%s)", request.user.get_username(), kind)
    if kind == "recovery code":
        messages.warning(
            request,
            f"You used a recovery code; {device.codes_left()} left. Make new ones under "
            "Sign-in security if you have lost your phone or key.",
        )
    return redirect(_next_url(request))


def verify(request):
    """After the password: a code from the app, a passkey, or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not has_factor(user):
        return redirect(_with_next("second_factor:security", _next_url(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if code.isdigit():
            devices, kind = TOTPDevice.objects.filter(user=user, confirmed=True), "app"
        else:
            devices, kind = RecoveryCodes.objects.filter(user=user, confirmed=True), "recovery code"
        devices = list(devices)
        if devices and not any(d.verify_is_allowed()[0] for d in devices):
            form.add_error("code", "Too many wrong codes in a row. Wait a minute, then try again.")
        else:
            for device in devices:
                if device.verify_token(code):
                    return _passed(request, device, kind)
            log.warning("Second factor failed for %s (%s)", user.get_username(), kind)
            form.add_error(
                "code",
                "That code did not work. Type the 6 digits your app shows now, or one of your "
                "recovery codes.",
            )
    return _page(
        request,
        "verify.html",
        "Confirm it is you",
        form=form,
        has_app=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        has_passkey=WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
        has_recovery_codes=RecoveryCodes.objects.filter(user=user).exists(),
    )


def _pending_app(user) -> TOTPDevice:
    """The authenticator app being added: a secret kept unconfirmed until a code proves it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def _qr_svg(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, light="#fff")
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to add this account to your app" ', 1
    )


def security(request):
    """Sign-in security: the person's factors, adding one, removing one, recovery codes."""
    user = request.user
    if not may_enrol(user):
        return redirect(_with_next("second_factor:verify", request.get_full_path()))
    form = CodeForm(request.POST or None)
    apps = TOTPDevice.objects.filter(user=user, confirmed=True)
    pending = None if apps else _pending_app(user)
    if request.method == "POST" and pending and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            log.info("Authenticator app added by %s", user.get_username())
            if not user.is_verified():
                otp_login(request, pending)
            if not RecoveryCodes.objects.filter(user=user).exists():
                return _show_recovery_codes(request, first=True)
            messages.success(request, "Your authenticator app was added.")
            return redirect(_next_url(request))
        form.add_error(
            "code", "That code did not match. Scan the QR code again and type the code shown now."
        )
    recovery = RecoveryCodes.objects.filter(user=user).first()
    return _page(
        request,
        "security.html",
        "Sign-in security",
        form=form,
        apps=apps,
        pending=pending,
        qr_svg=_qr_svg(pending) if pending else "",
        secret=" ".join(_groups(b32encode(pending.bin_key).decode())) if pending else "",
        passkeys=WebAuthnCredential.objects.filter(user=user, confirmed=True),
        recovery_codes_left=recovery.codes_left() if recovery else None,
        required=settings.STAFF_SECOND_FACTOR_REQUIRED,
    )


def _groups(text: str, size: int = 4) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _show_recovery_codes(request, first=False):
    codes = RecoveryCodes.issue(request.user)
    log.info("Recovery codes issued to %s", request.user.get_username())
    # admin_view() marks every page here no-store: the codes stay out of any cache.
    return _page(request, "recovery_codes.html", "Your recovery codes", codes=codes, first=first)


@require_POST
def new_recovery_codes(request):
    if not request.user.is_verified():
        raise PermissionDenied
    return _show_recovery_codes(request)


@require_POST
def remove_factor(request, persistent_id):
    """Remove one of your own factors, never the last: a lost one is for a manager to reset."""
    user = request.user
    device = Device.from_persistent_id(persistent_id)
    if not user.is_verified() or device is None or device.user_id != user.pk:
        raise PermissionDenied
    others = [
        d
        for d in TOTPDevice.objects.filter(user=user, confirmed=True)
        if d.persistent_id != device.persistent_id
    ] + [
        d
        for d in WebAuthnCredential.objects.filter(user=user, confirmed=True)
        if d.persistent_id != device.persistent_id
    ]
    if not others:
        messages.error(request, "Add another app or passkey before removing your last one.")
    else:
        if user.otp_device and user.otp_device.persistent_id == device.persistent_id:
            otp_login(request, others[0])  # this session stays verified by what remains
        device.delete()
        log.info("Second factor removed by %s (%s)", user.get_username(), device.name)
        messages.success(request, f"“{device.name}” was removed.")
    return redirect("second_factor:security")
