"""Bad input gets a clear answer, never a 500, and the site keeps serving everyone else."""

import pytest
from pytest_django.asserts import assertContains

from appointments.models import AppointmentRequest
from tests.factories import form_data, sign_in_staff

pytestmark = pytest.mark.django_db


def test_ten_thousand_fields_get_a_400(client):
    fields = {f"field{n}": "x" for n in range(10_000)}
    response = client.post("/request-appointment/", fields)
    assert response.status_code == 400
    assert client.get("/").status_code == 200  # everyone else is still served


def test_an_oversized_body_gets_a_400(client):
    response = client.post("/request-appointment/", form_data(note="x" * 2_000_000))
    assert response.status_code == 400
    assert not AppointmentRequest.objects.exists()


def test_nul_bytes_are_a_form_error(client):
    response = client.post("/request-appointment/", form_data(first_name="Sam\x00"))
    assertContains(response, "Null characters are not allowed.")
    assert not AppointmentRequest.objects.exists()


def test_invalid_utf8_is_a_form_error_not_a_crash(client):
    body = b"first_name=%FF%FE&last_name=Rivera"
    response = client.post(
        "/request-appointment/", body, content_type="application/x-www-form-urlencoded"
    )
    assertContains(response, "Please correct")  # the form again, saying what to fix
    assert not AppointmentRequest.objects.exists()


def test_a_script_typed_into_the_form_is_stored_as_text_and_shown_escaped(client, admin_user):
    client.post("/request-appointment/", form_data(last_name="<script>alert(1)</script>"))
    saved = AppointmentRequest.objects.get()
    assert saved.last_name == "<script>alert(1)</script>"
    sign_in_staff(client, admin_user)
    response = client.get(f"/admin/appointments/appointmentrequest/{saved.pk}/change/")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_garbage_in_the_search_box_and_page_number_is_harmless(client):
    assert client.get("/articles/search/?q=%27%22<script>").status_code == 200
    assert client.get("/articles/?page=abc").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/articles/search/?q=%00",
        "/request-appointment/?clinic=%00",
        "/locations/?zip=2%001",
        "/request-appointment/?from=/x%00",
    ],
)
def test_nul_bytes_in_the_address_get_a_400(client, url):
    response = client.get(url)
    assertContains(response, "contains a character that cannot be used", status_code=400)
