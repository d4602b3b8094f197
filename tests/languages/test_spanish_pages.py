"""Spanish under /es/, English at today's addresses: the language comes from the address alone."""

import re
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from pytest_django.asserts import assertContains, assertNotContains

from appointments.models import AppointmentRequest
from locations.models import OpeningHours
from tests.factories import (
    form_data,
    make_article,
    make_clinic,
    make_opening_hours,
    make_special_hours,
    run_worker,
)

pytestmark = pytest.mark.django_db


def alternates(response) -> dict[str, str]:
    html = response.content.decode()
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switch(response) -> str:
    html = response.content.decode()
    return html.split('<nav class="language-switch"')[1].split("</nav>")[0]


def test_english_stays_at_its_addresses_and_spanish_lives_under_es(client):
    english, spanish = client.get("/"), client.get("/es/")
    assertContains(english, '<html lang="en">')
    assertContains(english, "Request an appointment")
    assertContains(spanish, '<html lang="es">')
    assertContains(spanish, "Pedir una cita")
    assertContains(spanish, "Saltar al contenido principal")
    assertNotContains(spanish, "Skip to main content")
    assert english["Content-Language"] == "en" and spanish["Content-Language"] == "es"


def test_the_browser_language_never_redirects_or_splits_the_caches(client):
    """A Spanish browser asking for / gets the English page (it chooses with the switch), and
    no page says it varies on Accept-Language, so the front cache keeps one copy of each."""
    for path in ("/", "/es/", "/articles/", "/es/articles/"):
        response = client.get(path, headers={"accept-language": "es-MX,es;q=0.9"})
        assert response.status_code == 200, path
        assert "accept-language" not in response.get("Vary", "").lower(), path
    assertContains(client.get("/", headers={"accept-language": "es"}), '<html lang="en">')


def test_every_page_names_its_other_language_version_both_ways(client):
    make_article(slug="sitting")
    make_clinic(slug="bowie")
    for path in ("/", "/articles/", "/locations/bowie/", "/request-appointment/", "/team/"):
        english, spanish = client.get(path), client.get("/es" + path)
        expected = {
            "en": f"https://www.foreverfitpt.example{path}",
            "es": f"https://www.foreverfitpt.example/es{path}",
            "x-default": f"https://www.foreverfitpt.example{path}",
        }
        assert alternates(english) == expected, path
        assert alternates(spanish) == expected, path


def test_the_language_switch_is_a_link_named_in_both_languages(client):
    english = switch(client.get("/locations/"))
    assert '<a href="/es/locations/" hreflang="es" lang="es">Español' in english
    assert '<span class="visually-hidden" lang="en"> (Spanish)</span>' in english
    spanish = switch(client.get("/es/locations/"))
    assert '<a href="/locations/" hreflang="en" lang="en">English' in spanish
    assert '<span class="visually-hidden" lang="es"> (inglés)</span>' in spanish


