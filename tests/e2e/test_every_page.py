"""Every page type in Chromium, at phone and desktop widths: zero axe-core violations (WCAG 2.2
AA and best practice), no sideways scrolling, big enough targets and text, and a screenshot
in test-output/screenshots for people to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, open_page

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    }
}

PAGES = {
    "home": "/",
    "articles": "/articles/",
    "article": "/articles/sciatica/",
    "topic": "/articles/topics/back-pain/",
    "search": "/articles/search/?q=sciatica",
    "clinics": "/locations/",
    "clinic": "/locations/bowie/",
    "nearest-clinics": "/locations/?zip=20716",
    "request-form": "/request-appointment/",
    "not-found": "/no-such-page/",
    "privacy": "/privacy/",
    "first-visit": "/first-visit/",
    "team": "/team/",
    "clinician": "/team/dana-whitfield/",
    "insurance": "/insurance/",
    "accessibility": "/accessibility/",
}

LAYOUT_PROBLEMS = """() => {
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push(`scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
  }
  const visible = el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  for (const el of document.querySelectorAll("a, button, input, select, textarea, summary")) {
    if (!visible(el)) continue;
    // Links inside a sentence are exempt from the target size (WCAG 2.5.8).
    const inSentence = [...el.parentElement.childNodes].some(
      node => node !== el && node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (el.tagName === "A" && inSentence) continue;
    const box = el.getBoundingClientRect();
    if (box.height < 24 || box.width < 24) {
      const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
      problems.push(`small target ${size}: ${el.outerHTML.slice(0, 80)}`);
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) problems.push(`text at ${size}px: ${el.outerHTML.slice(0, 80)}`);
  }
  return [...new Set(problems)];
}"""


def check(page, name: str, width: int) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    problems = [
        f"{name} @{width}px axe {v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in results.response["violations"]
    ]
    if width == PHONE:
        problems += [f"{name} @{width}px {p}" for p in page.evaluate(LAYOUT_PROBLEMS)]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for picture in page.locator("img[loading=lazy]").all():  # as a reader scrolling down
        picture.scroll_into_view_if_needed()
        picture.evaluate("img => img.complete || new Promise(done => img.onload = done)")
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    return problems


def fill_request_form(page):
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Rivera")
    page.get_by_label("Phone number").fill("(410) 555-0199")
    page.get_by_label("Back pain or sciatica").check()
    page.get_by_label("New patient").check()
    page.get_by_label("I agree that Forever Fit may contact me").check()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_page_type_is_accessible_and_fits_the_screen(browser, live_server, site, width):
    page = open_page(browser, width)
    problems = []
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        problems += check(page, name, width)

    page.goto(live_server.url + "/request-appointment/")
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_selector(".error-summary")
    problems += check(page, "request-form-errors", width)

    fill_request_form(page)
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/thanks/")
    problems += check(page, "thanks", width)
    page.context.close()
    assert problems == [], "\n".join(problems)
