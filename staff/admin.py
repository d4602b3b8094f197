"""Staff accounts in the admin: who has a second factor, and a practice manager's reset."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

from staff.models import RecoveryCodes
from staff.second_factor import log

User = get_user_model()

# Factors are managed by their owner (Sign-in security) or reset whole by a manager, never
# edited as rows: the plugins' own admin pages would show TOTP secrets.
for model in (TOTPDevice, WebAuthnCredential, WebAuthnAttestation):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
admin.site.unregister(User)


@admin.register(User)
class StaffAccountAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display, "second_factor"]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
                has_passkey=Exists(
                    WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)
                ),
            )
        )

    @admin.display(description="Second factor")
    def second_factor(self, user):
        kinds = [k for k, has in (("app", user.has_app), ("passkey", user.has_passkey)) if has]
        return " and ".join(kinds).capitalize() if kinds else "None yet"

    def has_reset_second_factor_permission(self, request):
        return request.user.has_perm("staff.reset_second_factor")

    @admin.action(
        description="Reset second factor (they set a new one up at their next sign-in)",
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request, queryset):
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(
                request,
                "You cannot reset your own second factor: ask another practice manager, or "
                "remove a factor under Sign-in security.",
                messages.ERROR,
            )
            return
        for user in queryset:
            for model in (TOTPDevice, WebAuthnCredential, RecoveryCodes):
                model.objects.filter(user=user).delete()
            self.log_change(request, user, "Reset the second factor.")
            log.info(
                "Second factor of %s reset by %s", user.get_username(), request.user.get_username()
            )
        self.message_user(
            request,
            f"Second factor reset for {', '.join(u.get_username() for u in queryset)}. "
            "They set up a new one at their next sign-in.",
            messages.SUCCESS,
        )
