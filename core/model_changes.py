"""One way to say "when staff change these models, do this": for the page cache and the cached
lists, which must forget what they hold whenever the content they show is saved or deleted."""

from collections.abc import Callable

from django.db.models.signals import m2m_changed, post_delete, post_save


def on_every_change(action: Callable[[], None], *models, name: str) -> None:
    """Call `action` after each save or delete of an object of these models, and after each
    change of a many-to-many table among them (`.set()`, `.add()`). Connected once per name and
    model, from an app's ready()."""

    def changed(**kwargs):
        action()

    for model in models:
        uid = f"{name}-{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-delete")
        # Sent only for a many-to-many table, Django's own or one of ours (`through=`), whose
        # add() writes rows without post_save.
        m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-m2m")
