"""The insurance notes in each language (django-modeltranslation), and the plans' names where
they are words rather than a company's ("Self-pay rates"); an empty Spanish name shows the
English one."""

from modeltranslation.translator import TranslationOptions, register

from insurance.models import Network, Plan


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("name", "note")


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("note",)
