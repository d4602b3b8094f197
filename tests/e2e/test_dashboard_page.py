"""The staff dashboard in Chromium at desktop and phone widths: axe and vnu clean, the chart
drawn and readable, its numbers one click away."""

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from demo.content import demo_requests
from tests.e2e.conftest import DESKTOP, SCREENSHOTS, open_page
from tests.e2e.test_every_page import AXE_OPTIONS
from tests.e2e.test_journeys import sign_in
from tests.e2e.test_valid_html import vnu_problems


def test_the_dashboard_reads_well_on_a_desktop_and_a_phone(
    browser, live_server, site, django_user_model, tmp_path
):
    manager = django_user_model.objects.create_user(
        "manager", password="a-long-test-password", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Practice managers"))
    assert demo_requests() == 180
    pages = {}
    page = open_page(browser, DESKTOP)
    sign_in(page, live_server, "manager")  # once: an app's code is accepted only once
    for width in (390, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/admin/")
        expect(page.get_by_role("heading", name="Request queue")).to_be_visible()
        chart = page.get_by_role("img", name="Requests per clinic per week")
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box["width"] >= 300, "the chart keeps a readable size"
        assert page.locator(".dashboard-svg rect").count() > 12
        page.get_by_text("The numbers").click()
        expect(page.get_by_role("columnheader", name="Bowie")).to_be_visible()
        results = Axe().run(page, context=".dashboard", options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
        wide = page.evaluate("document.querySelector('.dashboard').scrollWidth")
        assert wide <= width, f"the dashboard scrolls sideways at {width} px ({wide} px)"
        page.screenshot(path=SCREENSHOTS / f"dashboard-{width}.png", full_page=True)
        pages[f"dashboard-{width}"] = page.content().encode()
    page.context.close()
    problems = vnu_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)
