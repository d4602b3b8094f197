import copy
import re
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import (
    assertContains,
    assertHTMLEqual,
    assertNotContains,
    assertRedirects,
)

from appointments.business_days import next_business_day
from appointments.forms import AppointmentRequestForm, Checkboxes, DropDown, RadioButtons
from appointments.models import AppointmentRequest
from tests.factories import (
    form_data,
    make_clinic,
    make_plan,
    make_request,
    make_topic,
    shown_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def topics():
    """The reasons on the form are the article topics, each in its form wording."""
    return {
        slug: make_topic(name=name, slug=slug, request_label=label)
        for name, slug, label in [
            ("Back Pain", "back-pain", "Back pain or sciatica"),
            ("Knee & Hip", "knee-hip", "Knee or hip pain"),
        ]
    }


def test_valid_request_is_saved_once_and_thanks_page_names_the_clinic(client, topics):
    clinic = make_clinic(name="Crofton", phone="+14105550163")
    response = client.post(
        "/request-appointment/",
        form_data(
            clinic=clinic.pk,
            preferred_days=["mon", "sat"],
            preferred_times=["evening"],
            referral="not-sure",
            insurance_other="Aetna",
            note="Not before 9 am, please.",
            reason="back-pain",
        ),
    )
    assertRedirects(response, "/request-appointment/thanks/")

    saved = AppointmentRequest.objects.get()
    assert (saved.first_name, saved.last_name, saved.clinic, saved.reason) == (
        "Sam",
        "Rivera",
        clinic,
        topics["back-pain"],
    )
    assert saved.phone == "+14105550199"
    assert (saved.preferred_days, saved.preferred_times) == (["mon", "sat"], ["evening"])
    assert (saved.referral, saved.insurance, saved.note) == (
        "not-sure",
        "Aetna",
        "Not before 9 am, please.",
    )
    assert saved.status == AppointmentRequest.Status.NEW

    thanks = client.get("/request-appointment/thanks/")
    call_by = next_business_day(timezone.localdate())
    assertContains(
        thanks,
        f"Our front desk in Crofton will contact you by the end of {call_by:%A, %B} {call_by.day}",
    )
    assertContains(thanks, 'href="tel:+14105550163"')
    # Reloading the thank-you page submits nothing again.
    client.get("/request-appointment/thanks/")
    assert AppointmentRequest.objects.count() == 1


def test_request_without_clinic_preference_is_accepted(client):
    client.post("/request-appointment/", form_data(clinic=""))
    assert AppointmentRequest.objects.get().clinic is None
    assertContains(client.get("/request-appointment/thanks/"), "the clinic that can see you first")


def test_invalid_request_shows_errors_next_to_fields_and_keeps_what_was_typed(client):
    response = client.post(
        "/request-appointment/",
        form_data(
            first_name="",
            phone="12",
            consent="",
            email="not-an-email",
            insurance_other="Blue Cross",
            reason="knee-hip",
        ),
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
    assertContains(response, "Tick this box so that we may contact you about it.")
    # What the patient typed is still there.
    assertContains(response, 'value="Rivera"')
    assertContains(response, 'value="not-an-email"')
    assertContains(response, 'value="Blue Cross"')
    assertContains(response, 'value="knee-hip" required id="id_reason_1" checked')


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"phone": "", "email": "", "contact_method": "phone"},
            "phone",
            "Enter a phone number, or choose email as the way to reach you.",
        ),
        (
            {"email": "", "contact_method": "email"},
            "email",
            "Enter an email address, or choose a phone call or text.",
        ),
        (
            {"patient_type": ""},
            "patient_type",
            "Tell us whether you have been to Forever Fit before.",
        ),
        ({"note": "x" * 501}, "note", "Keep the note to 500 characters or fewer."),
    ],
)
def test_form_says_exactly_what_to_fix(client, changes, field, message):
    response = client.post("/request-appointment/", form_data(**changes))
    assertContains(response, f'id="id_{field}_error"')
    assertContains(response, message)
    assert not AppointmentRequest.objects.exists()


def test_email_alone_is_enough_when_the_patient_prefers_email(client):
    client.post("/request-appointment/", form_data(phone="", contact_method="email"))
    saved = AppointmentRequest.objects.get()
    assert (saved.phone, saved.email) == ("", "sam@example.com")


