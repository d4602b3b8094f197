"""The staff second factor: nothing in the admin before it, enrolment, recovery codes used once,
a manager's reset, and the demo's relaxed setting reported by the deploy check."""

import logging
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from forever_fit.checks import second_factor_required
from staff.models import RecoveryCode, RecoveryCodes
from tests.factories import current_code, make_request, make_staff, sign_in_staff

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-long"
REQUESTS = "/admin/appointments/appointmentrequest/"


@pytest.fixture
def coordinator():
    user = make_staff("coordinator", "Front desk")
    user.set_password(PASSWORD)
    user.save()
    return user


def password_only(user) -> Client:
    browser = Client()
    response = browser.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, "the password itself was accepted"
    return browser


def enrolled_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


@pytest.mark.parametrize(
    "path", ["/admin/", REQUESTS, "/admin/articles/article/", "/admin/auth/user/"]
)
def test_a_password_alone_opens_no_admin_page(coordinator, path):
    enrolled_app(coordinator)
    browser = password_only(coordinator)
    assertRedirects(browser.get(path), f"/admin/second-factor/?next={path.replace('/', '%2F')}")


def test_the_request_export_needs_the_second_factor_too(coordinator):
    enrolled_app(coordinator)
    make_request()
    response = password_only(coordinator).post(
        REQUESTS, {"action": "export_as_csv", "_selected_action": []}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/")
    assert "text/csv" not in response.get("Content-Type", "")


def test_a_new_colleague_enrols_an_app_with_a_server_drawn_qr_code_and_gets_recovery_codes(
    coordinator, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    browser = password_only(coordinator)
    response = browser.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/second-factor/security/")
    assertContains(response, '<svg role="img" aria-label="QR code to add this account')
    assertContains(response, "Add a passkey")
    pending = TOTPDevice.objects.get(user=coordinator, confirmed=False)

    wrong = browser.post("/admin/second-factor/security/", {"code": "000000", "next": "/admin/"})
    assertContains(wrong, "That code did not match")
    assert browser.get("/admin/").status_code == 302

    time_machine.shift(timedelta(seconds=2))  # the pause after a wrong code
    codes_page = browser.post(
        "/admin/second-factor/security/", {"code": current_code(pending), "next": "/admin/"}
    )
    codes = re.findall(r"<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code>", codes_page.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "no-store" in codes_page["Cache-Control"]
    assertContains(codes_page, "shown only this once")
    assertContains(browser.get("/admin/"), "Welcome,")
    # Kept as password hashes only: no code appears in the database.
    stored = list(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert all(h.startswith("scrypt$") for h in stored)
    assert not any(code in h for code in codes for h in stored)


def test_each_recovery_code_signs_in_once(coordinator):
    enrolled_app(coordinator)
    codes = RecoveryCodes.issue(coordinator)
    first = password_only(coordinator)
    # Typed the way people type it: lower case, spaces instead of dashes.
    typed = codes[3].lower().replace("-", " ")
    response = first.post("/admin/second-factor/", {"code": typed, "next": "/admin/"}, follow=True)
    assertRedirects(response, "/admin/")
    assertContains(response, "You used a recovery code; 9 left")

    again = password_only(coordinator)
    refused = again.post("/admin/second-factor/", {"code": codes[3], "next": "/admin/"})
    assertContains(refused, "That code did not work")
    assert again.get("/admin/").status_code == 302


def test_wrong_codes_in_a_row_slow_the_next_tries_down(coordinator, time_machine, caplog):
    time_machine.move_to(timezone.now(), tick=False)
    app = enrolled_app(coordinator)
    browser = password_only(coordinator)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            browser.post("/admin/second-factor/", {"code": "123456"})
    assert "Second factor failed for coordinator" in caplog.text
    # Even the right code waits out the pause (4 seconds after the third failure).
    response = browser.post("/admin/second-factor/", {"code": current_code(app)})
    assertContains(response, "Too many wrong codes in a row")
    time_machine.shift(timedelta(seconds=5))
    assertRedirects(
        browser.post("/admin/second-factor/", {"code": current_code(app)}),
        "/admin/",
        fetch_redirect_response=False,
    )


def test_nobody_adds_or_changes_factors_with_a_password_alone_once_enrolled(coordinator):
    enrolled_app(coordinator)
    browser = password_only(coordinator)
    assert browser.get("/admin/second-factor/security/")["Location"].startswith(
        "/admin/second-factor/?next="
    )
    assert browser.post("/admin/second-factor/security/recovery-codes/").status_code == 403
    begin = browser.post(
        "/admin/second-factor/passkeys/registration/begin/", content_type="application/json"
    )
    assert begin.status_code == 403
    assert not RecoveryCodes.objects.filter(user=coordinator).exists()


def test_a_practice_manager_resets_a_colleagues_factor_and_the_admin_log_records_it(
    client, coordinator
):
    enrolled_app(coordinator)
    RecoveryCodes.issue(coordinator)
    colleague_desk = Client()
    sign_in_staff(colleague_desk, coordinator)  # an open, verified session elsewhere
    manager = make_staff("manager", "Practice managers")
    sign_in_staff(client, manager)

    users = client.get("/admin/auth/user/")
    assertContains(users, "Reset second factor")
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [coordinator.pk]},
        follow=True,
    )
    assertContains(response, "Second factor reset for coordinator")
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not RecoveryCodes.objects.filter(user=coordinator).exists()
    entry = LogEntry.objects.get(object_id=str(coordinator.pk))
    assert (entry.user, entry.get_change_message()) == (manager, "Reset the second factor.")
    # The colleague's open session lost its verification: they enrol again.
    assert colleague_desk.get("/admin/")["Location"].startswith("/admin/second-factor/security/")


def test_nobody_resets_their_own_factor_and_the_front_desk_cannot_reset_at_all(client, coordinator):
    manager = make_staff("manager", "Practice managers")
    sign_in_staff(client, manager)
    response = client.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [manager.pk]},
        follow=True,
    )
    assertContains(response, "You cannot reset your own second factor")
    assert TOTPDevice.objects.filter(user=manager).exists()

    desk = Client()
    sign_in_staff(desk, coordinator)
    assert desk.get("/admin/auth/user/").status_code == 403


