from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = "Front desk"  # the admin's section: "Front desk › Appointment requests"

    def ready(self):
        from appointments.tasks import check_the_queue, take_back_from
        from core.page_cache import reads_query_parameters
        from core.task_worker import at_worker_start, when_workers_gone

        # A worker that starts sends what was lost before it; one that dies leaves nothing held.
        at_worker_start(check_the_queue)
        when_workers_gone(take_back_from)
        reads_query_parameters("clinic", "reason", "from")  # the form's prefill
