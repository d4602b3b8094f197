"""The clinic page's map: Maryland from the Census boundary npm's us-atlas ships, drawn by us
as inline SVG, each clinic placed from its coordinates and the page's own named."""

import json
import re
from pathlib import Path

import pytest
from pytest_django.asserts import assertContains

from locations.maryland_map import OUTLINE, rings_from_topojson
from tests.factories import make_clinic

pytestmark = pytest.mark.django_db
US_ATLAS = Path(__file__).resolve().parents[2] / "node_modules" / "us-atlas" / "states-10m.json"


def test_the_outline_is_marylands_from_the_census_boundary_package():
    if not US_ATLAS.exists():
        pytest.fail("npm ci installs us-atlas (make test does it first)")
    kept = json.loads(OUTLINE.read_text())
    assert kept["rings"] == rings_from_topojson(json.loads(US_ATLAS.read_text()))
    lons = [lon for ring in kept["rings"] for lon, _ in ring]
    lats = [lat for ring in kept["rings"] for _, lat in ring]
    # Maryland lies between about 79.5 and 75 degrees west, 37.9 and 39.7 degrees north.
    assert -79.6 < min(lons) < -79.4 and -75.1 < max(lons) < -75.0
    assert 37.8 < min(lats) < 38.0 and 39.7 < max(lats) < 39.8


def test_the_clinic_page_places_every_clinic_and_names_its_own(client):
    make_clinic(name="Frederick", slug="frederick", latitude="39.41427", longitude="-77.41054")
    make_clinic(name="Bowie", slug="bowie", latitude="38.94278", longitude="-76.73028")
    page = client.get("/locations/bowie/")
    assertContains(page, 'role="img" aria-label="Map of Maryland: Bowie among our clinics"')
    svg = page.content.decode().split('<svg class="map"')[1].split("</svg>")[0]
    assert "<text" in svg and ">Bowie</text>" in svg and "Frederick" not in svg
    (others,) = re.findall(r'<circle class="map__clinic" cx="([\d.]+)" cy="([\d.]+)"', svg)
    (here,) = re.findall(r'--here"><circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    # Frederick is north-west of Bowie: further left, and higher up.
    assert float(others[0]) < float(here[0]) and float(others[1]) < float(here[1])
    assert "http" not in svg.replace("http://www.w3.org", "")  # nothing fetched