def test_a_new_password_does_not_skip_the_second_factor(coordinator):
    enrolled_app(coordinator)
    coordinator.set_password("a-brand-new-long-password")
    coordinator.save()
    browser = Client()
    browser.post(
        "/admin/login/", {"username": "coordinator", "password": "a-brand-new-long-password"}
    )
    assert browser.get("/admin/")["Location"].startswith("/admin/second-factor/?next=")
    # And there is no e-mailed password reset that could sign anyone in.
    assertNotContains(Client().get("/admin/login/"), "Forgotten your password")


def test_the_demo_setting_opens_the_admin_but_not_patients_requests(coordinator, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    browser = password_only(coordinator)
    assertContains(browser.get("/admin/"), "Welcome,")
    assert browser.get(REQUESTS)["Location"].startswith("/admin/second-factor/security/")
    [error] = second_factor_required(None)
    assert error.id == "forever_fit.E002"
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    assert second_factor_required(None) == []


def test_removing_a_factor_keeps_the_last_one(client, coordinator):
    sign_in_staff(client, coordinator)
    [app] = TOTPDevice.objects.filter(user=coordinator)
    response = client.post(f"/admin/second-factor/security/remove/{app.persistent_id}", follow=True)
    assertContains(response, "Add another app or passkey before removing your last one")
    assert TOTPDevice.objects.filter(pk=app.pk).exists()
    assertNotContains(client.get("/admin/second-factor/security/"), "QR code to add")


# Views anyone may open. Every other view is the admin's (behind its sign-in and the second
# factor) or a staff page marked with staff.second_factor.staff_view.
PUBLIC_VIEWS = {
    "pages.views.HomeView",
    "pages.views.robots_txt",
    "pages.views.security_txt",
    "pages.views.healthz",
    "pages.views.media",
    "django.contrib.flatpages.views.flatpage",
    "pages.views.site_page",
    "django.contrib.sitemaps.views.sitemap",
    "django.views.generic.base.RedirectView",  # favicon.ico
    "articles.views.ArticleListView",
    "articles.views.SearchView",
    "articles.views.search_suggestions",
    "articles.views.TopicView",
    "articles.views.ArticleDetailView",
    "articles.views.SharedPreviewView",  # a signed link for reviewers without an account
    "articles.feeds.LatestArticlesFeed",
    "articles.feeds.LatestArticlesAtomFeed",
    "articles.feeds.TopicFeed",
    "articles.feeds.TopicAtomFeed",
    "locations.views.ClinicListView",
    "team.views.TeamView",
    "team.views.ClinicianView",
    "insurance.views.InsuranceView",
    "locations.views.ClinicDetailView",
    "appointments.views.AppointmentRequestView",
    "appointments.views.ThanksView",
}


def every_view(patterns=None, prefix=""):
    """(route, view) for every URL pattern of the project, includes followed."""
    from django.urls import URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_view(entry.url_patterns, route)
        else:
            yield route, entry.callback


def view_name(callback) -> str:
    view = getattr(callback, "view_class", None) or callback
    if not hasattr(view, "__qualname__"):  # a feed: an instance
        view = type(view)
    return f"{view.__module__}.{view.__qualname__}"


def test_every_view_is_public_by_name_or_needs_a_verified_staff_session(settings):
    admin = settings.ADMIN_URL
    unguarded = [
        (route, view_name(callback))
        for route, callback in every_view()
        if not route.startswith(admin)
        and not getattr(callback, "staff_only", False)
        and view_name(callback) not in PUBLIC_VIEWS
    ]
    assert unguarded == []
    # The staff pages outside the admin are the ones we know of (a new one must be marked).
    marked = [route for route, callback in every_view() if getattr(callback, "staff_only", False)]
    assert marked == ["articles/preview/<int:pk>/"]


def test_the_draft_preview_needs_the_second_factor_and_hides_from_visitors(coordinator):
    from articles.models import Article
    from tests.factories import make_article

    draft = make_article(title="Unpublished advice", status=Article.Status.DRAFT)
    path = f"/articles/preview/{draft.pk}/"
    visitor = Client().get(path)
    assert visitor.status_code == 404
    assert b"/admin/" not in visitor.content  # the admin's address stays unknown

    editor = make_staff("ed", "Editors")
    editor.set_password(PASSWORD)
    editor.save()
    enrolled_app(editor)
    browser = password_only(editor)
    response = browser.get(path)
    assertRedirects(response, f"/admin/second-factor/?next={path.replace('/', '%2F')}")
    assertNotContains(response, "Unpublished advice", status_code=302)

    sign_in_staff(browser, editor)
    assertContains(browser.get(path), "Unpublished advice")


def test_a_sign_in_with_an_unsafe_next_lands_in_the_admin(coordinator):
    enrolled_app(coordinator)
    response = Client().post(
        "/admin/login/?next=https://evil.example/",
        {"username": "coordinator", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")
