"""The staff queue: who sees which requests, what they can do, and the record of it."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from appointments.export import spreadsheet_safe
from appointments.models import AppointmentRequest, RequestAccess, StatusChange, clinics_worked_by
from dashboard.figures import dashboard
from tests.factories import make_clinic, make_request, make_staff, sign_in_staff

pytestmark = pytest.mark.django_db

QUEUE = "/admin/appointments/appointmentrequest/"


@pytest.fixture
def bowie():
    return make_clinic(name="Bowie", slug="bowie")


@pytest.fixture
def crofton():
    return make_clinic(name="Crofton", slug="crofton")


@pytest.fixture
def front_desk(client, django_user_model, bowie):
    sign_in_staff(client, make_staff("bowie-desk", "Front desk", [bowie]))
    return client


@pytest.fixture
def manager(client, django_user_model):
    user = make_staff("manager", "Practice managers")
    sign_in_staff(client, user)
    return client


def change_data(request, **overrides):
    """The admin change form's fields for a request, as the browser posts them."""
    return {
        "status": request.status,
        "assignee": "",
        "staff_notes": "",
        "first_name": request.first_name,
        "last_name": request.last_name,
        "phone": request.phone,
        "email": request.email,
        "contact_method": request.contact_method,
        "clinic": request.clinic_id or "",
        "reason": request.reason_id or "",
        "note": request.note,
        "patient_type": request.patient_type,
        "referral": request.referral,
        "insurance": request.insurance,
        "preferred_days": "[]",
        "preferred_times": "[]",
        **overrides,
    }


def test_front_desk_sees_only_their_clinics_requests(front_desk, bowie, crofton):
    make_request(clinic=bowie, last_name="Okafor")
    make_request(clinic=crofton, last_name="Lindqvist")
    make_request(clinic=None, last_name="Nakamura")  # no preference: any clinic may take it
    response = front_desk.get(QUEUE)
    assertContains(response, "Bowie")
    assertContains(response, "No preference")
    assertNotContains(response, "Crofton")
    assertContains(response, "2 appointment requests")


def test_front_desk_cannot_open_another_clinics_request_by_its_url(front_desk, bowie, crofton):
    own = make_request(clinic=bowie, last_name="Okafor")
    assertContains(front_desk.get(f"{QUEUE}{own.pk}/change/"), '<div class="readonly">Okafor</div>')
    other = make_request(clinic=crofton, last_name="Lindqvist")
    response = front_desk.get(f"{QUEUE}{other.pk}/change/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assertContains(front_desk.get(response["Location"]), "doesn’t exist")
    assert not RequestAccess.objects.filter(request_number=other.pk).exists()
    # Nor change it with a forged POST.
    front_desk.post(f"{QUEUE}{other.pk}/change/", change_data(other, status="closed"))
    other.refresh_from_db()
    assert other.status == AppointmentRequest.Status.NEW


def test_front_desk_changes_the_status_of_their_clinics_request(front_desk, bowie):
    request = make_request(clinic=bowie, last_name="Okafor")
    response = front_desk.post(
        f"{QUEUE}{request.pk}/change/",
        change_data(request, status="contacted", staff_notes="Left a voicemail."),
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.staff_notes) == ("contacted", "Left a voicemail.")
    # The admin's change history outlives the request: it names the number, not the patient.
    assert LogEntry.objects.get().object_repr == f"Request #{request.pk}"


def test_front_desk_cannot_move_a_request_to_a_clinic_they_do_not_work(front_desk, bowie, crofton):
    request = make_request(clinic=bowie)
    response = front_desk.post(
        f"{QUEUE}{request.pk}/change/", change_data(request, clinic=crofton.pk)
    )
    assertContains(response, "Select a valid choice")
    request.refresh_from_db()
    assert request.clinic == bowie


def test_managers_see_every_clinics_requests(manager, bowie, crofton):
    make_request(clinic=bowie)
    make_request(clinic=crofton)
    assertContains(manager.get(QUEUE), "2 appointment requests")


def test_every_view_of_a_request_is_recorded_and_visible_to_managers(
    client, django_user_model, bowie
):
    desk_user = make_staff("bowie-desk", "Front desk", [bowie])
    request = make_request(clinic=bowie)
    sign_in_staff(client, desk_user)
    assertContains(client.get(f"{QUEUE}{request.pk}/change/"), "Rivera")
    access = RequestAccess.objects.get()
    assert (access.user, access.request_number, access.clinic, access.action) == (
        desk_user,
        request.pk,
        bowie,
        "viewed",
    )
    assert client.get("/admin/appointments/requestaccess/").status_code == 403

    sign_in_staff(client, make_staff("manager", "Practice managers"))
    assertContains(client.get("/admin/appointments/requestaccess/"), "bowie-desk")


def test_csv_export_needs_its_permission_and_is_recorded(client, django_user_model, bowie):
    request = make_request(clinic=bowie, last_name="Okafor", note="=HYPERLINK(1)")
    desk_user = make_staff("bowie-desk", "Front desk", [bowie])
    sign_in_staff(client, desk_user)
    export = {"action": "export_csv", "_selected_action": [request.pk]}
    assertNotContains(client.get(QUEUE), "Export selected as CSV")
    response = client.post(QUEUE, export)
    assert response.get("Content-Type", "").startswith("text/html")  # refused: no file

    desk_user.user_permissions.add(Permission.objects.get(codename="export_appointmentrequest"))
    sign_in_staff(client, desk_user)
    response = client.post(QUEUE, export)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["id"], row["last_name"]) for row in rows] == [(str(request.pk), "Okafor")]
    assert rows[0]["note"] == "'=HYPERLINK(1)"  # never a live spreadsheet formula
    assert RequestAccess.objects.filter(action="exported", request_number=request.pk).exists()


