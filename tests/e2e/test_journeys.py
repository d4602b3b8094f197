"""The three journeys that matter, end to end in Chromium."""

from datetime import timedelta

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from appointments.models import AppointmentRequest
from articles.models import Article
from tests.e2e.test_every_page import AXE_OPTIONS
from tests.factories import current_code, make_article, make_request

FOCUS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" || style.boxShadow !== "none";
}"""


def tab_to(page, selector: str, limit: int = 80) -> list[str]:
    """Press Tab until the focus reaches the selector; return the names focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE), "the focused element shows no focus indicator"
        seen.append(page.evaluate("document.activeElement.name || document.activeElement.id"))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"Tab never reached {selector}; focus went through {seen}")


def test_reader_goes_from_home_to_an_article_and_on_to_the_form(page, live_server, site):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Articles", exact=True).first.click()
    page.get_by_role("link", name="Physical therapy for sciatica").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Physical therapy for sciatica")

    page.get_by_role("navigation", name="In this article").get_by_role(
        "link", name="Treatments that help"
    ).click()
    assert page.url.endswith("#treatments-that-help")
    expect(page.locator("#treatments-that-help")).to_be_in_viewport()

    page.get_by_role("link", name="Request an appointment").last.click()
    expect(page.get_by_label("Back pain or sciatica")).to_be_checked()
    expect(page.locator("input[name=source]")).to_have_value("/articles/sciatica/")


def test_patient_completes_the_form_with_the_keyboard_alone(page, live_server, site):
    page.goto(live_server.url + "/request-appointment/")
    tab_to(page, "#id_first_name")
    page.keyboard.type("Sam")
    # Send at once: the other required answers are missing.
    order = tab_to(page, "button[type=submit]")
    fields = [name for n, name in enumerate(order) if n == 0 or order[n - 1] != name]
    assert fields[:7] == [
        "last_name",
        "phone",
        "email",
        "contact_method",
        "clinic",
        "clinician",
        "reason",
    ]
    page.keyboard.press("Enter")

    # The error summary takes the focus, and its links take the focus to the fields.
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Enter your last name.")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_last_name"
    page.keyboard.type("Rivera")
    tab_to(page, "#id_phone")
    page.keyboard.type("(410) 555-0199")
    tab_to(page, "input[name=reason]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=patient_type]")
    page.keyboard.press("Space")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/request-appointment/thanks/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, we have your request")
    saved = AppointmentRequest.objects.get()
    assert (saved.first_name, saved.last_name, saved.phone) == ("Sam", "Rivera", "+14105550199")


def test_the_note_says_how_much_room_is_left_and_thanks_needs_a_request(page, live_server, site):
    page.goto(live_server.url + "/request-appointment/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    note = page.get_by_label("Anything else we should know? (optional)")
    expect(page.locator("#id_note_count")).to_have_text("500 characters left")
    note.fill("Mornings only.")
    expect(page.locator("#id_note_count")).to_have_text("486 characters left")
    assert "id_note_count" in note.get_attribute("aria-describedby")


def sign_in(page, live_server, username: str, password: str = "a-long-test-password"):
    """Password, then the code of the authenticator app the account enrolled."""
    app, _ = TOTPDevice.objects.get_or_create(
        user=get_user_model().objects.get(username=username), confirmed=True
    )
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("6-digit code from your app").fill(current_code(app))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text(f"Welcome, {username}", exact=False)).to_be_visible()


