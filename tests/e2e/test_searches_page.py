"""What readers searched for, as an editor reads it in the admin, and the search pages that
answer a misspelling or a flood: axe and vnu clean."""

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import SearchCount
from tests.e2e.conftest import DESKTOP, SCREENSHOTS, open_page
from tests.e2e.test_every_page import AXE_OPTIONS
from tests.e2e.test_journeys import sign_in
from tests.e2e.test_valid_html import vnu_problems


def test_an_editor_reads_the_searches_and_starts_an_article_from_one(
    browser, live_server, site, django_user_model, tmp_path
):
    week = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday())
    SearchCount.objects.create(week=week, query="frozen shoulder", found=False, count=4)
    SearchCount.objects.create(week=week, query="sciatica", found=True, count=9)
    editor = django_user_model.objects.create_user(
        "editor", password="a-long-test-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    page = open_page(browser, DESKTOP)
    sign_in(page, live_server, "editor")
    page.get_by_role("link", name="Searches").first.click()
    nothing = page.get_by_role("table", name="Phrases that showed no article")
    expect(nothing.get_by_role("row", name="frozen shoulder 4")).to_be_visible()
    results = Axe().run(page, context="#content-main", options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=SCREENSHOTS / "admin-searches-1280.png", full_page=True)
    pages = {"admin-searches": page.content().encode()}
    nothing.get_by_role("link", name="Write an article about “frozen shoulder”").click()
    expect(page.locator("#id_title_en")).to_have_value("frozen shoulder")
    page.context.close()
    assert vnu_problems(pages, tmp_path) == []


def test_a_corrected_search_and_the_wait_a_minute_page_are_valid_and_accessible(
    browser, live_server, site, settings, tmp_path
):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    page = open_page(browser, DESKTOP)
    pages = {}
    for name, typed in (("search-corrected", "sciatca"), ("search-other", "lifting")):
        page.goto(live_server.url + f"/articles/search/?q={typed}")
        pages[name] = page.content().encode()
    expect(page.get_by_text("Showing results for")).to_have_count(0)
    page.goto(live_server.url + "/articles/search/?q=knee")  # the third uncached search
    expect(page.get_by_role("heading", name="Please wait a minute before searching again"))
    pages["search-limited"] = page.content().encode()
    for width in (360, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
    page.context.close()
    assert vnu_problems(pages, tmp_path) == []
