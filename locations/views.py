from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from locations.forms import NearestClinicForm
from locations.models import Clinic, footer_clinics
from locations.nearest import SERVICE_AREA_MILES, by_distance
from locations.schema_org import clinic_json_ld


class ClinicListView(ListView):
    """All clinics; with ?zip=, the nearest first, with distances."""

    template_name = "locations/clinic_list.html"
    context_object_name = "clinics"

    def get_queryset(self):
        return Clinic.objects.for_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clinics = list(context["clinics"])
        context["all_clinics"] = clinics  # the footer reuses this list: no extra query
        form = NearestClinicForm(self.request.GET if "zip" in self.request.GET else None)
        context["nearest_form"] = form
        if form.is_bound and form.is_valid():
            place = form.cleaned_data["zip"]
            ranked = by_distance(clinics, place)
            context["place"] = place
            if ranked and ranked[0][1] <= SERVICE_AREA_MILES:
                context["nearest"] = ranked
            else:
                context["out_of_area_miles"] = ranked[0][1] if ranked else None
        return context


class ClinicDetailView(DetailView):
    template_name = "locations/clinic_detail.html"
    context_object_name = "clinic"

    def get_object(self, queryset=None):
        # The footer's shared list serves the page too (its clinics carry their hours), and the
        # team, plans and stories the page shows are shared lists as well: no query when warm.
        self.clinics = footer_clinics()
        for clinic in self.clinics:
            if clinic.slug == self.kwargs["slug"]:
                return clinic
        raise Http404("No such clinic")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clinic = self.object
        today = timezone.localdate()
        context.update(
            header_phone=clinic.phone,  # the header's Call button dials this clinic
            status=clinic.schedule.status_at(),
            week=clinic.schedule.week_of(today),
            special_days=clinic.schedule.upcoming_special_days(today),
            json_ld=clinic_json_ld(clinic),
        )
        return context
