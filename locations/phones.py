"""Phone numbers: stored in E.164 (+14105550142), shown the way Americans write them."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalize_phone(value: str, *, region: str = "US") -> str:
    """Return the number in E.164 form, or raise ValidationError saying what to fix."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Enter a phone number with its area code, for example (410) 555-0142.")
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "This is not a valid phone number. Check the digits and include the area code, "
                "for example (410) 555-0142."
            )
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """Return (410) 555-0142 for a US number, the international form otherwise."""
    try:
        number = phonenumbers.parse(e164, "US")
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)