def test_editor_writes_schedules_and_publishes_an_article(
    page, live_server, site, django_user_model
):
    editor = django_user_model.objects.create_user(
        "editor", password="a-long-test-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, live_server, "editor")

    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator("#id_title_en").fill("Ice or heat for a sore back?")
    page.locator("#id_topic").select_option(label="Back Pain")
    page.locator("#id_author").select_option(label="Dana Whitfield, PT, DPT")
    page.locator("#id_summary_en").fill("When each one helps, in two minutes.")
    editor_area = page.locator(".field-body_en .ProseMirror[contenteditable=true]")
    editor_area.click()
    page.keyboard.type("Heat relaxes tight muscles. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Ice calms a fresh injury.")
    page.locator("#id_status").select_option(label="Published")
    page.get_by_label("Publish without a medical review").check()
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.locator("#id_publish_at_0").fill(tomorrow.isoformat())
    page.locator("#id_publish_at_1").fill("08:00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(title="Ice or heat for a sore back?")
    assert article.slug == "ice-or-heat-for-a-sore-back"  # filled in from the title
    assert "Ice calms a fresh injury.</strong></p>" in article.body  # bold, from Ctrl+B
    assert page.goto(live_server.url + article.get_absolute_url()).status == 404  # scheduled

    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    page.locator("#id_publish_at_0").fill(timezone.localdate().isoformat())
    page.locator("#id_publish_at_1").fill("00:00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    response = page.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    expect(page.locator(".prose strong")).to_contain_text("Ice calms a fresh injury.")


def test_front_desk_works_their_clinics_requests_and_no_others(
    page, live_server, site, django_user_model
):
    desk = django_user_model.objects.create_user(
        "bowie-desk", password="a-long-test-password", is_staff=True
    )
    desk.groups.add(Group.objects.get(name="Front desk"))
    site["bowie"].front_desk.add(desk)
    ours = make_request(clinic=site["bowie"], last_name="Okafor", preferred_days=["tue"])
    theirs = make_request(clinic=site["crofton"], last_name="Lindqvist")
    sign_in(page, live_server, "bowie-desk")

    page.goto(live_server.url + "/admin/appointments/appointmentrequest/")
    expect(page.get_by_text("Lindqvist")).to_have_count(0)
    page.get_by_role("link", name=f"#{ours.pk}").click()
    # What the patient chose, in words, once, and nothing to change; no JSON anywhere.
    expect(page.locator(".field-days_wanted .readonly")).to_have_text("Tuesday")
    expect(page.get_by_role("checkbox", name="Tuesday")).to_have_count(0)
    expect(page.get_by_text('["tue"]')).to_have_count(0)
    page.get_by_label("Status").select_option(label="Contacted")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    ours.refresh_from_db()
    assert ours.status == AppointmentRequest.Status.CONTACTED

    page.goto(live_server.url + f"/admin/appointments/appointmentrequest/{theirs.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("doesn’t exist")
    expect(page.get_by_text("Lindqvist")).to_have_count(0)


def test_past_the_limit_the_patient_keeps_what_they_typed(page, live_server, site, settings):
    settings.APPOINTMENT_RATE_LIMIT_PER_HOUR = 0  # as if this connection had sent many already
    page.goto(live_server.url + "/request-appointment/")
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Okonkwo")
    page.get_by_label("Insurance (optional)").select_option(label="Aetna")
    page.get_by_label("Not in the list? Which plan is it? (optional)").fill("Cigna")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", name="Please call us instead")).to_be_visible()
    expect(page.get_by_label("Last name")).to_have_value("Okonkwo")
    expect(page.get_by_label("Insurance (optional)").locator("option:checked")).to_have_text(
        "Aetna"
    )
    expect(page.get_by_label("Not in the list? Which plan is it? (optional)")).to_have_value(
        "Cigna"
    )
    expect(page.locator("#call-us").get_by_role("link", name="(301) 555-0128")).to_be_visible()


def test_search_finds_an_article_whatever_apostrophe_is_typed(page, live_server, site):
    make_article(title="Runner’s knee: what helps", topic=site["topic"])
    page.goto(live_server.url + "/articles/")
    page.get_by_label("Search articles").fill("runner's knee")  # a typewriter apostrophe
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Runner’s knee: what helps")).to_be_visible()


def test_the_search_box_suggests_topics_and_articles_to_the_keyboard(page, live_server, site):
    make_article(title="Back to the garden", topic=site["topic"], status=Article.Status.DRAFT)
    page.goto(live_server.url + "/articles/")
    box = page.get_by_role("combobox", name="Search articles")
    box.press_sequentially("back", delay=40)
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    expect(options).to_have_count(2)  # the topic, then the published article (not the draft)
    expect(options.nth(0)).to_have_text("Back Pain Topic")
    expect(options.nth(1)).to_have_text("Lifting without hurting your back Article")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").last).to_have_text(
        "2 suggestions. Use the up and down arrows to choose."
    )
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [v["id"] for v in violations] == []
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "article-search-suggestions-1")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially(" pain", delay=40)  # "back pain": the topic alone
    expect(options).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(live_server.url + site["topic"].get_absolute_url())


def test_without_a_choice_enter_searches_as_before(page, live_server, site):
    page.goto(live_server.url + "/articles/")
    box = page.get_by_role("combobox", name="Search articles")
    box.press_sequentially("sciatca", delay=40)
    box.press("Enter")
    expect(page.get_by_text("Showing results for sciatica.")).to_be_visible()
    expect(page.get_by_role("link", name="Physical therapy for sciatica")).to_be_visible()