def test_form_is_prefilled_from_the_link_that_led_to_it(client):
    clinic = make_clinic(name="Bowie", slug="bowie")
    response = client.get(
        "/request-appointment/?clinic=bowie&reason=knee-hip&from=/articles/runners-knee/"
    )
    assertContains(response, f'<option value="{clinic.pk}" selected>Bowie</option>', html=True)
    assertContains(response, 'value="knee-hip" required id="id_reason_1" checked')
    # The page the patient came from travels in a hidden field, and is recorded.
    assertContains(response, '<input type="hidden" name="source" value="/articles/runners-knee/"')
    client.post("/request-appointment/", form_data(source="/articles/runners-knee/"))
    assert AppointmentRequest.objects.get().source == "/articles/runners-knee/"


def test_unknown_or_foreign_prefill_values_are_ignored(client):
    response = client.get(
        "/request-appointment/?clinic=atlantis&reason=<script>&from=https://evil.example/"
    )
    assertNotContains(response, "evil.example")
    assert {"clinic", "reason", "source"}.isdisjoint(response.context["form"].initial)
    client.post("/request-appointment/", form_data(source="//evil.example/"))
    assert AppointmentRequest.objects.get().source == ""


def test_form_fields_are_labelled_grouped_and_autocompleted(client):
    response = client.get("/request-appointment/")
    for legend in ("About you", "Your visit", "When suits you"):
        assertContains(response, f"<legend>{legend}</legend>", html=True)
    for token in ("given-name", "family-name", "tel", "email"):
        assertContains(response, f'autocomplete="{token}"')
    assertContains(response, '<label for="id_first_name">First name</label>', html=True)
    assertContains(response, "Please don’t include medical details")


def test_request_pages_are_never_cached(client):
    assert "no-store" in client.get("/request-appointment/")["Cache-Control"]
    assert "no-store" in client.post("/request-appointment/", form_data(phone="1"))["Cache-Control"]
    assert "no-store" in client.get("/request-appointment/thanks/")["Cache-Control"]


def test_the_thanks_cookie_is_signed_secure_http_only_and_only_sent_to_the_form(client):
    response = client.post("/request-appointment/", form_data())
    cookie = response.cookies["appointment-request"]
    assert cookie["secure"] and cookie["httponly"] and cookie["path"] == "/request-appointment/"
    assert "sessionid" not in response.cookies  # nothing written after the request's commit
    # A number typed into the cookie is not a request this browser sent.
    other = make_request(first_name="Someone", last_name="Else")
    client.cookies["appointment-request"] = str(other.pk)
    assertRedirects(client.get("/request-appointment/thanks/"), "/request-appointment/")


def shown_form(client) -> dict:
    """What a browser would post from the form it was shown: its hidden fields included."""
    html = client.get("/request-appointment/").content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    return form_data(shown=shown_token(seconds_ago=60), submission=hidden["submission"])


def test_the_same_form_sent_twice_is_one_request_and_both_answers_say_thanks(client):
    bowie = make_clinic(name="Bowie")
    data = shown_form(client) | {"clinic": bowie.pk}
    first = client.post("/request-appointment/", data)
    again = Client().post("/request-appointment/", data)  # a retry on another host, say
    assert AppointmentRequest.objects.count() == 1
    for answer in (first, again):
        assertRedirects(answer, "/request-appointment/thanks/", fetch_redirect_response=False)
    thanks = Client()
    thanks.cookies = again.cookies
    assertContains(thanks.get("/request-appointment/thanks/"), "Bowie")


def test_each_form_shown_has_its_own_key_so_two_patients_are_two_requests(client):
    first, second = shown_form(client), shown_form(client)
    assert first["submission"] != second["submission"]
    client.post("/request-appointment/", first)
    client.post("/request-appointment/", second | {"first_name": "Alex"})
    assert AppointmentRequest.objects.count() == 2


def test_the_same_form_arriving_at_the_same_moment_on_two_hosts_is_saved_once(client):
    data = shown_form(client)
    # Both hosts looked for the key before either had saved it.
    with mock.patch("appointments.submission.already_received", side_effect=[None, None, None]):
        first = client.post("/request-appointment/", data)
    with (
        mock.patch("appointments.views.already_received", return_value=None),
        mock.patch(
            "appointments.submission.already_received",
            side_effect=[None, AppointmentRequest.objects.get()],
        ),
    ):
        second = Client().post("/request-appointment/", data)
    assert AppointmentRequest.objects.count() == 1
    assert first.status_code == second.status_code == 302


def test_form_values_never_reach_the_logs_or_the_url(client, caplog):
    with caplog.at_level("DEBUG"):
        ok = client.post("/request-appointment/", form_data(last_name="Zebulon-Unique"))
        client.post("/request-appointment/", form_data(last_name="Quixotic-Unique", phone="1"))
    assert "Unique" not in caplog.text
    assert "Zebulon" not in ok["Location"]


