"""The header on a phone: compact, and every way on within one tap, without JavaScript."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("width", [360, 390])
def test_phone_header_is_compact_and_its_menu_works_without_javascript(
    browser, live_server, site, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/articles/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 120
    expect(header.get_by_role("link", name="Request an appointment")).to_be_visible()
    expect(header.get_by_role("link", name="Call (410) 555-0100")).to_be_visible()

    menu = header.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Clinics, hours and directions")).to_be_hidden()
    header.get_by_text("Menu").click()
    menu.get_by_role("link", name="Clinics, hours and directions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our clinics")
    context.close()


def test_desktop_header_is_one_row_with_the_number_written_out(browser, live_server, site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 80
    expect(header.get_by_text("Menu")).to_be_hidden()
    expect(header.get_by_role("link", name="Articles", exact=True)).to_be_visible()
    expect(header.get_by_role("link", name="Call (410) 555-0100")).to_have_text(
        "Call (410) 555-0100"
    )
    context.close()
