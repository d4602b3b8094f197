"""The clinical team's pages, as a new patient uses them: who works where, treats what and
speaks which language (filters that work without JavaScript), and each clinician's profile
with their clinics, their articles and the reviews they did."""

import json
import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_article, make_author, make_clinic, make_topic, sign_in_staff
from tests.html import json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    bowie = make_clinic(name="Bowie", slug="bowie")
    crofton = make_clinic(name="Crofton", slug="crofton")
    back, knee = (
        make_topic(name="Back Pain", slug="back-pain"),
        make_topic(name="Knee & Hip", slug="knee-hip"),
    )
    dana = make_author(
        name="Dana Whitfield",
        credentials="PT, DPT, OCS",
        title="Physical therapist",
        bio="Dana helps people with back pain get back to work.",
        languages="English, Spanish",
    )
    dana.clinics.set([bowie, crofton])
    dana.specialties.set([back])
    marcus = make_author(
        name="Marcus Oyelaran",
        credentials="PT, DPT",
        title="Clinic director",
        accepting_new_patients=False,
    )
    marcus.clinics.set([crofton])
    marcus.specialties.set([knee])
    return {
        "bowie": bowie,
        "crofton": crofton,
        "back": back,
        "knee": knee,
        "dana": dana,
        "marcus": marcus,
    }


