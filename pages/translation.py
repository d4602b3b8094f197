"""The home page's words in each language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from pages.models import HomePage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("headline", "introduction", "picture_alt")
