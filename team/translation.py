"""What of a clinician's profile is written in each language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from team.models import Clinician


@register(Clinician)
class ClinicianTranslation(TranslationOptions):
    fields = ("title", "bio", "photo_alt")
