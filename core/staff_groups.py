"""Staff groups with their permissions, made by the apps' data migrations."""

from django.contrib.auth.management import create_permissions


def grant(apps, app_label: str, group_name: str, codenames: list[str]) -> None:
    """Create the group if needed and give it these permissions of the app.

    Django makes permissions after all migrations have run; this makes the app's own first, so
    that a fresh database gets its groups in one `migrate`.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
