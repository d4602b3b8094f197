from django import forms

from appointments.models import AppointmentRequest
from locations.models import Clinic
from locations.phones import normalize_phone


class AppointmentRequestForm(forms.ModelForm):
    clinic = forms.ModelChoiceField(
        queryset=Clinic.objects.active(),
        required=False,
        empty_label="No preference",
        label="Preferred clinic",
    )
    consent = forms.BooleanField(
        label="I agree that Forever Fit may contact me about this request.",
        error_messages={"required": "Tick this box so that we may call or email you back."},
    )

    class Meta:
        model = AppointmentRequest
        fields = ["first_name", "last_name", "phone", "email", "clinic", "reason", "consent"]
        labels = {"email": "Email (optional)", "reason": "What would you like help with?"}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "reason": forms.RadioSelect,
        }
        error_messages = {
            "first_name": {"required": "Enter your first name."},
            "last_name": {"required": "Enter your last name."},
            "phone": {"required": "Enter a phone number so that we can call you back."},
            "email": {
                "invalid": "Enter an email address like name@example.com, or leave it empty."
            },
            "reason": {"required": "Choose what you would like help with."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # RadioSelect would otherwise offer an empty "---------" choice.
        self.fields["reason"].choices = AppointmentRequest.Reason.choices
        self.fields[
            "phone"
        ].help_text = "US number with area code. We call from the clinic you choose."

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"])

    @classmethod
    def initial_from_query(cls, query) -> dict:
        """Preselect the clinic and reason that a link (clinic page, article) carried."""
        initial = {}
        clinic = Clinic.objects.active().filter(slug=query.get("clinic", "")).first()
        if clinic:
            initial["clinic"] = clinic
        if query.get("reason") in AppointmentRequest.Reason.values:
            initial["reason"] = query["reason"]
        return initial
