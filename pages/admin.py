from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages.admin import FlatPageAdmin
from django.contrib.flatpages.models import FlatPage
from django.db import models
from modeltranslation.admin import TranslationAdmin

from pages.models import HomePage, SitePageVersion


class SitePageVersionInline(admin.StackedInline):
    model = SitePageVersion
    extra = 1
    max_num = len(settings.LANGUAGES) - 1


# Django's flat page form, with the page's other languages under it.
admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class SitePageAdmin(FlatPageAdmin):
    inlines = [SitePageVersionInline]


@admin.register(HomePage)
class HomePageAdmin(TranslationAdmin):
    """One home page: edited, never added to or deleted."""

    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    fieldsets = [
        (None, {"fields": ["headline", "introduction"]}),
        ("Picture", {"fields": ["picture", "picture_alt"]}),
        ("What physical therapy can help with", {"fields": ["topics"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "topics":
            # Each tile as the home page shows it ("Back pain or sciatica"), its topic beside.
            field.label_from_instance = lambda topic: (
                topic.reason_label
                if topic.reason_label == topic.name
                else f"{topic.reason_label} (topic: {topic.name})"
            )
        return field

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
