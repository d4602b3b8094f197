import django.db.models.deletion
from django.db import migrations, models


def reason_to_topic(apps, schema_editor):
    """The old reason values were topic slugs; "other" (or a slug with no topic) becomes empty."""
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    Topic = apps.get_model("articles", "Topic")
    for topic in Topic.objects.all():
        AppointmentRequest.objects.filter(reason=topic.slug).update(reason_topic=topic)


def topic_to_reason(apps, schema_editor):
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    AppointmentRequest.objects.filter(reason_topic__isnull=True).update(reason="other")
    for request in AppointmentRequest.objects.filter(reason_topic__isnull=False).select_related(
        "reason_topic"
    ):
        AppointmentRequest.objects.filter(pk=request.pk).update(reason=request.reason_topic.slug)


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0002_staff_groups"),
        ("articles", "0004_topic_request_label"),
    ]

    operations = [
        migrations.AlterField(
            model_name="appointmentrequest",
            name="patient_type",
            field=models.CharField(
                choices=[("new", "New patient"), ("returning", "Returning patient")],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="appointmentrequest",
            name="reason_topic",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="articles.topic",
            ),
        ),
        # A default, so that going back can re-add the column to existing rows.
        migrations.AlterField(
            model_name="appointmentrequest",
            name="reason",
            field=models.CharField(default="other", max_length=20),
        ),
        migrations.RunPython(reason_to_topic, topic_to_reason),
        migrations.RemoveField(model_name="appointmentrequest", name="reason"),
        migrations.RenameField(
            model_name="appointmentrequest", old_name="reason_topic", new_name="reason"
        ),
        migrations.AlterField(
            model_name="appointmentrequest",
            name="reason",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty when the patient chose “something else”.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appointment_requests",
                to="articles.topic",
            ),
        ),
    ]
