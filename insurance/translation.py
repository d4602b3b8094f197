"""The insurance notes in each language (django-modeltranslation); plan names are names."""

from modeltranslation.translator import TranslationOptions, register

from insurance.models import Network, Plan


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("note",)


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("note",)
