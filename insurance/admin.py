from django.contrib import admin, messages
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from insurance.models import Network, Plan


class NetworkInline(TranslationTabularInline):
    model = Network
    extra = 0
    fields = ["clinic", "note"]


@admin.register(Plan)
class PlanAdmin(TranslationAdmin):
    list_display = ["name", "kind", "clinic_names"]
    list_filter = ["kind", "clinics"]
    search_fields = ["name"]
    fields = ["name", "kind", "note"]
    inlines = [NetworkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("clinics")

    @admin.display(description="Clinics in network")
    def clinic_names(self, plan):
        return ", ".join(clinic.name for clinic in plan.clinics.all()) or "None: not shown"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        plan = form.instance
        if not plan.networks.filter(clinic__active=True).exists():
            self.message_user(
                request,
                f"No open clinic takes {plan.name} yet, so patients do not see it: add a clinic "
                "under “Clinics in network” to list it.",
                messages.WARNING,
            )