def names(response) -> list[str]:
    return re.findall(
        r'class="card__link" href="/team/[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_everyone_is_listed_and_each_filter_narrows_it_without_javascript(client, team):
    assert names(client.get("/team/")) == [
        "Dana Whitfield, PT, DPT, OCS",
        "Marcus Oyelaran, PT, DPT",
    ]
    assert names(client.get("/team/?clinic=bowie")) == ["Dana Whitfield, PT, DPT, OCS"]
    assert names(client.get("/team/?specialty=knee-hip")) == ["Marcus Oyelaran, PT, DPT"]
    assert names(client.get("/team/?language=spanish")) == ["Dana Whitfield, PT, DPT, OCS"]
    both = client.get("/team/?clinic=crofton&language=Spanish")
    assert names(both) == ["Dana Whitfield, PT, DPT, OCS"]
    assertContains(both, '<option value="crofton" selected>Crofton</option>', html=True)
    nobody = client.get("/team/?clinic=bowie&specialty=knee-hip")
    assert names(nobody) == []
    assertContains(nobody, "No therapist matches all of that.")
    assertContains(client.get("/team/"), "Not taking new patients at the moment")


def test_a_profile_shows_who_they_are_where_they_work_and_what_they_wrote_and_reviewed(
    client, team
):
    written = make_article(title="Sciatica explained", author=team["dana"], topic=team["back"])
    reviewed = make_article(title="Runner's knee", author=team["marcus"], reviewer=team["dana"])
    response = client.get("/team/dana-whitfield/")
    assertContains(
        response,
        '<h1>Dana Whitfield, <span class="credentials">PT, DPT, OCS</span></h1>',
        html=True,
    )
    assertContains(response, "Dana helps people with back pain get back to work.")
    assertContains(response, '<a href="/articles/topics/back-pain/">Back Pain</a>', html=True)
    assertContains(response, "<dd>English, Spanish</dd>", html=True)
    # Each clinic with a request that names it and her: the form opens with both chosen.
    for slug in ("bowie", "crofton"):
        assertContains(
            response, f'href="/request-appointment/?clinic={slug}&amp;clinician=dana-whitfield"'
        )
    form = client.get("/request-appointment/?clinic=crofton&clinician=dana-whitfield")
    assertContains(form, f'<option value="{team["dana"].pk}" selected>', count=1)
    assertContains(form, "Dana Whitfield (Bowie, Crofton)")
    # Marcus takes no new patients: no request names him, and the form does not offer him.
    marcus_page = client.get("/team/marcus-oyelaran/")
    assertNotContains(marcus_page, "clinician=marcus-oyelaran")
    assertNotContains(form, "Marcus Oyelaran")
    html = response.content.decode()
    assert html.index("Articles by Dana Whitfield") < html.index(written.title)
    assert html.index("Articles Dana Whitfield reviewed") < html.index("Runner")
    assert reviewed.get_absolute_url() in html
    assertContains(client.get("/team/marcus-oyelaran/"), "Not at the moment")
    assert client.get("/team/nobody/").status_code == 404


def test_search_engines_read_each_clinician_as_a_person_who_works_at_the_clinics(client, team):
    html = client.get("/team/dana-whitfield/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    person = json.loads(found.group(1))
    assert person["@type"] == "Person"
    assert person["@id"] == "https://www.foreverfitpt.example/team/dana-whitfield/#person"
    assert person["honorificSuffix"] == "PT, DPT, OCS"
    assert person["jobTitle"] == "Physical therapist"
    assert person["knowsLanguage"] == ["English", "Spanish"]
    assert [place["@id"] for place in person["worksFor"]] == [
        "https://www.foreverfitpt.example/locations/bowie/#clinic",
        "https://www.foreverfitpt.example/locations/crofton/#clinic",
    ]


def test_team_pages_make_at_most_three_queries_however_large_the_team(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    clinics = [make_clinic(slug=f"clinic-{n}") for n in range(5)]
    topics = [make_topic() for _ in range(4)]
    for n in range(30):
        clinician = make_author(name=f"Therapist {n}")
        clinician.clinics.set(clinics[: 1 + n % 5])
        clinician.specialties.set(topics[: 1 + n % 4])
        make_article(author=clinician, reviewer=clinician)
    # The shared list of clinics (the footer's) is cached, as on every page: built once per
    # change, not per page.
    client.get("/team/")
    with django_assert_max_num_queries(3):
        assert len(names(client.get("/team/"))) == 30
    with django_assert_max_num_queries(3):
        assertContains(client.get("/team/therapist-7/"), "Therapist 7")


def test_a_change_staff_make_shows_at_once_and_a_closed_clinic_is_not_named(
    client, team, admin_user, django_capture_on_commit_callbacks
):
    assertContains(client.get("/team/dana-whitfield/"), "Physical therapist")  # now cached
    staff = Client()
    sign_in_staff(staff, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/admin/team/clinician/{team['dana'].pk}/change/",
            {
                "name": "Dana Whitfield",
                "slug": "dana-whitfield",
                "credentials": "PT, DPT, OCS",
                "title_en": "Lead physical therapist",
                "bio_en": "",
                "languages": "English",
                "clinics": [team["crofton"].pk],
                "specialties": [team["back"].pk],
                "accepting_new_patients": "on",
                "photo_alt_en": "",
            },
        )
    assert response.status_code == 302
    profile = client.get("/team/dana-whitfield/")
    assertContains(profile, "Lead physical therapist")
    assertContains(profile, 'href="/request-appointment/?clinic=crofton&amp;clinician=dana')
    assertNotContains(profile, 'href="/request-appointment/?clinic=bowie')
    team["crofton"].active = False
    with django_capture_on_commit_callbacks(execute=True):
        team["crofton"].save()
    assertNotContains(
        client.get("/team/dana-whitfield/"), 'href="/request-appointment/?clinic=crofton'
    )


def test_each_clinic_page_shows_its_team_as_cards_and_names_them_as_employees(client, team):
    crofton = client.get("/locations/crofton/")
    html = crofton.content.decode()
    team_section = html[html.index("Our team in Crofton") :]
    assert names(crofton) == ["Dana Whitfield, PT, DPT, OCS", "Marcus Oyelaran, PT, DPT"]
    # Those taking new patients first; the card says who is not.
    assert team_section.index("Dana Whitfield") < team_section.index("Marcus Oyelaran")
    assertContains(crofton, "Not taking new patients at the moment")
    assert names(client.get("/locations/bowie/")) == ["Dana Whitfield, PT, DPT, OCS"]
    clinic = json_ld(crofton)
    assert clinic["@type"] == "Physiotherapy"
    assert [person["@id"] for person in clinic["employee"]] == [
        "https://www.foreverfitpt.example/team/dana-whitfield/#person",
        "https://www.foreverfitpt.example/team/marcus-oyelaran/#person",
    ]
    assert clinic["employee"][0]["honorificSuffix"] == "PT, DPT, OCS"


def test_a_clinician_moved_to_another_clinic_moves_on_the_clinic_pages_at_once(
    client, team, django_capture_on_commit_callbacks
):
    assert "Dana Whitfield, PT, DPT, OCS" in names(client.get("/locations/bowie/"))  # cached
    with django_capture_on_commit_callbacks(execute=True):
        team["dana"].clinics.remove(team["bowie"])
    assertNotContains(client.get("/locations/bowie/"), "Our team in Bowie")
    assertContains(client.get("/locations/crofton/"), "Dana Whitfield")


def test_a_clinician_without_a_photo_gets_a_full_width_profile_and_a_card_without_a_picture(
    client, team
):
    profile = client.get("/team/dana-whitfield/")
    assertContains(profile, '<div class="profile">')  # no photo column
    assertNotContains(profile, "<img")
    assert "image" not in json_ld(profile)
    assertNotContains(client.get("/team/"), "<img")
    assertNotContains(client.get("/locations/bowie/"), "<img")
