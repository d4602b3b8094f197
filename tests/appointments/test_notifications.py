"""Notifications: sent after commit by the worker, retried through a mail outage, never leaky."""

import smtplib
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments import notifications
from appointments.models import AppointmentRequest
from appointments.tasks import (
    deliver_notifications,
    enqueue_overdue_notifications,
    fail_abandoned_tasks,
    look_after_the_queue,
    schedule_queue_check,
)
from core import task_worker
from core.models import WorkerHeartbeat
from tests.factories import form_data, make_clinic, make_request, run_worker

pytestmark = pytest.mark.django_db

PRIVATE = [
    "Sam",
    "Rivera",
    "410",
    "0199",
    "sam@example.com",
    "Back pain",
    "back-pain",
    "Aetna",
    "left knee",
]


def submit(client, capture, **changes) -> AppointmentRequest:
    with capture(execute=True):
        response = client.post("/request-appointment/", form_data(**changes))
    assert response.status_code == 302
    return AppointmentRequest.objects.latest("created_at")


@pytest.fixture
def bowie():
    return make_clinic(
        name="Bowie", slug="bowie", notification_email="bowie@clinic.example", phone="+13015550128"
    )


def test_clinic_is_told_by_number_only_and_the_patient_gets_a_confirmation(
    client, django_capture_on_commit_callbacks, mailoutbox, bowie, time_machine
):
    time_machine.move_to(datetime(2026, 11, 24, 18, 5, tzinfo=UTC), tick=False)  # 1:05 pm
    request = submit(
        client,
        django_capture_on_commit_callbacks,
        clinic=bowie.pk,
        insurance="Aetna",
        note="My left knee, mostly",
    )
    assert mailoutbox == []  # nothing is sent while the patient waits
    time_machine.shift(timedelta(minutes=42))  # the worker is slow today
    run_worker()

    clinic_mail, patient_mail = mailoutbox
    assert clinic_mail.to == ["bowie@clinic.example"]
    assert clinic_mail.subject == f"New appointment request #{request.pk} for Bowie"
    assert (
        f"https://www.foreverfitpt.example/admin/appointments/appointmentrequest/"
        f"{request.pk}/change/"
    ) in clinic_mail.body
    assert "Received: Tuesday, November 24, 2026, 1:05 PM (Eastern)" in clinic_mail.body
    assert patient_mail.to == ["sam@example.com"]
    assert "(301) 555-0128" in patient_mail.body
    for mail in (clinic_mail, patient_mail):
        text = mail.subject + mail.body
        assert not [word for word in PRIVATE if word in text], text

    request.refresh_from_db()
    assert request.notified_at and request.confirmation_sent_at


