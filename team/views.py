"""The clinical team's pages: everyone, filtered by clinic, specialty and language (links and a
form that work without JavaScript), and each clinician's profile. Each page is one query for
the clinicians (their clinics and specialties folded in), one for the profile's articles, and
the shared list of clinics the footer reads anyway."""

from django.db.models import Q
from django.http import Http404
from django.views.generic import TemplateView

from articles.models import Article
from locations.models import footer_clinics
from team.models import Clinician, team_members, with_links
from team.structured_data import person_json_ld

FILTERS = ("clinic", "specialty", "language")


def matches(clinician: Clinician, chosen: dict) -> bool:
    return (
        (not chosen["clinic"] or chosen["clinic"] in {c.slug for c in clinician.clinic_list})
        and (
            not chosen["specialty"]
            or chosen["specialty"] in {slug for slug, _ in clinician.specialty_list}
        )
        and (
            not chosen["language"]
            or chosen["language"].lower() in {lang.lower() for lang in clinician.language_list}
        )
    )


class TeamView(TemplateView):
    template_name = "team/team.html"

    def get_context_data(self, **kwargs):
        clinics = footer_clinics()
        team = with_links(team_members(), clinics)
        chosen = {name: self.request.GET.get(name, "")[:100] for name in FILTERS}
        specialties = sorted({s for c in team for s in c.specialty_list}, key=lambda s: s[1])
        return super().get_context_data(
            team=[c for c in team if matches(c, chosen)],
            clinics=[c for c in clinics if any(c in m.clinic_list for m in team)],
            specialties=specialties,
            languages=sorted({lang for c in team for lang in c.language_list}),
            chosen=chosen,
            filtered=any(chosen.values()),
            **kwargs,
        )


class ClinicianView(TemplateView):
    template_name = "team/clinician.html"

    def get_context_data(self, **kwargs):
        slug = self.kwargs["slug"]
        clinician = next((c for c in team_members() if c.slug == slug), None)
        if clinician is None:
            raise Http404("No such clinician")
        (clinician,) = with_links([clinician], footer_clinics())
        articles = list(
            Article.objects.for_cards().filter(Q(author=clinician) | Q(reviewer=clinician))
        )
        return super().get_context_data(
            clinician=clinician,
            written=[a for a in articles if a.author_id == clinician.pk],
            reviewed=[a for a in articles if a.author_id != clinician.pk],
            json_ld=person_json_ld(clinician),
            **kwargs,
        )
