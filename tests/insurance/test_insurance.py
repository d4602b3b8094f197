"""Insurance as a new patient meets it: the plans we take and which clinics take each, each
clinic's own list, the request form's choice of plan, and what staff read afterwards."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from appointments.models import AppointmentRequest
from insurance.models import Network, Plan
from tests.factories import (
    form_data,
    make_clinic,
    make_plan,
    make_request,
    make_topic,
    run_worker,
    sign_in_staff,
)

pytestmark = pytest.mark.django_db
Kind = Plan.Kind


@pytest.fixture
def plans():
    bowie = make_clinic(name="Bowie", slug="bowie", phone="+13015550128")
    crofton = make_clinic(name="Crofton", slug="crofton")
    return {
        "bowie": bowie,
        "crofton": crofton,
        "aetna": make_plan([bowie, crofton], name="Aetna"),
        "medicaid": make_plan(
            [(bowie, "Referral needed")], name="Priority Partners", kind=Kind.MEDICAID
        ),
        "medicare": make_plan(
            [crofton], name="Medicare", kind=Kind.MEDICARE, note="Your doctor signs the plan."
        ),
        "self-pay": make_plan(
            [(bowie, "First visit $140.")], name="Self-pay rates", kind=Kind.SELF_PAY
        ),
        "nowhere": make_plan([], name="Plan Nobody Takes"),
    }


def test_the_insurance_page_lists_each_plan_by_kind_with_the_clinics_that_take_it(client, plans):
    page = client.get("/insurance/")
    html = page.content.decode()
    # Kinds in the order patients look for them, each a heading.
    assert html.index(">Health insurance</h2>") < html.index(">Medicare</h2>")
    assert html.index(">Medicare</h2>") < html.index(">Medicaid</h2>")
    assertContains(page, "All our clinics:")  # Aetna
    assertContains(page, '<a href="/locations/bowie/">Bowie</a> (Referral needed)')
    assertContains(page, "Your doctor signs the plan.")
    # When yours is missing: call (every clinic's number), or pay yourself at these rates.
    assertContains(page, "If your plan is not listed")
    assertContains(page, 'href="tel:+13015550128"')
    assertContains(page, "First visit $140.")
    # A plan no clinic takes is not offered as if it were accepted.
    assertNotContains(page, "Plan Nobody Takes")


def test_each_clinic_page_lists_the_plans_it_takes_and_its_self_pay_rates(client, plans):
    bowie = client.get("/locations/bowie/")
    assertContains(bowie, "Insurance we accept")
    assertContains(bowie, "<li>Aetna</li>", html=True)
    assertContains(bowie, "Priority Partners")
    assertContains(bowie, "(Referral needed)")
    assertNotContains(bowie, "Medicare")
    assertContains(bowie, "<strong>Paying yourself:</strong> First visit $140.", html=True)
    crofton = client.get("/locations/crofton/")
    assertContains(crofton, "Medicare")
    assertNotContains(crofton, "Priority Partners")


def test_a_plan_dropped_from_a_clinic_leaves_its_page_at_once(
    client, plans, admin_user, django_capture_on_commit_callbacks
):
    assertContains(client.get("/locations/bowie/"), "Priority Partners")  # now cached
    staff = Client()
    sign_in_staff(staff, admin_user)
    medicaid = plans["medicaid"]
    row = medicaid.networks.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/admin/insurance/plan/{medicaid.pk}/change/",
            {
                "name_en": medicaid.name,
                "kind": medicaid.kind,
                "note_en": "",
                "networks-TOTAL_FORMS": "1",
                "networks-INITIAL_FORMS": "1",
                "networks-0-id": row.pk,
                "networks-0-plan": medicaid.pk,
                "networks-0-clinic": plans["bowie"].pk,
                "networks-0-note_en": "Referral needed",
                "networks-0-DELETE": "on",
            },
            follow=True,
        )
    # Staff are told the plan is now hidden, and why.
    assertContains(response, "No open clinic takes Priority Partners yet")
    assertNotContains(client.get("/locations/bowie/"), "Priority Partners")
    assertNotContains(client.get("/insurance/"), "Priority Partners")
    # And back, through the clinic's side of the relation (a plain add()).
    with django_capture_on_commit_callbacks(execute=True):
        plans["bowie"].insurance_plans.add(medicaid)
    assertContains(client.get("/locations/bowie/"), "Priority Partners")


def test_the_form_offers_the_plans_by_kind_and_keeps_the_answer_out_of_email(
    client, plans, mailoutbox, django_capture_on_commit_callbacks
):
    make_topic(slug="back-pain", request_label="Back pain or sciatica")
    form = client.get("/request-appointment/")
    assertContains(form, '<optgroup label="Health insurance">')
    assertContains(form, f'<option value="{plans["aetna"].pk}">Aetna</option>', html=True)
    assertContains(form, '<option value="self-pay">I will pay myself</option>', html=True)
    assertNotContains(form, "Plan Nobody Takes")
    assertNotContains(form, "Self-pay rates")  # "I will pay myself" is that choice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/request-appointment/",
            form_data(insurance_choice=str(plans["medicaid"].pk), clinic=plans["bowie"].pk),
        )
    assert response.status_code == 302
    run_worker()  # the clinic's email and the patient's confirmation
    saved = AppointmentRequest.objects.get()
    assert (saved.insurance_answer, saved.insurance_plan, saved.insurance_summary) == (
        "plan",
        plans["medicaid"],
        "Priority Partners",
    )
    assert len(mailoutbox) == 2
    assert not any("Priority Partners" in str(m.message()) for m in mailoutbox)
    # The plan deleted later: the request still says what the patient chose.
    plans["medicaid"].delete()
    saved.refresh_from_db()
    assert (saved.insurance_plan, saved.insurance_summary) == (None, "Priority Partners")


@pytest.mark.parametrize(
    ("choice", "words", "summary"),
    [
        ("other", "Johns Hopkins EHP", "Other: Johns Hopkins EHP"),
        ("", "Johns Hopkins EHP", "Other: Johns Hopkins EHP"),  # typed without choosing
        ("self-pay", "", "Will pay themselves"),
        ("not-sure", "", "Not sure"),
        ("", "", ""),  # still optional
    ],
)
def test_each_other_answer_is_kept_as_staff_read_it(client, plans, choice, words, summary):
    make_topic(slug="back-pain", request_label="Back pain or sciatica")
    client.post("/request-appointment/", form_data(insurance_choice=choice, insurance_other=words))
    assert AppointmentRequest.objects.get().insurance_summary == summary


def test_a_plan_that_is_gone_when_the_form_is_sent_asks_to_choose_again(client, plans):
    make_topic(slug="back-pain", request_label="Back pain or sciatica")
    response = client.post("/request-appointment/", form_data(insurance_choice="999999"))
    assertContains(response, "Choose your plan again: our list has just changed.")
    assert not AppointmentRequest.objects.exists()


def test_staff_read_the_insurance_answer_on_the_request(client, plans, admin_user):
    request = make_request(insurance_answer="other", insurance="Blue Cross of Somewhere")
    sign_in_staff(client, admin_user)
    page = client.get(f"/admin/appointments/appointmentrequest/{request.pk}/change/")
    assertContains(page, "Other: Blue Cross of Somewhere")


@pytest.mark.django_db(transaction=True)
def test_requests_stored_before_the_plan_list_keep_what_the_patient_wrote(
    restored_migration_data,
):
    executor = MigrationExecutor(connection)
    before = [("appointments", "0007_submission_key")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    clinic = make_clinic()
    Request = old.get_model("appointments", "AppointmentRequest")
    fields = {
        "first_name": "Sam",
        "last_name": "Rivera",
        "phone": "+14105550199",
        "patient_type": "new",
        "consent": True,
        "clinic_id": clinic.pk,
    }
    typed = Request.objects.create(insurance="Blue Cross (through work)", **fields)
    blank = Request.objects.create(insurance="", **fields)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert AppointmentRequest.objects.get(pk=typed.pk).insurance_summary == (
        "Other: Blue Cross (through work)"
    )
    assert AppointmentRequest.objects.get(pk=blank.pk).insurance_summary == ""
    assert Network.objects.count() == 0  # and the plans' tables are there
