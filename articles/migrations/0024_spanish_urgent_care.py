"""The urgent-care callout in Spanish, written by us; staff edit it beside the English."""

from django.db import migrations

URGENT_CARE_TEXT = (
    "Algunos síntomas necesitan un médico hoy, no terapia física. Llame al 911 o vaya a la sala "
    "de emergencias más cercana si el dolor empezó después de una caída o un accidente, si un "
    "brazo o una pierna se debilita o se adormece de repente, si pierde el control de la vejiga "
    "o del intestino, o si además del dolor tiene dolor de pecho, fiebre o le cuesta respirar."
)


def spanish_callout(apps, schema_editor):
    apps.get_model("articles", "UrgentCareNotice").objects.filter(
        text_es__isnull=True
    ).update(text_es=URGENT_CARE_TEXT)


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_content_in_spanish")]

    operations = [migrations.RunPython(spanish_callout, migrations.RunPython.noop)]
