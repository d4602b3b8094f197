"""What a picture upload costs (run by `make bench`): the request that saves it (checks,
re-encoding, the smallest rendition) and the task worker's part (the other renditions), for
pictures up to the 40-megapixel cap, each part in a fresh process so that its peak memory is
its own.

Prints one row per picture: megapixels, format, the request's seconds and peak memory, the
worker's seconds and peak memory.
"""

import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
REQUEST_BUDGET_SECONDS = 2.0  # an upload's response, whatever the accepted picture (README)
SIZES = [(2000, 1500), (4000, 3000), (6300, 6300)]  # 3, 12 and 40 megapixels
FORMATS = ["JPEG", "PNG"]

# One part of one picture's life, in a process of its own: "request" or "worker".
PART = """
import io, json, resource, sys, time
import django
django.setup()
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from core import images

width, height, kind, part = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
stored = "cost/upload." + kind.lower()

class Stored:  # what make_renditions is given: the model's file field
    name = stored
    def open(self, mode): self.file = default_storage.open(stored, mode)
    def __getattr__(self, attr): return getattr(self.file, attr)

if part == "request":
    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    for x in range(0, width, 40):  # lines and colour: not a blank page that compresses to nothing
        draw.line([(x, 0), (width - x, height)], fill=(x % 255, 90, 160), width=5)
    buffer = io.BytesIO()
    picture.save(buffer, kind, quality=90)
    data = buffer.getvalue()
    del picture, draw, buffer
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
if part == "request":
    cleaned = images.clean_upload(SimpleUploadedFile("upload." + kind.lower(), data))
    default_storage.delete(stored)
    default_storage.save(stored, cleaned)
    images.make_renditions(Stored(), images.rendition_widths(width)[:1])
else:
    kept = Image.open(default_storage.open(stored)).width
    images.make_renditions(Stored(), images.rendition_widths(kept)[1:])
done = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cost = {"seconds": done - started, "peak_mb": peak / 1024, "added_mb": (peak - base) / 1024}
print(json.dumps(cost))
"""


def part(width: int, height: int, kind: str, which: str, env: dict) -> dict:
    # Our own script with our own arguments (bandit B603).
    result = subprocess.run(  # nosec B603
        [sys.executable, "-c", PART, str(width), str(height), kind, which],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    print(
        "| Picture | Format | The request | Request per megapixel | Request's peak memory (added) "
        "| The worker's renditions | Worker's peak memory (added) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as media:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "forever_fit.settings",
            "DJANGO_ENV_FILE": "/dev/null",
            "DJANGO_DEBUG": "true",
            "DJANGO_MEDIA_ROOT": media,
        }
        for width, height in SIZES:
            for kind in FORMATS:
                request = part(width, height, kind, "request", env)
                worker = part(width, height, kind, "worker", env)
                megapixels = width * height / 1e6
                over = " (over budget)" if request["seconds"] > REQUEST_BUDGET_SECONDS else ""
                print(
                    f"| {width} x {height} ({megapixels:.0f} MP) | {kind} "
                    f"| {request['seconds']:.2f} s{over} | {request['seconds'] / megapixels:.3f} s "
                    f"| {request['peak_mb']:.0f} MB ({request['added_mb']:.0f} MB) "
                    f"| {worker['seconds']:.2f} s "
                    f"| {worker['peak_mb']:.0f} MB ({worker['added_mb']:.0f} MB) |"
                )


if __name__ == "__main__":
    main()
