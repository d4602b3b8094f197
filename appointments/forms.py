import re
import secrets

from django import forms
from django.conf import settings
from django.forms.renderers import Jinja2
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from appointments import spam
from appointments.models import NO_PREFERENCE, SOMETHING_ELSE, AppointmentRequest
from articles.models import Topic, topics_menu
from insurance.models import Plan, accepted_plans, plans_by_kind
from locations.models import Clinic, footer_clinics
from locations.phones import normalize_phone
from team.models import Clinician, team_members, with_links

OTHER_REASON = "other"
# What a patient gives on the form: about them, and about the visit.
PATIENT_FIELDS = ["first_name", "last_name", "phone", "email", "contact_method"]
VISIT_FIELDS = [
    "clinic",
    "clinician",
    "reason",
    "note",
    "patient_type",
    "referral",
    "preferred_days",
    "preferred_times",
    "consent",
    "source",
]


def reason_choices() -> list[tuple[str, str]]:
    """The topics in the order patients read them (by their form wording), then the rest."""
    topics = sorted(topics_menu(), key=lambda topic: topic.reason_label.casefold())
    return [(topic.slug, topic.reason_label) for topic in topics] + [(OTHER_REASON, SOMETHING_ELSE)]


Answer = AppointmentRequest.InsuranceAnswer
# The answers besides a plan of the list: what the form offers after the plans.
OTHER_ANSWERS = [
    (Answer.OTHER, _("Other (not in this list)")),
    (Answer.SELF_PAY, _("I will pay myself")),
    (Answer.NOT_SURE, _("Not sure")),
]


def insurance_choices() -> list:
    """The plans our open clinics take, grouped by kind, then "other", self-pay and "not sure"
    (self-pay's own plan row carries the clinics' rates: the form's "I will pay myself" is it)."""
    plans = [plan for plan in accepted_plans() if plan.kind != Plan.Kind.SELF_PAY]
    groups = [
        (kind, [(str(plan.pk), plan.name) for plan in group])
        for kind, group in plans_by_kind(plans)
    ]
    return [("", _("Choose your plan (optional)")), *groups, (_("Something else"), OTHER_ANSWERS)]


def clinician_label(clinician) -> str:
    where = ", ".join(clinic.name for clinic in clinician.clinic_list)
    return f"{clinician.name} ({where})" if where else clinician.name


SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{22,64}")


def local_path(address: str) -> str:
    """The address if it is a path on this site that the model can keep (200 characters), else
    "": the page a patient came from, never a link elsewhere (`//host` is another site)."""
    local = address.startswith("/") and not address.startswith("//")
    return address if local and len(address) <= 200 else ""


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class RadioButtons(forms.RadioSelect):
    template_name = "appointments/widgets/choices.html"  # Django's HTML, in one template


class Checkboxes(forms.CheckboxSelectMultiple):
    template_name = "appointments/widgets/choices.html"


class DropDown(forms.Select):
    template_name = "appointments/widgets/select.html"


