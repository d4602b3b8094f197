from django.db import migrations, models

# The wording the appointment form used for each topic while the reasons were a fixed list in
# code (appointments.AppointmentRequest.Reason); existing topics keep it.
FORM_WORDING = {
    "back-pain": "Back pain or sciatica",
    "neck-shoulder": "Neck or shoulder pain",
    "knee-hip": "Knee or hip pain",
    "sports-injuries": "Sports injury",
    "after-surgery": "Recovery after surgery",
    "balance-falls": "Balance, dizziness or falls",
}


def keep_form_wording(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for slug, label in FORM_WORDING.items():
        Topic.objects.filter(slug=slug, request_label="").update(request_label=label)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_search_index_notice_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="request_label",
            field=models.CharField(
                blank=True,
                help_text="How the appointment form offers this topic as a reason for a visit, "
                "e.g. “Back pain or sciatica”. Empty: the topic's name.",
                max_length=80,
                verbose_name="on the request form as",
            ),
        ),
        migrations.RunPython(keep_form_wording, migrations.RunPython.noop),
    ]
