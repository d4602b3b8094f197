from django.contrib import admin

from appointments.models import AppointmentRequest


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "clinic", "reason", "status"]
    list_filter = ["status", "clinic", "reason", "created_at"]
    list_select_related = ["clinic"]
    search_fields = ["=id", "last_name", "first_name", "phone", "email"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "updated_at", "consent"]
    fieldsets = [
        (None, {"fields": ["status"]}),
        ("Patient", {"fields": ["first_name", "last_name", "phone", "email"]}),
        ("Request", {"fields": ["clinic", "reason", "consent", "created_at", "updated_at"]}),
    ]
