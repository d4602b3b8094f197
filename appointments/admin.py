from django.contrib import admin, messages
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.timesince import timesince

from appointments.audit import record_access
from appointments.business_days import due_dates
from appointments.export import csv_response
from appointments.models import (
    NO_PREFERENCE,
    AppointmentRequest,
    MonthlyRequestCount,
    RequestAccess,
    clinics_worked_by,
)
from locations.phones import display_phone

Status = AppointmentRequest.Status


def _age(obj) -> str:
    return f"{timesince(obj.created_at).split(',')[0]} ago"


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Past the day the patient was told")]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


class LanguageFilter(admin.SimpleListFilter):
    """Who filled in the Spanish form: the clinic calls them back with a Spanish speaker."""

    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [("es", "Prefers Spanish"), ("en", "English")]

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


class NotificationFilter(admin.SimpleListFilter):
    title = "clinic notification"
    parameter_name = "notification"

    def lookups(self, request, model_admin):
        return [("sent", "Sent"), ("pending", "Not yet sent"), ("stuck", "Stuck")]

    def queryset(self, request, queryset):
        if self.value() == "sent":
            return queryset.filter(notified_at__isnull=False)
        if self.value() == "pending":
            return queryset.awaiting_notification()
        if self.value() == "stuck":
            return queryset.notification_stuck()
        return queryset