def test_actions_assign_and_change_status_in_bulk(front_desk, bowie):
    requests = [make_request(clinic=bowie) for _ in range(3)]
    front_desk.post(QUEUE, {"action": "assign_to_me", "_selected_action": [r.pk for r in requests]})
    front_desk.post(
        QUEUE, {"action": "mark_scheduled", "_selected_action": [r.pk for r in requests[:2]]}
    )
    assert sorted(AppointmentRequest.objects.values_list("status", flat=True)) == [
        "new",
        "scheduled",
        "scheduled",
    ]
    assert set(AppointmentRequest.objects.values_list("assignee__username", flat=True)) == {
        "bowie-desk"
    }


def test_requests_past_the_day_the_patient_was_told_are_highlighted_as_overdue(
    front_desk, bowie, time_machine
):
    # Friday 9 am Eastern: the patient was told "by the end of Monday".
    friday_9am = datetime(2026, 11, 20, 14, tzinfo=UTC)
    old = make_request(clinic=bowie, created_at=friday_9am)
    handled = make_request(clinic=bowie, created_at=friday_9am, status="contacted")
    time_machine.move_to(datetime(2026, 11, 24, 4, 50, tzinfo=UTC), tick=False)  # Mon 23:50
    assertNotContains(front_desk.get(QUEUE), "overdue</strong>")
    time_machine.move_to(datetime(2026, 11, 24, 5, 10, tzinfo=UTC), tick=False)  # Tue 0:10
    response = front_desk.get(QUEUE)
    assertContains(response, "overdue</strong>", count=1)
    # The sidebar's filter link is the one staff click.
    assertContains(response, 'href="?overdue=yes"')
    overdue = front_desk.get(QUEUE + "?overdue=yes")
    assert [r.pk for r in overdue.context["cl"].result_list] == [old.pk]
    assert handled.pk not in [r.pk for r in overdue.context["cl"].result_list]


def test_queue_is_searchable_by_name_and_number(front_desk, bowie):
    make_request(clinic=bowie, last_name="Lindqvist")
    target = make_request(clinic=bowie, last_name="Okafor")
    assertContains(front_desk.get(QUEUE + "?q=Lindqvist"), "1 result")
    found = list(front_desk.get(QUEUE + f"?q={target.pk}").context["cl"].result_list)
    assert target in found
    # Any other result holds the number too (in its phone number, say): never an unrelated one.
    number = str(target.pk)
    assert all(number in f"{r.pk} {r.phone} {r.email} {r.first_name} {r.last_name}" for r in found)


def test_admin_pages_are_never_cached(front_desk, bowie):
    request = make_request(clinic=bowie)
    for url in (QUEUE, f"{QUEUE}{request.pk}/change/"):
        assert "no-store" in front_desk.get(url)["Cache-Control"]


