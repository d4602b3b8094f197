"""What of a clinic is written in each language (django-modeltranslation); addresses, phones
and hours are the same in both."""

from modeltranslation.translator import TranslationOptions, register

from locations.models import Clinic, Service, SpecialHours


@register(Clinic)
class ClinicTranslation(TranslationOptions):
    fields = ("parking_notes", "accessibility_notes", "photo_alt")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description")


@register(SpecialHours)
class SpecialHoursTranslation(TranslationOptions):
    fields = ("note",)