class UnseenTextField(forms.CharField):
    """Text of a field people never see or type in (hidden, or the honeypot).

    It can never be an error: nobody could read it or correct it, so the form would come back
    for no visible reason. No length limit, and NUL characters are dropped instead of refused;
    what the value means is judged later (a bad token or a filled honeypot is spam, a source
    that is not one of our paths is dropped).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = []

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class ReasonField(forms.ChoiceField):
    """The article topics in their form wording, then “something else”: a Topic or None."""

    def __init__(self, **kwargs):
        super().__init__(choices=reason_choices, widget=RadioButtons, **kwargs)

    def prepare_value(self, value):
        return value.slug if isinstance(value, Topic) else value

    def clean(self, value):
        slug = super().clean(value)
        return next((topic for topic in topics_menu() if topic.slug == slug), None)


class AppointmentRequestForm(forms.ModelForm):
    # Django's own widget templates, in their Jinja2 version, and the choices' in one template
    # each (RadioButtons...): the same HTML for much less CPU on this page of many choices,
    # which is never cached (each visitor gets a fresh token).
    default_renderer = Jinja2()

    clinic = forms.ModelChoiceField(
        queryset=Clinic.objects.active(),
        required=False,
        empty_label=NO_PREFERENCE,
        label=_("Preferred clinic"),
        widget=DropDown,
    )
    clinician = forms.ModelChoiceField(
        queryset=Clinician.objects.all(),
        required=False,
        label=_("Preferred therapist (optional)"),
        help_text=_("With “No preference”, we book the first therapist free at your clinic."),
        widget=DropDown,
    )
    insurance_choice = forms.ChoiceField(
        choices=insurance_choices,
        required=False,
        label=_("Insurance (optional)"),
        help_text=_("We check your coverage before your first visit."),
        error_messages={"invalid_choice": _("Choose your plan again: our list has just changed.")},
        widget=DropDown,
    )
    insurance_other = forms.CharField(
        max_length=100,
        required=False,
        label=_("Not in the list? Which plan is it? (optional)"),
        error_messages={"max_length": _("Keep the plan's name to 100 characters or fewer.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    preferred_days = forms.MultipleChoiceField(
        choices=AppointmentRequest.Day.choices,
        required=False,
        widget=Checkboxes,
        label=_("Which days suit you?"),
        help_text=_("Optional. Leave empty if any day is fine."),
    )
    preferred_times = forms.MultipleChoiceField(
        choices=AppointmentRequest.TimeOfDay.choices,
        required=False,
        widget=Checkboxes,
        label=_("Which times of day?"),
        help_text=_("Optional. Evenings are until 7 pm at most clinics."),
    )
    reason = ReasonField(
        label=_("What would you like help with?"),
        error_messages={"required": _("Choose what you would like help with.")},
    )
    consent = forms.BooleanField(
        label=format_lazy(
            _("I agree that {site} may contact me about this request."),
            site=settings.SITE_SHORT_NAME,
        ),
        error_messages={"required": _("Tick this box so that we may contact you about it.")},
    )
    # Spam signals: people never see the honeypot; the token notes when the form was shown.
    website = UnseenTextField(required=False, label=_("Leave this field empty"))
    shown = UnseenTextField(widget=forms.HiddenInput, required=False)
    source = UnseenTextField(widget=forms.HiddenInput, required=False)
    submission = UnseenTextField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AppointmentRequest
        fields = PATIENT_FIELDS + VISIT_FIELDS
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "phone": _("Phone number"),
            "email": _("Email address"),
            "contact_method": _("How should we contact you?"),
            "note": _("Anything else we should know? (optional)"),
            "patient_type": format_lazy(
                _("Have you been to {site} before?"), site=settings.SITE_SHORT_NAME
            ),
            "referral": _("Do you have a referral from a doctor? (optional)"),
        }
        help_texts = {
            "phone": _("A US number with its area code, for example (410) 555-0142."),
            "email": _("Optional if you give a phone number."),
            "note": _(
                "For example, times you cannot do. Please don’t include medical details: "
                "we will ask about them when we talk. 500 characters at most."
            ),
            "referral": _("You don’t need one to see a physical therapist in Maryland."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_method": RadioButtons,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "patient_type": RadioButtons,
            "referral": RadioButtons,
        }
        error_messages = {
            "first_name": {"required": _("Enter your first name.")},
            "last_name": {"required": _("Enter your last name.")},
            "email": {"invalid": _("Enter an email address like name@example.com.")},
            "patient_type": {
                "required": format_lazy(
                    _("Tell us whether you have been to {site} before."),
                    site=settings.SITE_SHORT_NAME,
                )
            },
            "contact_method": {"required": _("Choose how we should contact you.")},
            "note": {"max_length": _("Keep the note to 500 characters or fewer.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons without an empty "---------" choice; the referral stays optional.
        for name in ("patient_type", "contact_method"):
            self.fields[name].choices = AppointmentRequest._meta.get_field(name).choices
        self.fields["referral"].choices = AppointmentRequest.Referral.choices
        self.fields["referral"].required = False
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        # Drawn from the shared list the footer shows: no query, and the page can still be
        # drawn while the database is down (validation asks the database, as it must).
        self.fields["clinic"].widget.choices = [("", NO_PREFERENCE)] + [
            (clinic.pk, clinic.name) for clinic in footer_clinics()
        ]
        # Those taking new patients, from the shared list too.
        team = with_links(team_members(), footer_clinics())
        self.fields["clinician"].widget.choices = [("", _("No preference"))] + [
            (member.pk, clinician_label(member))
            for member in team
            if member.accepting_new_patients and member.clinic_list
        ]
        if not self.is_bound:
            self.initial["shown"] = spam.form_token()
            self.initial["submission"] = new_submission_key()

    @classmethod
    def initial_from_query(cls, query) -> dict:
        """Preselect the clinic, therapist and reason a link carried, and note the page it came
        from."""
        initial = {}
        slug = query.get("clinic")  # most visits name none: no query then
        if slug and (clinic := Clinic.objects.active().filter(slug=slug).first()):
            initial["clinic"] = clinic
        slug = query.get("clinician")
        if slug and (clinician := next((m for m in team_members() if m.slug == slug), None)):
            initial["clinician"] = clinician
        if query.get("reason") in dict(reason_choices()):
            initial["reason"] = query["reason"]
        if source := local_path(query.get("from", "")):
            initial["source"] = source
        return initial

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalize_phone(phone) if phone else ""

    def clean_submission(self):
        """The form's own key, or a new one when it is missing or malformed (then a repeat
        cannot be recognised, but nothing is refused)."""
        key = self.cleaned_data["submission"]
        return key if SUBMISSION_KEY.fullmatch(key) else new_submission_key()

    def clean_source(self):
        return local_path(self.cleaned_data["source"])

    def clean_insurance_choice(self):
        """A plan (by its number), another answer, or "" (none given)."""
        choice = self.cleaned_data["insurance_choice"]
        if choice.isdigit():
            plan = Plan.objects.filter(pk=choice).first()
            if plan is None:
                raise forms.ValidationError(_("Choose your plan again: our list has just changed."))
            return plan
        return choice

    def _post_clean(self):
        super()._post_clean()
        choice = self.cleaned_data.get("insurance_choice", "")
        words = self.cleaned_data.get("insurance_other", "").strip()
        request = self.instance
        request.insurance_plan = choice if isinstance(choice, Plan) else None
        if request.insurance_plan:
            # As staff read it: the plan's English name, whatever the form's language.
            request.insurance_answer, request.insurance = Answer.PLAN, choice.name_en
        elif words and choice in ("", Answer.OTHER):
            request.insurance_answer, request.insurance = Answer.OTHER, words
        else:
            request.insurance_answer, request.insurance = choice, ""

    def clean(self):
        cleaned = super().clean()
        phone, email = cleaned.get("phone"), cleaned.get("email")
        method = cleaned.get("contact_method")
        if "phone" in self.errors or "email" in self.errors:
            return cleaned
        if (
            method
            in (AppointmentRequest.ContactMethod.PHONE, AppointmentRequest.ContactMethod.TEXT)
            and not phone
        ):
            self.add_error(
                "phone", _("Enter a phone number, or choose email as the way to reach you.")
            )
        elif method == AppointmentRequest.ContactMethod.EMAIL and not email:
            self.add_error("email", _("Enter an email address, or choose a phone call or text."))
        elif not phone and not email:
            self.add_error("phone", _("Enter a phone number or an email address."))
        return cleaned

    def renew_token(self) -> None:
        self.data = self.data.copy()
        self.data["shown"] = spam.form_token()
