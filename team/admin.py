from django import forms
from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from team.models import Clinician


@admin.register(Clinician)
class ClinicianAdmin(TranslationAdmin):
    list_display = ["name", "credentials", "title", "accepting_new_patients", "user"]
    list_filter = ["clinics", "accepting_new_patients", "specialties"]
    search_fields = ["name", "credentials", "title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "credentials", "title", "bio", "user"]}),
        ("Photo", {"fields": ["photo", "photo_alt"]}),
        (
            "Where and what they treat",
            {"fields": ["clinics", "specialties", "languages", "accepting_new_patients"]},
        ),
    ]