def test_a_new_topic_is_offered_as_a_reason_and_preselected_from_its_articles(client):
    make_topic(name="Pelvic Health", slug="pelvic-health")  # no form wording: its name is used
    response = client.get("/request-appointment/?reason=pelvic-health")
    assertContains(response, 'value="pelvic-health" required id="id_reason_2" checked')
    assertContains(response, "Pelvic Health</label>")
    client.post("/request-appointment/", form_data(reason="pelvic-health"))
    assert AppointmentRequest.objects.get().reason.slug == "pelvic-health"


def test_something_else_is_always_offered_and_saves_no_topic(client):
    response = client.get("/request-appointment/")
    assertContains(response, "Something else</label>")
    client.post("/request-appointment/", form_data(reason="other"))
    assert AppointmentRequest.objects.get().reason is None


def test_the_thanks_page_without_a_request_just_sent_leads_to_the_form(client):
    assertRedirects(client.get("/request-appointment/thanks/"), "/request-appointment/")


def database_down(execute, sql, params, many, context):
    raise OperationalError("the database server does not answer")


def test_during_a_database_outage_the_form_says_it_was_not_sent_and_keeps_what_was_typed(
    client, caplog
):
    bowie = make_clinic(name="Bowie", phone="+13015550128")
    make_clinic(name="Crofton", phone="+14105550131")
    client.get("/request-appointment/")  # the shared lists (clinics, topics) are warm
    data = form_data(
        clinic=bowie.pk, reason="knee-hip", insurance_other="Aetna Choice", note="Mornings only"
    )
    with connection.execute_wrapper(database_down):
        response = client.post("/request-appointment/", data)
    assertContains(response, "Your request was not sent", status_code=503)
    typed = [
        'value="Sam"',
        'value="Rivera"',
        'value="(410) 555-0199"',
        "Mornings only",
        'value="Aetna Choice"',
        'value="knee-hip" required id="id_reason_1" checked',
        f'<option value="{bowie.pk}" selected>Bowie</option>',
    ]
    for shown in typed:
        assertContains(response, shown, status_code=503)
    assertContains(response, 'href="tel:+13015550128"', status_code=503)
    assertContains(response, 'href="tel:+14105550131"', status_code=503)
    assert AppointmentRequest.objects.count() == 0
    # The log says what happened, never what was typed.
    logged = caplog.text
    assert "could not be saved (OperationalError)" in logged
    assert "Rivera" not in logged and "Mornings" not in logged
    # Once the database is back, the same form goes through.
    assert client.post("/request-appointment/", data).status_code == 302
    assert AppointmentRequest.objects.get().note == "Mornings only"


def test_during_a_database_outage_the_form_still_opens(client):
    bowie = make_clinic(name="Bowie", phone="+13015550128")
    make_plan([bowie], name="Aetna")
    client.get("/request-appointment/")  # the shared lists (clinics, topics, plans) are warm
    with connection.execute_wrapper(database_down):
        response = client.get("/request-appointment/")
    assertContains(response, f'<option value="{bowie.pk}">Bowie</option>', html=True)
    assertContains(response, "Knee or hip pain")
    assertContains(response, ">Aetna</option>")


def test_the_forms_quick_widget_templates_draw_what_djangos_own_draw():
    """The form's choices are drawn by one Jinja2 template each (appointments/jinja2/): the
    page's CPU halves (README, Performance). They must draw exactly Django's HTML, checked and
    selected states included: this fails when Django's own widget templates change."""
    bowie = make_clinic(name="Bowie")
    aetna = make_plan([bowie], name="Aetna")  # the plans come in groups by kind
    form = AppointmentRequestForm(
        data={
            **form_data(),
            "clinic": bowie.pk,
            "insurance_choice": str(aetna.pk),
            "referral": "not-sure",
            "preferred_days": ["mon", "thu"],
            "preferred_times": ["morning"],
        }
    )
    quick = [
        (name, field)
        for name, field in form.fields.items()
        if isinstance(field.widget, (RadioButtons, Checkboxes, DropDown))
    ]
    assert {"clinic", "reason", "contact_method", "preferred_days", "insurance_choice"} <= {
        n for n, _ in quick
    }
    for name, field in quick:
        djangos = copy.deepcopy(field.widget)
        djangos.template_name = type(field.widget).__mro__[1].template_name
        value = form[name].value()
        attrs = {"id": f"id_{name}"}
        ours = field.widget.render(name, value, attrs, renderer=form.renderer)
        assertHTMLEqual(ours, djangos.render(name, value, attrs, renderer=DjangoTemplates()))
        assert "checked" in ours or "selected" in ours, name
