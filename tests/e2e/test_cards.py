"""Cards: one link target each, clear on hover and focus, and laid out without orphans."""

from playwright.sync_api import expect

from demo.pictures import draw_clinic_photo
from tests.e2e.conftest import open_page
from tests.factories import make_clinic


def test_a_click_anywhere_on_an_article_card_opens_the_article(browser, live_server, site):
    page = open_page(browser, 390)
    page.goto(live_server.url + "/articles/")
    card = page.locator(".card", has_text="Physical therapy for sciatica")
    links = card.get_by_role("link")
    expect(links).to_have_count(1)  # one target, not several underlined links
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 10, box["y"] + 10)  # the picture's corner
    expect(page.get_by_role("heading", level=1)).to_have_text("Physical therapy for sciatica")
    page.context.close()


def test_keyboard_focus_frames_the_whole_card(browser, live_server, site):
    page = open_page(browser, 1280)
    page.goto(live_server.url + "/articles/")
    page.locator(".card__link").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as :focus-visible needs
    outline = page.locator(".card").first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    page.context.close()


def test_clinic_cards_keep_call_and_request_as_their_own_targets(browser, live_server, site):
    page = open_page(browser, 390)
    page.goto(live_server.url + "/locations/")
    card = page.locator(".card", has_text="Bowie")
    call = card.get_by_role("link", name="(301) 555-0128")
    call.scroll_into_view_if_needed()
    box = call.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a').getAttribute('href')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit == "tel:+13015550128"
    card.get_by_role("link", name="Request an appointment in Bowie").click()
    expect(page.get_by_label("Preferred clinic")).to_have_value(str(site["bowie"].pk))
    page.context.close()


def test_five_clinics_share_one_row_on_a_wide_screen(browser, live_server, site):
    for name in ("Frederick", "Gaithersburg", "Severna Park"):
        make_clinic(name=name, slug=name.lower().replace(" ", "-"))
    page = open_page(browser, 1280)
    page.goto(live_server.url + "/locations/")
    tops = {
        round(box["y"])
        for box in (c.bounding_box() for c in page.locator(".clinic-cards .card").all())
    }
    assert len(tops) == 1
    page.context.close()


def test_clinic_and_team_pictures_keep_their_subject_in_frame_at_every_width(
    browser, live_server, site
):
    """A clinic's sign and door are drawn in the middle of a 3:2 front; a card may crop it to
    16:9 or, on a phone's row card, to a square, never to a slice narrower than that. A
    portrait is shown square, its face in the upper middle."""
    bowie = site["bowie"]
    bowie.photo.save("bowie.webp", draw_clinic_photo("Bowie"), save=False)
    bowie.photo_alt = "Our Bowie entrance"
    bowie.save()
    for width in (360, 390, 768, 1280):
        page = open_page(browser, width)
        page.goto(live_server.url + "/locations/")
        box = page.locator(".clinic-cards .card img").first.bounding_box()
        assert box["width"] / box["height"] >= 0.99, (width, box)
        page.goto(live_server.url + "/locations/bowie/")
        portrait = page.locator(".team-cards img").first.bounding_box()
        assert abs(portrait["width"] / portrait["height"] - 1) < 0.02, (width, portrait)
        page.context.close()
