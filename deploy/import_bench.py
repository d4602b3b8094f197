"""`make bench-import`: how a large WordPress move-in goes on this machine. It writes an export of
about --megabytes MB (100 by default) from the WordPress-made fixture (tests/articles/
wordpress_site/export.xml): its posts repeated under new numbers, titles and slugs, every kind
of post body included; then imports it without pictures into a throwaway database (SQLite, or
PostgreSQL in a database of its own when DATABASE_URL names a server) in a process of its own,
and prints the posts imported per second and that process's peak memory, against the budgets:
at least 50 posts a second and under 300 MB. (bandit: our own manage.py is run, B404/B603.)
"""

import argparse
import re
import resource
import subprocess  # nosec B404
import tempfile
import time
from pathlib import Path

from bench import PROJECT, PYTHON, site_environment, throwaway_database

FIXTURE = PROJECT / "tests/articles/wordpress_site/export.xml"
POSTS_PER_SECOND, PEAK_MB = 50, 300
ITEM = re.compile(r"\t<item>.*?</item>\n", re.S)


def write_export(path: Path, megabytes: int) -> int:
    """The fixture's channel with its posts repeated until the file reaches the size; returns
    the number of posts written."""
    text = FIXTURE.read_text(encoding="utf-8")
    items = ITEM.findall(text)
    posts = [i for i in items if "<wp:post_type><![CDATA[post]]>" in i and "[publish]" in i]
    head, tail = text[: text.index(items[0])], text[text.rindex(items[-1]) + len(items[-1]) :]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        while out.tell() < megabytes * 1024 * 1024:
            for post in posts:
                written += 1
                number = 100_000 + written
                copy = re.sub(
                    r"<wp:post_id>\d+</wp:post_id>", f"<wp:post_id>{number}</wp:post_id>", post
                )
                copy = re.sub(
                    r"<wp:post_name><!\[CDATA\[(.*?)\]\]>",
                    rf"<wp:post_name><![CDATA[\1-{number}]]>",
                    copy,
                )
                copy = re.sub(r"<title>(.*?)</title>", rf"<title>\1 ({number})</title>", copy)
                copy = re.sub(r"<link>(.*?)/</link>", rf"<link>\1-{number}/</link>", copy)
                out.write(copy)
        out.write(tail)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    megabytes = parser.parse_args().megabytes
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        export = work / "export.xml"
        posts = write_export(export, megabytes)
        size = export.stat().st_size / 1024 / 1024
        with throwaway_database(work) as (database, engine):
            env = site_environment(work, database)
            manage = [PYTHON, "manage.py"]
            subprocess.run(
                [*manage, "migrate", "--noinput", "-v0"], cwd=PROJECT, env=env, check=True
            )  # nosec B603
            started = time.perf_counter()
            subprocess.run(
                [*manage, "import_wordpress", str(export)],
                cwd=PROJECT,
                env=env,  # nosec B603
                check=True,
                stdout=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rate = posts / seconds
        print("| Export | Posts | Engine | Time | Posts per second | Peak memory |")
        print("|---|---:|---|---:|---:|---:|")
        row = [f"{size:.0f} MB", f"{posts:,}", engine, f"{seconds:.0f} s", f"{rate:.0f}"]
        print("| " + " | ".join([*row, f"{peak:.0f} MB"]) + " |")
        verdict = "met" if rate >= POSTS_PER_SECOND and peak < PEAK_MB else "MISSED"
        print(f"Budget ({POSTS_PER_SECOND} posts/s, under {PEAK_MB} MB): {verdict}")


if __name__ == "__main__":
    main()
