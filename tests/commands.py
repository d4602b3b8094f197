"""`manage.py` in a process of its own, on a database and folders of its own, as an operator
runs it: for tests of commands that replace a database or migrate one made by older code."""

import os
import subprocess  # nosec B404
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def manage(*args, database: str, media, private=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("CACHE_URL", None)
    env.update(
        DJANGO_ENV_FILE="/dev/null",
        DJANGO_SECRET_KEY="test-only",
        DATABASE_URL=database,
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_PRIVATE_ROOT=str(private or Path(media).with_name(Path(media).name + "-private")),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