def test_staff_cannot_add_requests_in_the_admin(manager):
    assert manager.get(QUEUE + "add/").status_code == 403


def test_stuck_notifications_are_flagged(manager, bowie, settings, time_machine):
    settings.APPOINTMENT_NOTIFICATION_STUCK_MINUTES = 20
    time_machine.move_to(datetime(2026, 11, 24, 15, tzinfo=UTC), tick=False)
    make_request(clinic=bowie, notification_error="SMTPServerDisconnected")
    assertContains(manager.get(QUEUE), "Not yet sent")
    time_machine.shift(timedelta(minutes=21))
    assertContains(manager.get(QUEUE), "Stuck: SMTPServerDisconnected")
    assert len(manager.get(QUEUE + "?notification=stuck").context["cl"].result_list) == 1


def test_spam_is_never_listed_as_waiting_for_its_notification(manager, bowie):
    genuine = make_request(clinic=bowie)
    make_request(clinic=bowie, status=AppointmentRequest.Status.SPAM)
    waiting = manager.get(QUEUE + "?notification=pending").context["cl"].result_list
    assert [r.pk for r in waiting] == [genuine.pk]


def test_managers_can_move_a_request_to_any_clinic(manager, bowie, crofton):
    request = make_request(clinic=bowie)
    form = manager.get(f"{QUEUE}{request.pk}/change/").context["adminform"].form
    assert set(form.fields["clinic"].queryset) == {bowie, crofton}


def test_the_request_page_shows_what_the_patient_wrote_read_only_and_readable(manager, bowie):
    request = make_request(
        clinic=None,
        phone="+14105550199",
        preferred_days=["mon", "sat"],
        preferred_times=[],
        note="Not before 9 am",
    )
    response = manager.get(f"{QUEUE}{request.pk}/change/")
    form = response.context["adminform"].form
    assert set(form.fields) == {"status", "assignee", "staff_notes", "clinic"}
    assertContains(response, '<a href="tel:+14105550199">(410) 555-0199</a>', html=True)
    assertContains(response, "Monday, Saturday", count=1)  # each fact once
    assertNotContains(response, 'type="checkbox" disabled')
    assertContains(response, "Any time")
    assertNotContains(response, '["mon", "sat"]')
    assertContains(response, '<option value="" selected>No preference</option>', html=True)
    # The breadcrumb names the section once, then the requests.
    assertContains(response, "Front desk</a>")

    # A forged post cannot change the patient's words.
    manager.post(
        f"{QUEUE}{request.pk}/change/",
        change_data(request, status="contacted", note="changed", first_name="Someone"),
    )
    request.refresh_from_db()
    assert (request.status, request.note, request.first_name) == (
        "contacted",
        "Not before 9 am",
        "Sam",
    )


def test_deleting_requests_is_recorded_like_views_and_exports(manager, bowie):
    one, two, three = (make_request(clinic=bowie) for _ in range(3))
    manager.post(f"{QUEUE}{one.pk}/delete/", {"post": "yes"})
    manager.post(
        QUEUE, {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"}
    )
    assert not AppointmentRequest.objects.exists()
    deleted = RequestAccess.objects.filter(action="deleted")
    assert sorted(deleted.values_list("request_number", flat=True)) == [one.pk, two.pk, three.pk]
    assert {record.user.username for record in deleted} == {"manager"}


@pytest.mark.parametrize("typed", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_the_csv_export_never_starts_a_cell_with_a_formula(typed):
    assert spreadsheet_safe(typed) == "'" + typed
    assert spreadsheet_safe("Back pain") == "Back pain"


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_contacted", "contacted"),
        ("mark_scheduled", "scheduled"),
        ("mark_closed", "closed"),
        ("mark_spam", "spam"),
    ],
)
def test_every_list_action_writes_the_status_history(front_desk, bowie, action, status):
    requests = [make_request(clinic=bowie) for _ in range(2)]
    front_desk.post(QUEUE, {"action": action, "_selected_action": [r.pk for r in requests]})
    desk = get_user_model().objects.get(username="bowie-desk")
    for request in requests:
        history = list(request.status_changes.values_list("status", "by"))
        assert history == [(status, desk.pk)]
    # Marking them again moves nothing, so it writes nothing.
    front_desk.post(QUEUE, {"action": action, "_selected_action": [r.pk for r in requests]})
    assert StatusChange.objects.count() == 2


