"""Find the nearest clinic to a ZIP code, offline.

ZIP coordinates come from the `zipcodes` package, which ships the US ZIP table: no request
leaves the server and no third party learns where a patient lives.
"""

import math
import re
from dataclasses import dataclass

import zipcodes

EARTH_RADIUS_MILES = 3958.8
# Farther than this from every clinic, a ZIP is outside the area we serve.
SERVICE_AREA_MILES = 60
ZIP_PATTERN = re.compile(r"^(\d{5})(?:-?\d{4})?$")


@dataclass(frozen=True)
class Place:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float


def parse_zip(value: str) -> str | None:
    """Return the five-digit ZIP in '21114', '21114-1234' or ' 211141234 ', else None."""
    match = ZIP_PATTERN.match(value.strip())
    return match.group(1) if match else None


def find_place(zip_code: str) -> Place | None:
    """Return where a five-digit ZIP code is, or None if there is no such ZIP."""
    for row in zipcodes.matching(zip_code):
        if row.get("lat") and row.get("long"):
            return Place(
                zip_code=zip_code,
                city=row["city"].title(),
                state=row["state"],
                latitude=float(row["lat"]),
                longitude=float(row["long"]),
            )
    return None


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Straight-line (great-circle) distance in miles, by the haversine formula."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def by_distance(clinics, place: Place) -> list[tuple[object, float]]:
    """Return (clinic, miles) pairs, nearest first."""
    pairs = [
        (
            clinic,
            distance_miles(
                place.latitude, place.longitude, float(clinic.latitude), float(clinic.longitude)
            ),
        )
        for clinic in clinics
    ]
    return sorted(pairs, key=lambda pair: pair[1])
