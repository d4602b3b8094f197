"""The site's text face: the font package's own files (npm's @fontsource, pinned in
package-lock.json), each weight small, swapped in without hiding text, preloaded by every page."""

from pathlib import Path

import pytest
from pytest_django.asserts import assertContains

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "node_modules" / "@fontsource" / "atkinson-hyperlegible" / "files"
FONTS = ROOT / "static" / "fonts"
FACES = [
    "atkinson-hyperlegible-latin-400-normal.woff2",
    "atkinson-hyperlegible-latin-700-normal.woff2",
    "atkinson-hyperlegible-latin-400-italic.woff2",
]


def test_the_font_files_are_the_packages_own_and_small():
    if not PACKAGE.exists():
        pytest.fail("npm ci installs the font package (make test does it first)")
    for name in FACES:
        ours = (FONTS / name).read_bytes()
        assert ours == (PACKAGE / name).read_bytes(), name
        assert len(ours) < 40_000, name
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text()
    css = (ROOT / "static" / "css" / "site.css").read_text()
    assert css.count("font-display: swap") == len(FACES)
    assert '--font: "Atkinson Hyperlegible", system-ui' in css


@pytest.mark.django_db
def test_every_page_preloads_the_two_weights_it_shows_first(client):
    page = client.get("/")
    for weight in (400, 700):
        assertContains(
            page,
            f'<link rel="preload" href="/static/fonts/atkinson-hyperlegible-latin-{weight}-normal'
            '.woff2" as="font" type="font/woff2" crossorigin>',
            html=True,
        )
