from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from locations.forms import (
    ClockInput,
    ClockTimeField,
    PhoneInput,
    SpecialHoursFormSet,
    WeeklyHoursFormSet,
)
from locations.models import Clinic, OpeningHours, Service, SpecialHours
from locations.phones import display_phone


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = WeeklyHoursFormSet
    formfield_overrides = {models.TimeField: {"form_class": ClockTimeField, "widget": ClockInput}}
    extra = 0
    verbose_name_plural = (
        "weekly opening hours: one row per opening, a second row for a split day; a weekday "
        "without a row is closed. Times like 8 am, 5:30 pm or 17:00"
    )


class SpecialHoursInline(TranslationTabularInline):
    model = SpecialHours
    formset = SpecialHoursFormSet
    formfield_overrides = {models.TimeField: {"form_class": ClockTimeField, "widget": ClockInput}}
    extra = 0
    verbose_name_plural = "special hours: holidays and other exceptions"

    def get_queryset(self, request):
        # Past exceptions stay in the database for the record but do not clutter the form.
        today = timezone.localdate()
        return super().get_queryset(request).filter(date__gte=today)


@admin.register(Clinic)
class ClinicAdmin(TranslationAdmin):
    list_display = ["name", "city", "phone_number", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["active", "services"]
    search_fields = ["name", "city", "street_address", "postal_code"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
    inlines = [OpeningHoursInline, SpecialHoursInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "active", "order"]}),
        ("Contact", {"fields": ["phone", "fax", "notification_email"]}),
        (
            "Address and access",
            {
                "fields": [
                    "street_address",
                    "city",
                    "state",
                    "postal_code",
                    "latitude",
                    "longitude",
                    "parking_notes",
                    "accessibility_notes",
                ]
            },
        ),
        ("Services and photo", {"fields": ["services", "photo", "photo_alt"]}),
        ("Staff", {"fields": ["front_desk"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("phone", "fax"):
            kwargs["widget"] = PhoneInput(attrs={"size": 16, "autocomplete": "off"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Phone", ordering="phone")
    def phone_number(self, clinic):
        return display_phone(clinic.phone)


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]