def test_a_request_marked_contacted_from_the_list_counts_on_the_dashboard(
    manager, bowie, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    request = make_request(clinic=bowie, created_at=timezone.now() - timedelta(hours=3))
    manager.post(QUEUE, {"action": "mark_contacted", "_selected_action": [request.pk]})
    assertContains(manager.get("/admin/"), "3.0 h")


def visible_everywhere(user, client) -> dict[str, set[int]]:
    """Which request numbers one person sees in each place that lists requests."""
    sign_in_staff(client, user)
    shown_list = client.get(QUEUE + "?all=")
    listed = (
        {r.pk for r in shown_list.context["cl"].queryset}
        if shown_list.status_code == 200
        else set()
    )
    everything = list(AppointmentRequest.objects.values_list("pk", flat=True))
    export = client.post(QUEUE, {"action": "export_csv", "_selected_action": everything})
    exported = set()
    if export.get("Content-Type", "").startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(export.content.decode())))[1:]
        exported = {int(row[0].lstrip("#")) for row in rows}
    context = dashboard(user)
    dashboard_clinics = {c.pk for c in context.get("clinics", [])}
    # The dashboard's queue lists the new requests it counts.
    on_dashboard = {item["number"] for item in context.get("queue", [])}
    return {
        "admin list": listed,
        "export": exported if user.has_perm("appointments.export_appointmentrequest") else listed,
        "dashboard": on_dashboard,
        "clinic choices": {c.pk for c in clinics_worked_by(user)},
        "dashboard clinics": dashboard_clinics,
    }


def test_one_rule_decides_who_sees_which_request_everywhere(django_user_model, bowie, crofton):
    closed = make_clinic(name="Old Mill", slug="old-mill", active=False)
    requests = {
        "bowie": make_request(clinic=bowie),
        "crofton": make_request(clinic=crofton),
        "closed": make_request(clinic=closed),
        "none": make_request(clinic=None),
    }
    people = {
        "manager": (make_staff("pm", "Practice managers"), set(requests), {bowie, crofton, closed}),
        "bowie desk": (make_staff("bd", "Front desk", [bowie]), {"bowie", "none"}, {bowie}),
        "closed clinic desk": (
            make_staff("od", "Front desk", [closed]),
            {"closed", "none"},
            {closed},
        ),
        "editor": (make_staff("ed", "Editors"), set(), set()),
    }
    for name, (user, expected, clinics) in people.items():
        seen = visible_everywhere(user, Client())
        numbers = {requests[key].pk for key in expected}
        assert seen["admin list"] == numbers, name
        assert seen["dashboard"] == numbers, name
        assert seen["export"] == seen["admin list"], name
        assert seen["clinic choices"] == seen["dashboard clinics"] == {c.pk for c in clinics}, name


def test_the_front_desk_list_says_whom_to_call_on_which_number_and_by_when(front_desk, bowie):
    # A Friday request is due on Monday; one already contacted is done.
    make_request(
        clinic=bowie,
        first_name="Sam",
        last_name="Rivera",
        phone="+14105550199",
        created_at=datetime(2026, 11, 27, 15, 0, tzinfo=UTC),
    )
    make_request(
        clinic=bowie,
        first_name="Ann",
        last_name="Lee",
        phone="",
        email="ann@example.com",
        status=AppointmentRequest.Status.CONTACTED,
    )
    listing = front_desk.get(QUEUE)
    assertContains(listing, '<td class="field-patient">Sam Rivera</td>', html=True)
    assertContains(listing, '<a class="nowrap" href="tel:+14105550199">(410) 555-0199</a>')
    assertContains(listing, '<a href="mailto:ann@example.com">Email</a>', html=True)
    assertContains(listing, '<td class="field-contact_by">Mon, Nov 30</td>', html=True)
    assertContains(listing, '<td class="field-contact_by">Done</td>', html=True)
    # Sorted by contact-by day: oldest first.
    oldest_first = front_desk.get(QUEUE + "?o=5")
    html = oldest_first.content.decode()
    assert html.index("Sam Rivera") < html.index("Ann Lee")
