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

# The same page types in Spanish (the article at its own Spanish address).
SPANISH_PAGES = {
    f"{name}-es": "/es"
    + path.replace("/articles/sciatica/", "/articles/ciatica/").replace("?q=sciatica", "?q=ciatica")
    for name, path in PAGES.items()
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


# What a patient types and ticks, by the labels of each language's form.
FORM_LABELS = {
    "en": [
        "First name",
        "Last name",
        "Phone number",
        "Back pain or sciatica",
        "New patient",
        "I agree that Forever Fit may contact me",
        "Send my request",
    ],
    "es": [
        "Nombre",
        "Apellido",
        "Número de teléfono",
        "Dolor de espalda o ciática",
        "Paciente nuevo",
        "Acepto que Forever Fit se comunique conmigo",
        "Enviar mi solicitud",
    ],
}


def fill_request_form(page, language="en"):
    first, last, phone, reason, new, consent, _send = FORM_LABELS[language]
    page.get_by_label(first, exact=True).fill("Sam")
    page.get_by_label(last).fill("Rivera")
    page.get_by_label(phone).fill("(410) 555-0199")
    page.get_by_label(reason).check()
    page.get_by_label(new).check()
    page.get_by_label(consent).check()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_page_type_is_accessible_and_fits_the_screen(
    browser, live_server, site, width, language
):
    page = open_page(browser, width)
    problems = []
    prefix, suffix = ("", "") if language == "en" else ("/es", "-es")
    for name, path in (PAGES if language == "en" else SPANISH_PAGES).items():
        page.goto(live_server.url + path)
        problems += check(page, name, width)

    send = FORM_LABELS[language][-1]
    page.goto(live_server.url + prefix + "/request-appointment/")
    page.get_by_role("button", name=send).click()
    page.wait_for_selector(".error-summary")
    problems += check(page, "request-form-errors" + suffix, width)

    fill_request_form(page, language)
    page.get_by_role("button", name=send).click()
    page.wait_for_url("**/thanks/")
    problems += check(page, "thanks" + suffix, width)
    page.context.close()
    assert problems == [], "\n".join(problems)
