from django import forms
from django.contrib import admin
from django.db import models

from pages.models import HomePage


@admin.register(HomePage)
class HomePageAdmin(admin.ModelAdmin):
    """One home page: edited, never added to or deleted."""

    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    fieldsets = [
        (None, {"fields": ["headline", "introduction"]}),
        ("Picture", {"fields": ["picture", "picture_alt"]}),
        ("What physical therapy can help with", {"fields": ["topics"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
