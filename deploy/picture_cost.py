"""What a picture upload costs the request that saves it (run by `make bench`): the checks and
re-encoding of the upload, then its renditions, for pictures up to the 40-megapixel cap, each
in a fresh process so that its peak memory is its own.

Prints one row per picture: megapixels, format, seconds to check and re-encode, seconds for the
renditions, the process's peak memory, and the request's total per megapixel.
"""

import json
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SIZES = [(2000, 1500), (4000, 3000), (6300, 6300)]  # 3, 12 and 40 megapixels
FORMATS = ["JPEG", "PNG"]

ONE = """
import io, json, os, resource, sys, time
import django
django.setup()
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from core import images

width, height, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
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
cleaned = images.clean_upload(SimpleUploadedFile("upload." + kind.lower(), data))
checked = time.perf_counter()
stored = default_storage.save("cost/upload." + kind.lower(), cleaned)

class Stored:  # what make_renditions is given: the model's file field
    name = stored
    def open(self, mode): self.file = default_storage.open(stored, mode)
    def __getattr__(self, attr): return getattr(self.file, attr)

images.make_renditions(Stored())
done = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"check": checked - started, "renditions": done - checked,
                  "peak_mb": peak / 1024, "added_mb": (peak - base) / 1024}))
"""


def main() -> None:
    print(
        "| Picture | Format | Check and re-encode | Renditions | Request in all | Per megapixel "
        "| Peak memory (added) |"
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
                # Our own script with our own arguments (bandit B603).
                result = subprocess.run(  # nosec B603
                    [sys.executable, "-c", ONE, str(width), str(height), kind],
                    cwd=PROJECT,
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                cost = json.loads(result.stdout.strip().splitlines()[-1])
                total = cost["check"] + cost["renditions"]
                megapixels = width * height / 1e6
                print(
                    f"| {width} x {height} ({megapixels:.0f} MP) | {kind} | {cost['check']:.2f} s "
                    f"| {cost['renditions']:.2f} s | {total:.2f} s | {total / megapixels:.3f} s "
                    f"| {cost['peak_mb']:.0f} MB ({cost['added_mb']:.0f} MB) |"
                )


if __name__ == "__main__":
    main()
