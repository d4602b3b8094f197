"""The demo's sciatica article as patients read it: on a phone, its first words within the
first screen and a half, the urgent-care note and contents still there; on paper (patients
print their exercises), the text, its pictures and the clinics' phone numbers, no navigation
or buttons, at most two pages per 800 words."""

import math
import re
from pathlib import Path

import pytest

from demo.content import _with_in_text_picture
from tests.e2e.conftest import DESKTOP, SCREENSHOTS, open_page
from tests.factories import make_article

SCIATICA = Path(__file__).resolve().parents[2] / "demo" / "articles"


@pytest.fixture
def sciatica(site):
    return make_article(
        title="Physical therapy for sciatica: what your visits will look like",
        slug="sciatica-demo",
        topic=site["topic"],
        author=site["article"].author,
        reviewer=site["article"].reviewer,
        last_reviewed="2026-11-01",
        summary="What a course of physical therapy for sciatica looks like.",
        show_urgent_care=True,
        body=_with_in_text_picture(
            (SCIATICA / "physical-therapy-for-sciatica.html").read_text(encoding="utf-8")
        ),
    )


def test_on_a_phone_the_article_starts_within_the_first_screen_and_a_half(
    browser, live_server, sciatica
):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(live_server.url + sciatica.get_absolute_url())
    first_words = page.locator(".prose p").first.bounding_box()
    assert first_words["y"] <= 1000, first_words
    assert page.get_by_role("complementary", name="When to get urgent care").is_visible()
    assert page.get_by_role("navigation", name="In this article").is_visible()
    # In our text face, not the system's (DejaVu on Linux).
    loaded = """() => document.fonts.ready.then(() => [...document.fonts]
        .filter(face => face.family.includes("Atkinson") && face.status === "loaded")
        .map(face => face.weight).sort())"""
    assert page.evaluate(loaded) == ["400", "700"]
    family = page.locator(".prose p").first.evaluate("p => getComputedStyle(p).fontFamily")
    assert family.startswith('"Atkinson Hyperlegible"')
    # The urgent-care warning once in the article, and the footer's own note.
    assert page.get_by_text("When to get urgent care").count() == 1
    page.context.close()


def test_an_article_prints_without_the_sites_chrome_on_few_pages(browser, live_server, sciatica):
    page = open_page(browser, DESKTOP)
    page.goto(live_server.url + sciatica.get_absolute_url())
    page.emulate_media(media="print")
    for part in (
        ".site-nav",
        ".site-header__cta",
        ".call-button",
        ".toc",
        ".cta",
        ".footer-links",
    ):
        assert page.locator(part).first.is_hidden(), part
    assert page.locator(".prose").first.is_visible()
    assert page.locator(".footer-clinics").is_visible()  # the numbers to call
    assert page.get_by_text("(301) 555-0128").first.is_visible()
    words = sum(len(part.split()) for part in page.locator(".prose").all_inner_texts())
    pdf = page.pdf(format="Letter", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "article-print.pdf").write_bytes(pdf)
    page.context.close()
    assert words > 400  # a real article's length
    assert 1 <= pages <= 2 * math.ceil(words / 800), (words, pages)
