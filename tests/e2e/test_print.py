"""An article on paper, as patients print it for their exercises: the text and its pictures,
the clinics' phone numbers, no navigation or buttons; at most two pages per 800 words."""

import math
import re
from pathlib import Path

from demo.content import _with_in_text_picture
from tests.e2e.conftest import DESKTOP, SCREENSHOTS, open_page
from tests.factories import make_article

SCIATICA = Path(__file__).resolve().parents[2] / "demo" / "articles"


def test_an_article_prints_without_the_sites_chrome_on_few_pages(browser, live_server, site):
    article = make_article(
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
    page = open_page(browser, DESKTOP)
    page.goto(live_server.url + article.get_absolute_url())
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
    assert page.locator(".prose").is_visible()
    assert page.locator(".footer-clinics").is_visible()  # the numbers to call
    assert page.get_by_text("(301) 555-0128").first.is_visible()
    words = len(page.locator(".prose").inner_text().split())
    pdf = page.pdf(format="Letter", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "article-print.pdf").write_bytes(pdf)
    page.context.close()
    assert words > 400  # a real article's length
    assert 1 <= pages <= 2 * math.ceil(words / 800), (words, pages)
