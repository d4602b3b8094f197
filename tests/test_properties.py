"""Property-based tests (Hypothesis) of the two places strangers type into: the appointment form
and the ZIP search. No input makes them fail; what is accepted reaches staff unchanged; what is
refused says which field to fix."""

import re
import string

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from appointments.forms import PATIENT_FIELDS, VISIT_FIELDS
from appointments.models import AppointmentRequest
from tests.factories import form_data, make_clinic, make_staff, sign_in_staff

pytestmark = pytest.mark.django_db

# How many examples: the profile's (tests/conftest.py: 15 by default, 60 in CI).
EXAMPLES = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORM = "/request-appointment/"
# Every field the form reads, and the honeypot nobody sees.
FIELDS = [*PATIENT_FIELDS, *VISIT_FIELDS, "website"]

# Any text a browser could send: every Unicode character but lone surrogates (not encodable).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
plausible = st.sampled_from(["", "on", "new", "phone", "email", "other", "mon", "morning"])


@pytest.fixture
def open_form(settings):
    settings.APPOINTMENT_RATE_LIMIT_PER_HOUR = 100_000  # many examples, one test address
    settings.APPOINTMENT_FORM_MIN_SECONDS = 0


@given(
    data=st.fixed_dictionaries(
        {}, optional={name: st.one_of(any_text, plausible) for name in FIELDS}
    )
)
# Refusals by fields nobody sees, once found (the first by hand, the others by Hypothesis).
@example(data={**form_data(), "source": "/" + "a" * 250})
@example(data={"first_name": "", "source": "\x00"})
@example(data={"first_name": "", "website": "\x00"})
@EXAMPLES
def test_no_input_breaks_the_form_and_every_refusal_names_its_field(client, open_form, data):
    response = client.post(FORM, {**data, "shown": form_data()["shown"]})
    if response.status_code == 400:  # NUL bytes and the like are refused outright
        return
    if response.status_code == 302:  # accepted (or quietly filed as spam)
        assert response["Location"] == "/request-appointment/thanks/"
        return
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors, "the form came back without saying why"
    html = response.content.decode()
    for name in form.errors:
        if name == "__all__":
            continue
        field = form[name]
        assert not field.is_hidden, f"a hidden field ({name}) refused the request silently"
        # Each problem is in the summary, linked to its field, and beside the field itself.
        assert re.search(rf'href="#{field.auto_id}(_0)?"', html), name
        assert f'id="{field.auto_id}_error"' in html, name


# Names as people have them: letters of any script, spaces, apostrophes, hyphens, periods.
name_text = st.text(
    st.one_of(st.characters(categories=["L", "M"]), st.sampled_from(" '-.’")),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() == s and s.strip())
note_text = st.text(
    st.characters(exclude_categories=["Cs", "Cc"]) | st.just("\n"), max_size=500
).filter(lambda s: s.strip() == s)


@given(
    first=name_text,
    last=name_text,
    note=note_text,
    insurance=st.text(string.ascii_letters + string.digits + " &-", max_size=100).map(str.strip),
    line=st.integers(100, 199),
)
@EXAMPLES
def test_every_accepted_request_reaches_staff_unchanged(
    client, open_form, first, last, note, insurance, line
):
    AppointmentRequest.objects.all().delete()
    phone = f"(301) 555-0{line}"
    response = client.post(
        FORM,
        form_data(
            first_name=first, last_name=last, note=note, insurance_other=insurance, phone=phone
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    saved = AppointmentRequest.objects.get()
    assert (saved.first_name, saved.last_name, saved.note, saved.insurance) == (
        first,
        last,
        note.replace("\r\n", "\n"),
        insurance,
    )
    assert saved.phone == f"+1301555{line:04d}"

    staff = make_staff(f"desk{saved.pk}", "Practice managers")
    sign_in_staff(client, staff)
    page = client.get(f"/admin/appointments/appointmentrequest/{saved.pk}/change/")
    html = page.content.decode()
    for value in (first, last, insurance, *note.split("\n")):
        assert escape(value) in html
    client.logout()


@pytest.fixture
def bowie():
    return make_clinic(name="Bowie", slug="bowie")


@given(zip_code=any_text.map(lambda s: s[:12]))
@EXAMPLES
def test_no_zip_search_breaks_the_clinics_page(client, bowie, zip_code):
    response = client.get("/locations/", {"zip": zip_code})
    if "\x00" in zip_code:
        assert response.status_code == 400
        return
    assert response.status_code == 200
    html = response.content.decode()
    # Either the clinics by distance, or a message saying what to type; the clinics in any case.
    assert "Nearest to" in html or "ZIP code" in html
    assert "Bowie" in html
