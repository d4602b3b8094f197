from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from appointments.forms import AppointmentRequestForm
from appointments.models import AppointmentRequest

# The thank-you page finds the request through the session, never through the URL.
SESSION_KEY = "appointment_request_id"


@method_decorator(never_cache, name="dispatch")
class AppointmentRequestView(FormView):
    form_class = AppointmentRequestForm
    template_name = "appointments/request_form.html"
    success_url = reverse_lazy("appointments:thanks")

    def get_initial(self):
        return AppointmentRequestForm.initial_from_query(self.request.GET)

    def form_valid(self, form):
        appointment_request = form.save()
        self.request.session[SESSION_KEY] = appointment_request.pk
        # Post/redirect/get: reloading the thank-you page cannot submit the form again.
        return redirect(self.get_success_url())


@method_decorator(never_cache, name="dispatch")
class ThanksView(TemplateView):
    template_name = "appointments/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request_id = self.request.session.get(SESSION_KEY)
        context["appointment_request"] = (
            AppointmentRequest.objects.select_related("clinic").filter(pk=request_id).first()
            if request_id
            else None
        )
        return context