def test_no_preference_requests_go_to_the_central_address(
    client, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.APPOINTMENT_CENTRAL_EMAIL = "frontdesk@central.example"
    submit(client, django_capture_on_commit_callbacks, clinic="", email="")
    run_worker()
    assert [mail.to for mail in mailoutbox] == [["frontdesk@central.example"]]
    assert mailoutbox[0].subject.endswith(", no preferred clinic")


def test_a_mail_outage_delays_notifications_but_loses_none(
    client, django_capture_on_commit_callbacks, mailoutbox, bowie, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    outage = mock.patch.object(
        EmailBackend, "send_messages", side_effect=smtplib.SMTPServerDisconnected("down")
    )
    with outage:
        first = submit(client, django_capture_on_commit_callbacks, clinic=bowie.pk)
        second = submit(client, django_capture_on_commit_callbacks, clinic="")
        run_worker()
        # Still in the admin as not notified, with the kind of error and a retry time.
        for request in (first, second):
            request.refresh_from_db()
            assert request.notified_at is None
            assert request.notification_error == "SMTPServerDisconnected"
            assert request.notify_after == timezone.now() + timedelta(minutes=1)
        time_machine.shift(timedelta(minutes=2))
        run_worker()  # the first retry fails too: the wait grows
        first.refresh_from_db()
        assert first.notification_attempts == 2
        assert first.notify_after == timezone.now() + timedelta(minutes=5)
    assert mailoutbox == []

    time_machine.shift(timedelta(minutes=6))  # mail is back
    run_worker()
    run_worker()  # nothing left to send: nothing is sent twice
    clinic_mails = [m for m in mailoutbox if m.subject.startswith("New appointment request")]
    assert sorted(m.subject for m in clinic_mails) == sorted(
        [
            f"New appointment request #{first.pk} for Bowie",
            f"New appointment request #{second.pk}, no preferred clinic",
        ]
    )
    assert AppointmentRequest.objects.awaiting_notification().count() == 0


def test_a_worker_that_dies_mid_task_leaves_the_request_to_the_next_sweep(
    client, django_capture_on_commit_callbacks, mailoutbox, bowie, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    request = submit(client, django_capture_on_commit_callbacks, clinic=bowie.pk, email="")

    def die(*args, **kwargs):
        raise SystemExit("worker killed")  # after the claim, before anything is sent

    with (
        mock.patch.object(notifications, "send_clinic_notification", side_effect=die),
        pytest.raises(SystemExit),
    ):
        notifications.deliver(request.pk)
    request.refresh_from_db()
    assert request.notified_at is None and mailoutbox == []

    # While the dead worker's lease lasts, a sweep leaves the request alone...
    assert enqueue_overdue_notifications() == 0
    # ...and once it has run out, the sweep queues it again: sent once, and only once.
    time_machine.shift(notifications.lease() + timedelta(seconds=1))
    assert enqueue_overdue_notifications() == 1
    run_worker()
    assert enqueue_overdue_notifications() == 0
    run_worker()
    assert [m.subject for m in mailoutbox] == [f"New appointment request #{request.pk} for Bowie"]


def test_the_queue_check_fails_a_task_left_running_past_its_lease_and_queues_itself_once(
    bowie, time_machine
):
    """What appointments/tasks.py reads in django-tasks-db's rows, checked on its rows: a task a
    dead worker left "running" is marked failed once the lease is over, and the regular check
    is queued once however often it runs."""
    time_machine.move_to(timezone.now(), tick=False)
    left = deliver_notifications.enqueue(make_request(clinic=bowie).pk)
    DBTaskResult.objects.filter(pk=left.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    assert fail_abandoned_tasks() == 0  # its worker may still be at it
    time_machine.shift(notifications.lease() + timedelta(seconds=1))
    assert fail_abandoned_tasks() == 1
    assert deliver_notifications.get_result(left.id).status == TaskResultStatus.FAILED
    for _ in range(3):
        schedule_queue_check()
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert waiting.filter(task_path=look_after_the_queue.module_path).count() == 1


def test_two_workers_never_send_the_same_notification(bowie, mailoutbox):
    request = make_request(clinic=bowie)
    assert notifications.claim(request.pk) is True
    assert notifications.claim(request.pk) is False  # held by the first worker
    assert notifications.deliver(request.pk).outcome is notifications.Outcome.NOTHING_TO_SEND
    assert mailoutbox == []


def test_a_lost_queue_entry_is_recovered_by_the_sweep(
    client, django_capture_on_commit_callbacks, mailoutbox, bowie, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    broken_queue = mock.Mock(**{"enqueue.side_effect": RuntimeError("queue unavailable")})
    with mock.patch("appointments.submission.deliver_notifications", broken_queue):
        response_request = submit(client, django_capture_on_commit_callbacks, clinic=bowie.pk)
    # The patient still saw success, and the request is saved; with no task queued, a worker
    # alone sends nothing...
    run_worker()
    assert mailoutbox == []
    # ...until the sweep finds the request that owes its emails.
    time_machine.shift(timedelta(minutes=2))
    call_command("deliver_pending_notifications", verbosity=0)
    run_worker()
    clinic_mail = mailoutbox[0]
    assert clinic_mail.subject == f"New appointment request #{response_request.pk} for Bowie"


def test_each_email_has_its_own_message_id_kept_across_attempts(bowie, mailoutbox):
    first, second = make_request(clinic=bowie, email="a@example.com"), make_request(clinic=bowie)
    for request in (first, second):
        notifications.deliver(request.pk)
    AppointmentRequest.objects.filter(pk=first.pk).update(notified_at=None, notify_after=None)
    notifications.deliver(first.pk)  # a repeat, as after a worker died mid-send
    ids = [m.extra_headers["Message-ID"] for m in mailoutbox]
    clinic_first, patient_first, clinic_second, clinic_first_again = ids
    assert clinic_first == clinic_first_again
    assert len({clinic_first, patient_first, clinic_second}) == 3
    assert clinic_first.endswith("@www.foreverfitpt.example>")


def mail_outage():
    return mock.patch.object(
        EmailBackend, "send_messages", side_effect=smtplib.SMTPServerDisconnected("down")
    )


def test_when_mail_is_back_requests_waiting_on_a_long_backoff_go_out_within_a_minute(
    client, django_capture_on_commit_callbacks, mailoutbox, bowie, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    with mail_outage():
        waiting = submit(client, django_capture_on_commit_callbacks, clinic=bowie.pk, email="")
        # Four failed tries over an afternoon: the next wait is an hour.
        AppointmentRequest.objects.filter(pk=waiting.pk).update(notification_attempts=3)
        run_worker()
    waiting.refresh_from_db()
    assert waiting.notify_after == timezone.now() + timedelta(hours=1)

    # Mail is back; a new patient's request goes out at once...
    time_machine.shift(timedelta(seconds=30))
    submit(client, django_capture_on_commit_callbacks, clinic=bowie.pk, email="")
    run_worker()
    # ...and the one waiting for an hour follows it in the same run, not an hour later.
    subjects = sorted(m.subject for m in mailoutbox)
    assert f"New appointment request #{waiting.pk} for Bowie" in subjects
    assert len(subjects) == 2
    assert AppointmentRequest.objects.awaiting_notification().count() == 0


def test_staff_can_say_mail_is_back_and_send_now(
    client, django_capture_on_commit_callbacks, mailoutbox, bowie, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    with mail_outage():
        waiting = submit(client, django_capture_on_commit_callbacks, clinic=bowie.pk, email="")
        run_worker()
    assert AppointmentRequest.objects.waiting_to_retry().get() == waiting

    call_command("deliver_pending_notifications", "--now", verbosity=0)
    run_worker()
    assert [m.subject for m in mailoutbox] == [f"New appointment request #{waiting.pk} for Bowie"]
    waiting.refresh_from_db()
    assert waiting.notify_after is None and waiting.notification_error == ""


def test_a_gone_workers_claim_is_taken_back_and_a_live_workers_is_not(
    bowie, mailoutbox, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    held_by_live = make_request(clinic=bowie, email="")
    held_by_gone = make_request(clinic=bowie, email="")
    for request, worker in ((held_by_live, "live"), (held_by_gone, "gone")):
        with mock.patch.object(task_worker, "current_worker_id", worker):
            assert notifications.claim(request.pk)
    WorkerHeartbeat.objects.create(worker_id="gone", host="a", pid=1)
    time_machine.shift(task_worker.GONE_AFTER + timedelta(seconds=1))
    WorkerHeartbeat.objects.create(worker_id="live", host="b", pid=2)  # beat just now

    assert task_worker.take_over_from_gone_workers() == {"gone"}
    run_worker()
    assert [m.subject for m in mailoutbox] == [
        f"New appointment request #{held_by_gone.pk} for Bowie"
    ]
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["live"]
