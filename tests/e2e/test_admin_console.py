"""The admin screens staff use run cleanly under the site's Content-Security-Policy."""

from django.contrib.auth.models import Group

from tests.e2e.conftest import open_page
from tests.e2e.test_journeys import sign_in
from tests.factories import make_request


def test_admin_pages_log_no_errors_or_warnings(browser, live_server, site, django_user_model):
    manager = django_user_model.objects.create_superuser("manager", password="a-long-test-password")
    manager.groups.add(Group.objects.get(name="Practice managers"))
    request = make_request(clinic=site["bowie"], preferred_days=["mon"])
    page = open_page(browser, 1366)
    messages = []
    page.on(
        "console",
        lambda m: (
            messages.append(f"{page.url}: {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: messages.append(f"{page.url}: {e}"))
    sign_in(page, live_server, "manager")
    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{site['article'].pk}/change/",
        f"/admin/locations/clinic/{site['bowie'].pk}/change/",
        "/admin/appointments/appointmentrequest/",
        f"/admin/appointments/appointmentrequest/{request.pk}/change/",
        "/admin/pages/homepage/1/change/",
        "/admin/second-factor/security/",
        "/admin/auth/user/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # The article editor is there and usable: its toolbar drew and the body can take text.
    page.goto(live_server.url + "/admin/articles/article/add/")
    editor = page.locator(".field-body_en .ProseMirror[contenteditable=true]")
    assert editor.get_attribute("spellcheck") != "false"
    assert editor.bounding_box()["height"] >= 300
    # The heading menu's arrow is a glyph every system font has (the editor's own, U+23F7, is
    # an empty box in Linux's DejaVu).
    arrow = page.locator(".prose-menubar__selected").first
    assert arrow.evaluate("e => getComputedStyle(e, '::after').content") == '"▾"'
    page.context.close()
    assert messages == [], "\n".join(messages)
