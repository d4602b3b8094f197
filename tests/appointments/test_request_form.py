import pytest
from pytest_django.asserts import assertContains, assertRedirects

from appointments.models import AppointmentRequest
from tests.factories import make_clinic

pytestmark = pytest.mark.django_db


def valid_data(**overrides):
    return {
        "first_name": "Sam",
        "last_name": "Rivera",
        "phone": "(410) 555-0199",
        "email": "sam@example.com",
        "clinic": "",
        "reason": "back-pain",
        "consent": "on",
        **overrides,
    }


def test_valid_request_is_saved_once_and_thanks_page_names_the_clinic(client):
    clinic = make_clinic(name="Crofton", phone="+14105550163")
    response = client.post("/request-appointment/", valid_data(clinic=clinic.pk))
    assertRedirects(response, "/request-appointment/thanks/")

    saved = AppointmentRequest.objects.get()
    assert (saved.first_name, saved.last_name, saved.clinic, saved.reason) == (
        "Sam",
        "Rivera",
        clinic,
        "back-pain",
    )
    assert saved.phone == "+14105550199"
    assert saved.status == AppointmentRequest.Status.NEW

    thanks = client.get("/request-appointment/thanks/")
    assertContains(thanks, "Our front desk in Crofton will call you")
    assertContains(thanks, 'href="tel:+14105550163"')
    # Reloading the thank-you page submits nothing again.
    client.get("/request-appointment/thanks/")
    assert AppointmentRequest.objects.count() == 1


def test_request_without_clinic_preference_is_accepted(client):
    client.post("/request-appointment/", valid_data(clinic=""))
    assert AppointmentRequest.objects.get().clinic is None
    assertContains(client.get("/request-appointment/thanks/"), "the clinic that can see you first")


def test_invalid_request_shows_errors_next_to_fields_and_keeps_what_was_typed(client):
    response = client.post(
        "/request-appointment/",
        valid_data(first_name="", phone="12", consent="", email="not-an-email"),
    )
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()
    assertContains(response, "<title>Error: Request an appointment")
    # The summary at the top links to each field that needs fixing.
    assertContains(response, "Please correct 4 things")
    assertContains(response, '<a href="#id_first_name">Enter your first name.</a>', html=True)
    # Each message sits by its field and is tied to it for screen readers.
    assertContains(response, 'id="id_phone_error"')
    assertContains(response, 'aria-describedby="id_phone_helptext id_phone_error"')
    assertContains(response, 'aria-invalid="true"')
    assertContains(response, "This is not a valid phone number")
    assertContains(response, "Tick this box so that we may call or email you back.")
    # What the patient typed is still there.
    assertContains(response, 'value="Rivera"')
    assertContains(response, 'value="not-an-email"')
    assertContains(response, 'value="back-pain" required id="id_reason_0" checked')


def test_form_is_prefilled_from_the_link_that_led_to_it(client):
    make_clinic(name="Bowie", slug="bowie")
    response = client.get("/request-appointment/?clinic=bowie&reason=knee-hip")
    assertContains(
        response,
        '<option value="{}" selected>Bowie</option>'.format(
            response.context["form"].initial["clinic"].pk
        ),
        html=True,
    )
    assert response.context["form"].initial["reason"] == "knee-hip"


def test_unknown_prefill_values_are_ignored(client):
    response = client.get("/request-appointment/?clinic=atlantis&reason=<script>")
    assert response.context["form"].initial == {}


def test_request_pages_are_never_cached(client):
    assert "no-store" in client.get("/request-appointment/")["Cache-Control"]
    assert "no-store" in client.get("/request-appointment/thanks/")["Cache-Control"]


def test_session_cookie_after_a_request_is_secure_and_http_only(client):
    response = client.post("/request-appointment/", valid_data())
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"]


def test_form_values_are_not_logged(client, caplog):
    with caplog.at_level("DEBUG"):
        client.post("/request-appointment/", valid_data(last_name="Zebulon-Unique"))
        client.post("/request-appointment/", valid_data(last_name="Quixotic-Unique", phone="1"))
    assert "Unique" not in caplog.text
