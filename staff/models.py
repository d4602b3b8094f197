"""Recovery codes: the staff second factor for the day the phone or security key is lost.

django-otp's own "static" device keeps its codes in plain text. These are kept the way
passwords are (OWASP ASVS 5.0 asks for a password hash below 112 bits of entropy): each code's
first group is a lookup key, so checking a code costs one hash, not one per code.
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin

# Crockford's base32: no I, L, O or U to misread. Three groups of four: 60 bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4
# scrypt is an approved password hash and a tenth of PBKDF2's time here: 0.2 s a code.
HASHER = "scrypt"


def normalize(typed: str) -> str:
    """What people type ("abcd efgh-jkmn", lower case, O for 0) as the stored form."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    return "-".join(cleaned[i : i + GROUP_LENGTH] for i in range(0, len(cleaned), GROUP_LENGTH))


class RecoveryCodes(ThrottlingMixin, Device):
    """A person's set of single-use recovery codes (one set each; a new set replaces it)."""

    COUNT = 10

    class Meta:
        db_table = "core_recoverycodes"  # made when core held the staff features (migration 0001)
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"
        permissions = [("reset_second_factor", "Can reset a colleague's second factor")]

    def get_throttle_factor(self):
        return settings.OTP_TOTP_THROTTLE_FACTOR

    @classmethod
    def issue(cls, user) -> list[str]:
        """A fresh set for this person, replacing any earlier one; the codes are seen only now.

        The device itself is kept, so a session verified with an old code stays verified.
        """
        codes = []
        while len(codes) < cls.COUNT:
            code = "-".join(
                "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH))
                for _ in range(GROUPS)
            )
            if code[:GROUP_LENGTH] not in {c[:GROUP_LENGTH] for c in codes}:
                codes.append(code)
        with transaction.atomic():
            device, _ = cls.objects.get_or_create(
                user=user, defaults={"name": "Recovery codes", "confirmed": True}
            )
            device.codes.all().delete()
            RecoveryCode.objects.bulk_create(
                RecoveryCode(
                    device=device,
                    lookup=code[:GROUP_LENGTH],
                    code_hash=make_password(code, hasher=HASHER),
                )
                for code in codes
            )
        return codes

    def codes_left(self) -> int:
        return self.codes.filter(used_at=None).count()

    def verify_token(self, token) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        code = normalize(str(token))
        with transaction.atomic():
            candidate = (
                self.codes.select_for_update()
                .filter(lookup=code[:GROUP_LENGTH], used_at=None)
                .first()
            )
            if candidate is not None and check_password(code, candidate.code_hash):
                candidate.used_at = timezone.now()
                candidate.save(update_fields=["used_at"])
                self.throttle_reset()
                return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodes, on_delete=models.CASCADE, related_name="codes")
    lookup = models.CharField(max_length=GROUP_LENGTH)
    code_hash = models.CharField(max_length=256)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "core_recoverycode"
        indexes = [models.Index(fields=["device", "lookup"], name="core_recove_device__fad81f_idx")]

    def __str__(self):
        return f"Recovery code {self.lookup}-…"