# The request page's read-only groups: the patient's own words, then how it was handled by mail.
PATIENT_SHOWN = [
    "first_name",
    "last_name",
    "phone_link",
    "email_link",
    "contact_method",
    "language_shown",
]
REQUEST_SHOWN = [
    "clinician",
    "reason_label",
    "note",
    "patient_type",
    "referral",
    "insurance_shown",
    "days_wanted",
    "times_wanted",
    "consent",
    "source",
    "created_at",
]
NOTIFICATION_FIELDS = [
    "notified_at",
    "confirmation_sent_at",
    "notification_attempts",
    "notification_error",
]


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(admin.ModelAdmin):
    # The front desk calls from this list: who, their number (a tap on a phone or a softphone),
    # and by when they were promised a call.
    list_display = [
        "number",
        "received",
        "patient",
        "phone_to_call",
        "contact_by",
        "clinic_name",
        "reason_label",
        "status",
        "assignee",
        "notification",
    ]
    list_display_links = ["number"]
    list_filter = [
        "status",
        OverdueFilter,
        # Only the clinics and colleagues this user's requests involve.
        ("clinic", admin.RelatedOnlyFieldListFilter),
        "reason",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        LanguageFilter,
        NotificationFilter,
        "created_at",
    ]
    list_select_related = ["clinic", "assignee", "reason"]
    search_fields = ["=id", "last_name", "first_name", "phone", "email"]
    date_hierarchy = "created_at"
    list_per_page = 50
    empty_value_display = "Not given"

    actions = [
        "assign_to_me",
        "mark_contacted",
        "mark_scheduled",
        "mark_closed",
        "mark_spam",
        "export_csv",
    ]
    # What the patient wrote is shown, never edited: staff change the status, the assignee, their
    # notes and (to route a request) the clinic.
    readonly_fields = [*PATIENT_SHOWN, *REQUEST_SHOWN, *NOTIFICATION_FIELDS]
    fieldsets = [
        ("Work", {"fields": ["status", "assignee", "staff_notes", "clinic"]}),
        ("Patient", {"fields": PATIENT_SHOWN}),
        ("Request", {"fields": REQUEST_SHOWN}),
        ("Notifications", {"classes": ["collapse"], "fields": NOTIFICATION_FIELDS}),
    ]

    # --- Who sees what ---

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def has_add_permission(self, request):
        return False  # requests come from patients

    def has_export_permission(self, request):
        return request.user.has_perm("appointments.export_appointmentrequest")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "clinic":
            kwargs["empty_label"] = NO_PREFERENCE
            kwargs["queryset"] = clinics_worked_by(request.user)
        if db_field.name == "assignee":
            kwargs["empty_label"] = "Nobody yet"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record_access(
                request.user, [self.get_object(request, object_id)], RequestAccess.Action.VIEWED
            )
        return response

    def delete_model(self, request, obj):
        record_access(request.user, [obj], RequestAccess.Action.DELETED)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        record_access(request.user, list(queryset), RequestAccess.Action.DELETED)
        super().delete_queryset(request, queryset)

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]  # moved below, with its history
        super().save_model(request, obj, form, change)
        record_access(request.user, [obj], RequestAccess.Action.CHANGED)
        if new_status != obj.status:
            AppointmentRequest.objects.filter(pk=obj.pk).change_status(new_status, by=request.user)
            obj.status = new_status

    # --- Columns ---

    @admin.display(description="Request", ordering="pk")
    def number(self, obj):
        return f"#{obj.pk}"

    def get_list_display(self, request):
        """The "Received" column marks overdue requests, worked out once for the whole list
        (three queries) rather than once per row."""
        due = dict(due_dates(self.get_queryset(request).filter(status=Status.NEW)))
        today = timezone.localdate()

        @admin.display(description="Received", ordering="created_at")
        def received(obj):
            if obj.pk in due and today > due[obj.pk]:
                return format_html('<strong class="overdue">⚠ {} · overdue</strong>', _age(obj))
            return _age(obj)

        # Sorted by when each arrived: a clinic's next business day follows that order.
        @admin.display(description="Contact by", ordering="created_at")
        def contact_by(obj):
            return formats.date_format(due[obj.pk], "D, M j") if obj.pk in due else "Done"

        columns = {"received": received, "contact_by": contact_by}
        return [columns.get(name, name) for name in self.list_display]

    @admin.display(description="Received", ordering="created_at")
    def received(self, obj):  # the column's name for the admin's checks; see get_list_display
        return _age(obj)

    @admin.display(description="Contact by")
    def contact_by(self, obj):  # the same: the dates come from get_list_display
        return ""

    @admin.display(description="Patient", ordering="last_name")
    def patient(self, obj):
        if obj.language == "es":
            return format_html(
                '{} {} <strong class="language-tag">Prefers Spanish</strong>',
                obj.first_name,
                obj.last_name,
            )
        return f"{obj.first_name} {obj.last_name}"

    @admin.display(description="Language")
    def language_shown(self, obj):
        if obj.language == "es":
            return format_html(
                "<strong>{}</strong> (sent the Spanish form): call back with a Spanish speaker; "
                "the team page lists who speaks Spanish.",
                "Prefers Spanish",
            )
        return "English"

    @admin.display(description="Phone")
    def phone_to_call(self, obj):
        if not obj.phone:
            return format_html('<a href="mailto:{}">Email</a>', obj.email)
        return format_html(
            '<a class="nowrap" href="tel:{}">{}</a>', obj.phone, display_phone(obj.phone)
        )

    @admin.display(description="Clinic", ordering="clinic__name")
    def clinic_name(self, obj):
        return obj.clinic_name

    @admin.display(description="Reason", ordering="reason__name")
    def reason_label(self, obj):
        return obj.reason_label

    @admin.display(description="Phone")
    def phone_link(self, obj):
        if not obj.phone:
            return "Not given"
        return format_html('<a href="tel:{}">{}</a>', obj.phone, display_phone(obj.phone))

    @admin.display(description="Email")
    def email_link(self, obj):
        if not obj.email:
            return "Not given"
        return format_html('<a href="mailto:{}">{}</a>', obj.email, obj.email)

    @admin.display(description="Insurance")
    def insurance_shown(self, obj):
        return obj.insurance_summary or "Not given"

    @admin.display(description="Days that suit")
    def days_wanted(self, obj):
        return _chosen(AppointmentRequest.Day.choices, obj.preferred_days, "Any day")

    @admin.display(description="Times that suit")
    def times_wanted(self, obj):
        return _chosen(AppointmentRequest.TimeOfDay.choices, obj.preferred_times, "Any time")

    @admin.display(description="Notified")
    def notification(self, obj):
        if obj.status == Status.SPAM:
            return "Not sent (spam)"
        if obj.notified_at:
            return "Sent"
        if obj.is_notification_stuck():
            return format_html(
                '<strong class="overdue">⚠ Stuck: {}</strong>',
                obj.notification_error or "not sent yet",
            )
        return "Not yet sent"

    # --- Actions ---

    def _change(self, request, queryset, **changes) -> int:
        requests = list(queryset)  # before the update, which may change what the filter selects
        queryset.update(**changes, updated_at=timezone.now())
        record_access(request.user, requests, RequestAccess.Action.CHANGED)
        return len(requests)

    @admin.action(description="Assign to me")
    def assign_to_me(self, request, queryset):
        count = self._change(request, queryset, assignee=request.user)
        self.message_user(request, f"{count} request(s) assigned to you.", messages.SUCCESS)

    def _set_status(self, request, queryset, status):
        requests = list(queryset)
        queryset.change_status(status, by=request.user)
        record_access(request.user, requests, RequestAccess.Action.CHANGED)
        count, label = len(requests), Status(status).label.lower()
        self.message_user(request, f"{count} request(s) marked {label}.", messages.SUCCESS)

    @admin.action(description="Mark as contacted")
    def mark_contacted(self, request, queryset):
        self._set_status(request, queryset, Status.CONTACTED)

    @admin.action(description="Mark as scheduled")
    def mark_scheduled(self, request, queryset):
        self._set_status(request, queryset, Status.SCHEDULED)

    @admin.action(description="Mark as closed")
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Status.CLOSED)

    @admin.action(description="Mark as spam")
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Status.SPAM)

    @admin.action(description="Export selected as CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        requests = list(queryset.select_related("clinic", "assignee", "reason", "clinician"))
        record_access(request.user, requests, RequestAccess.Action.EXPORTED)
        return csv_response(requests)


def _chosen(choices, chosen: list[str], none_label: str) -> str:
    """The patient's choices in words, once ("Monday, Saturday"; never raw JSON)."""
    return ", ".join(str(label) for value, label in choices if value in chosen) or none_label


@admin.register(RequestAccess)
class RequestAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "request_number", "clinic"]
    list_filter = ["action", "clinic", "user", "at"]
    search_fields = ["=request_number", "user__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an audit trail nobody can edit


@admin.register(MonthlyRequestCount)
class MonthlyRequestCountAdmin(admin.ModelAdmin):
    list_display = ["month", "clinic", "count"]
    list_filter = ["clinic"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
