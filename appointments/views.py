import logging

from django.conf import settings
from django.db import DatabaseError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from appointments.business_days import contact_deadline
from appointments.forms import AppointmentRequestForm
from appointments.models import AppointmentRequest
from appointments.submission import StaleForm, already_received, submit_request
from core.rate_limits import ClientLimit

logger = logging.getLogger(__name__)

# Requests one client may send per hour (APPOINTMENT_RATE_LIMIT_PER_HOUR); only accepted ones count.
ACCEPTED_REQUESTS = ClientLimit("appointment-request", window_seconds=3600)
STALE_FORM_MESSAGE = gettext_lazy(
    "This page was open for a long time, so please check your details and send the form again."
)
# The thank-you page finds the request through a signed cookie of the form's path, never
# through the URL. A cookie, not the session: nothing is written after the request's own
# commit, so a database that fails at that moment cannot turn a stored request into an error.
THANKS_COOKIE = "appointment-request"
THANKS_SALT = "appointments.thanks"
THANKS_HOURS = 24


def thanks_for(appointment: AppointmentRequest):
    """Post/redirect/get: reloading the thank-you page cannot submit the form again."""
    response = redirect("appointments:thanks")
    response.set_signed_cookie(
        THANKS_COOKIE,
        appointment.pk,
        salt=THANKS_SALT,
        path=reverse("appointments:request"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


# never_cache: health information must not sit in a browser's or proxy's cache.
# sensitive_post_parameters: no error report may ever show what the patient typed.
@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class AppointmentRequestView(FormView):
    form_class = AppointmentRequestForm
    template_name = "appointments/request_form.html"

    def get_initial(self):
        return AppointmentRequestForm.initial_from_query(self.request.GET)

    def post(self, request, *args, **kwargs):
        try:
            if earlier := already_received(request.POST.get("submission")):
                return thanks_for(earlier)  # this same form was sent before: one request
            if ACCEPTED_REQUESTS.reached(request, settings.APPOINTMENT_RATE_LIMIT_PER_HOUR):
                # What the patient typed stays on the page, beside the numbers to call instead.
                context = self.get_context_data(form=self.get_form(), not_sent="rate limited")
                return self.render_to_response(context, status=429)
            return super().post(request, *args, **kwargs)
        except DatabaseError as error:
            return self.database_unavailable(error)

    def database_unavailable(self, error: DatabaseError):
        """Nothing was saved: say so, keep what was typed, and give the clinics' numbers.

        Drawn without the database (the form's lists come from the shared cache), and the form
        is not judged again: nothing the patient typed is wrong.
        """
        # The error's kind only: a database message can quote the row it could not write.
        logger.error("An appointment request could not be saved (%s).", type(error).__name__)
        form = self.form_class(data=self.request.POST)
        form._errors = ErrorDict()  # shown as typed, without errors
        context = self.get_context_data(form=form, not_sent="unavailable")
        return self.render_to_response(context, status=503)

    def form_valid(self, form):
        try:
            appointment = submit_request(form=form)
        except StaleForm:
            form.renew_token()
            form.add_error(None, STALE_FORM_MESSAGE)
            return self.form_invalid(form)
        ACCEPTED_REQUESTS.count(self.request)
        return thanks_for(appointment)


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    template_name = "appointments/thanks.html"

    def get(self, request, *args, **kwargs):
        request_id = request.get_signed_cookie(
            THANKS_COOKIE, default=None, salt=THANKS_SALT, max_age=THANKS_HOURS * 3600
        )
        self.appointment = (
            AppointmentRequest.objects.select_related("clinic").filter(pk=request_id).first()
            if request_id
            else None
        )
        if self.appointment is None:
            # Nothing was just sent from this browser: saying "we have your request" would be
            # untrue, so the patient goes to the form instead.
            return redirect("appointments:request")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["appointment_request"] = self.appointment
        context["call_by"] = contact_deadline(
            self.appointment.clinic, timezone.localdate(self.appointment.created_at)
        )
        return context
