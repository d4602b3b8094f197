"""A migration step for models whose fields django-modeltranslation translates."""

from django.db.migrations import RunPython
from django.db.models import F


def english_from_original(app_label: str, fields_by_model: dict[str, list[str]]) -> RunPython:
    """The step after adding `_en` and `_es` columns: what the original columns hold is the
    English version, copied into `_en` (the Spanish stays empty until someone writes it)."""

    def copy(apps, schema_editor):
        for model, fields in fields_by_model.items():
            copied = {f"{field}_en": F(field) for field in fields}
            apps.get_model(app_label, model).objects.update(**copied)

    return RunPython(copy, RunPython.noop)
