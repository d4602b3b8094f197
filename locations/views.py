from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from locations.models import Clinic, OpeningHours


class ClinicListView(ListView):
    template_name = "locations/clinic_list.html"
    context_object_name = "clinics"

    def get_queryset(self):
        return Clinic.objects.active()


class ClinicDetailView(DetailView):
    template_name = "locations/clinic_detail.html"
    context_object_name = "clinic"

    def get_queryset(self):
        return Clinic.objects.active().prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
        )
