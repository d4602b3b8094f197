"""A new colleague adds a passkey in Chromium (a virtual authenticator stands in for the
fingerprint reader), signs out, and signs in again with password and passkey; the pages are
accessible and get screenshots at phone and desktop widths."""

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, SCREENSHOTS, open_page
from tests.e2e.test_every_page import AXE_OPTIONS

PASSWORD = "a-long-test-password"


def password_sign_in(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def assert_accessible(page):
    results = Axe().run(page, context="#content-main", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_a_colleague_adds_a_passkey_and_signs_in_with_it(
    browser, live_server, site, django_user_model, settings
):
    # Passkeys belong to a host name: the live server's is localhost.
    base_url = live_server.url.replace("127.0.0.1", "localhost")
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [base_url]
    dana = django_user_model.objects.create_user("dana", password=PASSWORD, is_staff=True)
    dana.groups.add(Group.objects.get(name="Front desk"))

    for width in (390, DESKTOP):
        page = open_page(browser, width)
        password_sign_in(page, base_url)
        expect(page.get_by_role("heading", name="Sign-in security")).to_be_visible()
        expect(
            page.get_by_role("img", name="QR code to add this account to your app")
        ).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"sign-in-security-{width}.png", full_page=True)
        if width == DESKTOP:
            assert_accessible(page)
        else:
            page.context.close()

    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Make recovery codes")).to_be_visible()  # the page came back
    assert WebAuthnCredential.objects.filter(user=dana, confirmed=True).count() == 1
    page.get_by_role("button", name="Make recovery codes").click()
    expect(page.get_by_text("shown only this once")).to_be_visible()
    expect(page.locator(".recovery-codes code")).to_have_count(10)
    page.screenshot(path=SCREENSHOTS / "recovery-codes-1280.png", full_page=True)
    page.get_by_role("button", name="Log out").click()

    password_sign_in(page, base_url)
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "second-factor-verify-1280.png", full_page=True)
    page.get_by_role("button", name="Use my passkey").click()
    expect(page.get_by_text("Welcome, dana", exact=False)).to_be_visible()
    index_title = "Articles, clinics and appointment requests"
    expect(page.get_by_role("heading", name=index_title)).to_be_visible()
    page.context.close()