def test_a_missing_spanish_page_says_so_in_spanish_and_leads_home(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assertContains(response, "No encontramos esa página", status_code=404)
    assert '<a href="/" hreflang="en"' in switch(response)
    assert alternates(response) == {}


def test_the_page_cache_keeps_each_language_apart(client):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/es/")["X-Page-Cache"] == "miss"
    english, spanish = client.get("/"), client.get("/es/")
    assert english["X-Page-Cache"] == spanish["X-Page-Cache"] == "hit"
    assertContains(english, "Request an appointment")
    assertContains(spanish, "Pedir una cita")


def test_hours_dates_and_open_now_read_as_us_spanish(client, time_machine):
    clinic = make_clinic(slug="crofton")
    for day in range(4):
        make_opening_hours(clinic, day, "08:00", "19:00")
    make_opening_hours(clinic, OpeningHours.Weekday.FRIDAY, "08:00", "14:00")
    make_special_hours(clinic, date(2026, 11, 26))
    # Thursday 2026-11-19, 6:45 pm in Maryland.
    time_machine.move_to(datetime(2026, 11, 19, 23, 45, tzinfo=UTC), tick=False)
    response = client.get("/es/locations/crofton/")
    assertContains(response, "Abierto ahora · cierra a las 7:00 p. m.")
    today = response.content.decode().split('aria-current="date"')[1].split("</tr>")[0]
    assert "jueves" in today and "(hoy)" in today
    assertContains(response, "Horario del lunes 16 de noviembre al domingo 22 de noviembre")
    assertContains(response, "8:00 a. m. – 7:00 p. m.")
    assertContains(response, "<li>jue 26 nov: cerrado</li>", html=True)
    time_machine.move_to(datetime(2026, 11, 20, 0, 5, tzinfo=UTC), tick=False)  # 7:05 pm
    assertContains(client.get("/es/locations/crofton/"), "Cerrado · abre mañana a las 8:00 a. m.")
    # The English page keeps the clinics' own way of writing times.
    assertContains(client.get("/locations/crofton/"), "Closed · opens tomorrow 8 am")


def test_the_spanish_form_answers_in_spanish(client):
    response = client.post("/es/request-appointment/", form_data(first_name="", phone="12"))
    assertContains(response, "Por favor, corrija 2 datos")
    assertContains(response, "Escriba su nombre.")
    assertContains(response, "código de área")
    assertContains(response, "¿Con qué necesita ayuda?")


def test_a_spanish_request_is_recorded_and_confirmed_in_spanish(
    client, django_capture_on_commit_callbacks
):
    clinic = make_clinic(name="Bowie", slug="bowie", notification_email="bowie@clinic.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/request-appointment/", form_data(clinic=clinic.pk))
    assert response["Location"] == "/es/request-appointment/thanks/"
    assertContains(client.get(response["Location"]), "Gracias, recibimos su solicitud")
    request = AppointmentRequest.objects.get()
    assert request.language == "es"
    run_worker()
    staff, patient = sorted(mail.outbox, key=lambda message: message.to != ["bowie@clinic.example"])
    assert staff.subject.startswith("New appointment request")  # staff read English
    assert patient.subject.endswith("hemos recibido su solicitud de cita")
    assert "Nuestra recepción de Bowie se comunicará con usted" in patient.body
    assert "Thank you" not in patient.body


def test_an_english_request_stays_english(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/request-appointment/", form_data())
    assert AppointmentRequest.objects.get().language == "en"
    run_worker()
    assert "Thank you for your appointment request" in mail.outbox[-1].body


def test_the_sitemap_lists_both_languages_each_naming_the_other(client):
    make_clinic(slug="bowie")
    xml = client.get("/sitemap.xml").content.decode()
    entry = xml.split("<loc>https://www.foreverfitpt.example/es/locations/bowie/</loc>")[1]
    entry = entry.split("</url>")[0]
    for language, address in [
        ("en", "/locations/bowie/"),
        ("es", "/es/locations/bowie/"),
        ("x-default", "/locations/bowie/"),
    ]:
        link = f'hreflang="{language}" href="https://www.foreverfitpt.example{address}"'
        assert link in entry
    assert "<loc>https://www.foreverfitpt.example/es/privacy/</loc>" in xml


def test_robots_keep_both_languages_thanks_pages_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /es/request-appointment/thanks/" in body
    assert "Disallow: /request-appointment/thanks/" in body


def test_staff_see_who_prefers_spanish_and_can_list_only_them(client, admin_user):
    from tests.factories import make_request, sign_in_staff

    spanish = make_request(first_name="Ana", last_name="Reyes", language="es")
    make_request(first_name="Sam", last_name="Rivera")
    sign_in_staff(client, admin_user)
    listed = client.get("/admin/appointments/appointmentrequest/").content.decode()
    row = listed.split("Ana Reyes")[1].split("</tr>")[0]
    assert "Prefers Spanish" in row
    assert "Prefers Spanish" not in listed.split("Sam Rivera")[1].split("</tr>")[0]
    only = client.get("/admin/appointments/appointmentrequest/", {"language": "es"})
    assertContains(only, "Ana Reyes")
    assertNotContains(only, "Sam Rivera")
    page = client.get(f"/admin/appointments/appointmentrequest/{spanish.pk}/change/")
    assertContains(page, "call back with a Spanish speaker")
    dashboard = client.get("/admin/")
    assertContains(dashboard, "?status__exact=new&amp;language=es")
    assertContains(dashboard, "<strong>1</strong> prefers Spanish", html=True)


@pytest.mark.django_db(databases=[])
def test_the_error_page_of_a_spanish_page_is_in_spanish(settings, tmp_path):
    from django.test import Client

    settings.STATIC_ROOT = tmp_path  # no manifest: every {% static %} raises, the page fails
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = Client(raise_request_exception=False).get("/es/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Algo salió mal de nuestro lado" in html
    assert '<a href="/es/">' in html
