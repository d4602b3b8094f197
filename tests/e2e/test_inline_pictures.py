"""An editor puts a picture into an article's text: "Insert a picture" › "Choose a
picture…" opens our chooser, a click fills in the address and description, and the published
page shows it, sized and responsive."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, InlinePicture
from demo.pictures import draw_topic_picture
from tests.e2e.conftest import SCREENSHOTS, open_page
from tests.e2e.test_journeys import sign_in
from tests.factories import run_worker


def test_an_editor_inserts_a_picture_from_the_chooser(
    browser, live_server, site, django_user_model
):
    editor = django_user_model.objects.create_user(
        "editor", password="a-long-test-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    picture = InlinePicture(alt="A therapist guiding a knee bend")
    picture.image.save("knee-bend.jpg", draw_topic_picture("knee-pain", size=(1000, 600)))
    run_worker()  # the worker makes its renditions while the editor writes
    article = site["article"]
    page = open_page(browser, 1280)
    sign_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    english = page.locator(".field-body_en")  # the Spanish version has an editor of its own
    english.locator(".ProseMirror[contenteditable=true] p").last.click()
    english.get_by_title("figure").click()
    dialog = page.locator("dialog[open]")
    # The dialog in plain words (static/js/editor-words.js), not the package's "Image URL".
    expect(dialog).to_contain_text("Insert a picture")
    expect(dialog.get_by_label("Picture address")).to_be_visible()
    expect(dialog).not_to_contain_text("Alternative Text")
    page.screenshot(path=SCREENSHOTS / "admin-picture-dialog-1280.png")
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Choose a picture…").click()
    chooser = opened.value
    chooser.wait_for_load_state()
    chooser.set_viewport_size({"width": 800, "height": 600})
    chooser.screenshot(path=SCREENSHOTS / "admin-picture-chooser-800.png", full_page=True)
    use = (
        chooser.get_by_role("listitem")
        .filter(has_text=picture.alt)
        .get_by_role("button", name="Use this picture")
    )
    expect(use).to_be_enabled()
    with chooser.expect_event("close"):
        # The chooser closes itself on this click: Playwright's own click can lose its answer
        # with the window (TargetClosedError, now and then), so the click comes from the page.
        use.evaluate("button => setTimeout(() => button.click())")
    expect(dialog.get_by_label("Description for people who cannot see it")).to_have_value(
        picture.alt
    )
    dialog.locator("input[name=caption]").fill("Bend only as far as is comfortable.")
    dialog.get_by_role("button", name="Insert").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    body = Article.objects.get(pk=article.pk).body
    assert (
        f'<figure><img src="{picture.src}" alt="A therapist guiding a knee bend" '
        'width="1000" height="600"><figcaption>Bend only as far as is comfortable.'
        "</figcaption></figure>"
    ) in body
    page.goto(live_server.url + article.get_absolute_url())
    shown = page.get_by_role("img", name="A therapist guiding a knee bend")
    shown.scroll_into_view_if_needed()
    expect(shown).to_be_visible()
    shown.evaluate("img => img.complete || new Promise(done => img.onload = done)")
    loaded = shown.evaluate("img => img.currentSrc")
    assert "/media/renditions/articles/in-text/knee-bend" in loaded and loaded.endswith(".webp")
    assert shown.evaluate("img => img.naturalWidth") > 0
    page.screenshot(path=SCREENSHOTS / "article-with-figure-1280.png", full_page=True)
    page.context.close()
