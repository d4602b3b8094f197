import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from locations.maryland_map import OUTLINE, rings_from_topojson

SOURCE = Path(settings.BASE_DIR) / "node_modules" / "us-atlas" / "states-10m.json"


class Command(BaseCommand):
    help = "Write locations/maryland.json from npm's us-atlas (run `npm ci` first)."

    def handle(self, *args, **options):
        rings = rings_from_topojson(json.loads(SOURCE.read_text()))
        OUTLINE.write_text(
            json.dumps(
                {
                    "source": "us-atlas 3.0.1, states-10m.json: US Census Bureau cartographic "
                    "state boundary, 2017 (public domain)",
                    "rings": rings,
                },
                separators=(",", ":"),
            )
            + "\n"
        )
        points = sum(len(ring) for ring in rings)
        self.stdout.write(f"Wrote {OUTLINE.name}: {len(rings)} rings, {points} points.")
