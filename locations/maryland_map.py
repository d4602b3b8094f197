"""The clinics on a map of Maryland, drawn by us as inline SVG: no tiles, no script.

The outline is the US Census Bureau's cartographic state boundary (public domain), as npm's
`us-atlas` package ships it (states-10m.json, TopoJSON, pinned in package-lock.json).
`manage.py make_maryland_outline` decodes Maryland from it into maryland.json beside this file
(a few kilobytes, kept in the repository so the site needs no npm); a test checks that file is
still what the package says.
"""

import json
from functools import cache
from math import cos, radians
from pathlib import Path

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

OUTLINE = Path(__file__).with_name("maryland.json")
MARYLAND = "24"  # its FIPS code, the TopoJSON geometry's id
WIDTH = 640  # the drawing's own units; it scales to its box


def rings_from_topojson(topology: dict, state_id: str = MARYLAND) -> list[list[list[float]]]:
    """A state's outer and inner rings as [longitude, latitude] lists, from a quantized,
    delta-encoded TopoJSON topology (the TopoJSON specification, section 2.1)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(
                [round(x * scale[0] + translate[0], 5), round(y * scale[1] + translate[1], 5)]
            )
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)  # arcs share their end points
        return points

    (state,) = [g for g in topology["objects"]["states"]["geometries"] if g["id"] == state_id]
    polygons = state["arcs"] if state["type"] == "MultiPolygon" else [state["arcs"]]
    return [ring(indexes) for polygon in polygons for indexes in polygon]


@cache
def _outline() -> tuple[list, tuple[float, float, float, float]]:
    rings = json.loads(OUTLINE.read_text())["rings"]
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    return rings, (min(lons), max(lons), min(lats), max(lats))


def _projection():
    """Longitude and latitude to the drawing's x and y: equirectangular, its width shrunk by
    the cosine of Maryland's middle latitude, which is true enough across one state."""
    _, (west, east, south, north) = _outline()
    squeeze = cos(radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = (north - south) * scale

    def project(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) * squeeze * scale, (north - lat) * scale)

    return project, height


@cache
def _outline_path() -> str:
    project, _ = _projection()
    rings, _ = _outline()
    return " ".join(
        "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in ring)) + "Z"
        for ring in rings
    )


def clinics_map(clinics, current=None) -> str:
    """An SVG of Maryland with a dot for each clinic (the current one larger and labelled)."""
    project, height = _projection()
    dots = []
    for clinic in clinics:
        x, y = project(float(clinic.longitude), float(clinic.latitude))
        here = current is not None and clinic.pk == current.pk
        dots.append((x, y, clinic.name, here))
    # Three clinics sit within 15 miles of each other: only the page's own is named.
    marks = format_html_join(
        "",
        '<circle class="map__clinic" cx="{}" cy="{}" r="8"></circle>',
        ((f"{x:.1f}", f"{y:.1f}") for x, y, _, here in dots if not here),
    )
    marks += format_html_join(
        "",
        '<g class="map__clinic map__clinic--here"><circle cx="{}" cy="{}" r="13"></circle>'
        '<text x="{}" y="{}">{}</text></g>',
        (
            (f"{x:.1f}", f"{y:.1f}", f"{x + 18:.1f}", f"{y + 8:.1f}", name)
            for x, y, name, here in dots
            if here
        ),
    )
    label = (
        gettext("Map of Maryland: %(clinic)s among our clinics") % {"clinic": current.name}
        if current is not None
        else gettext("Map of Maryland with our clinics")
    )
    return format_html(
        '<svg class="map" viewBox="-10 -10 {} {}" role="img" aria-label="{}">'
        '<path class="map__state" d="{}"></path>{}</svg>',
        WIDTH + 140,
        f"{height + 20:.0f}",
        label,
        mark_safe(_outline_path()),  # nosec B308, B703: numbers we formatted ourselves
        marks,
    )
