"""`make bench`: how fast the production set-up serves the key pages, measured on this machine.

It builds a throwaway site (the demo clinics and articles plus 10,000 more articles) on SQLite,
or on the PostgreSQL server named by DATABASE_URL (in a database of its own, dropped after);
starts the production configuration (gunicorn, DEBUG off) twice on free loopback ports, once
with the page cache off ("uncached") and once with it on ("Django cache"), and the shipped
nginx front (deploy/nginx/forever-fit-site.conf over plain HTTP) in front of the second; saves
the article page and serves it with nginx as a static file, the physical limit here. Then wrk
drives bounded load (16 connections) at each page and mode and one table is printed.

Every process it starts is stopped at the end, whatever happens. (bandit's nosec marks below:
the programs run are our own tools, manage.py, gunicorn, nginx and wrk, and the URLs opened are
our own servers on loopback: B404, B603, B607, B310.)
"""

import gzip
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess  # nosec B404
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ARTICLES = 10_000
CONNECTIONS, THREADS, SECONDS = 16, 2, 4
PAGES = {
    "home": "/",
    "article list": "/articles/",
    "article": "/articles/physical-therapy-for-sciatica/",
    "topic": "/articles/topics/back-pain/",
    "search": "/articles/search/?q=sciatica",
    # The worst case: three words in every one of the 10,000 generated articles, many times.
    "search, common words": "/articles/search/?q=back+heal+movement",
    # Nothing found as typed: the vocabulary's candidates, then the corrected search.
    "search, misspelt": "/articles/search/?q=sciatca",
    "clinic": "/locations/bowie/",
    "form": "/request-appointment/",
    # The same pages in Spanish (the 10,000 have a Spanish version too).
    "home (es)": "/es/",
    "article (es)": "/es/articles/fisioterapia-para-la-ciatica/",
    "search (es)": "/es/articles/search/?q=ciatica",
    # The worst case in Spanish: three words in every Spanish version, by their stems.
    "search (es), common words": "/es/articles/search/?q=espalda+sanar+movimiento",
    "search (es), misspelt": "/es/articles/search/?q=ciatca",
    "clinic (es)": "/es/locations/bowie/",
    "form (es)": "/es/request-appointment/",
}

SEED = f"""
import random
from articles.models import Article, Topic
from team.models import Clinician
from articles.search import refresh_search_index
from django.utils import timezone
from datetime import timedelta
topics, authors = list(Topic.objects.all()), list(Clinician.objects.all())
body = "".join(f"<h2>Part {{n}}</h2><p>" + "Movement helps the back heal. " * 40 + "</p>"
               for n in range(6))
body_es = "".join(f"<h2>Parte {{n}}</h2><p>" + "El movimiento ayuda a sanar la espalda. " * 40
                  + "</p>" for n in range(6))
now = timezone.now()
Article.objects.bulk_create(
    Article(title=f"Bench article {{n}}", slug=f"bench-{{n}}", topic=random.choice(topics),
            author=random.choice(authors), summary="A generated article for the benchmark.",
            body=body, status=Article.Status.PUBLISHED, publish_at=now - timedelta(hours=n),
            title_es=f"Artículo de prueba {{n}}", slug_es=f"prueba-{{n}}",
            summary_es="Un artículo generado para la prueba.", body_es=body_es)
    for n in range({ARTICLES})
)
refresh_search_index(Article.objects.filter(slug__startswith="bench-"))
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        # As autovacuum would soon after such a load: statistics for the planner, and the
        # search index's pending entries merged (unmerged, every search read all 10,000).
        cursor.execute("VACUUM ANALYZE")
"""

PROBE = """
import json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
pages = {pages}
client, result = Client(HTTP_HOST="127.0.0.1"), {{}}
for name, path in pages.items():
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    result[name] = len(queries)
print(json.dumps(result))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # nosec B310
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"Nothing answered at {url}") from None
            time.sleep(0.2)


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # nosec B603
        [PYTHON, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr}")
    return result.stdout


@contextmanager
def process(command: list[str], env: dict | None = None, cwd: Path = PROJECT):
    """Start a process (in its own group) and stop it, and its children, on the way out."""
    child = subprocess.Popen(  # nosec B603
        command,
        cwd=cwd,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield child
    finally:
        try:
            os.killpg(child.pid, signal.SIGTERM)  # its own session: the group id is its pid
            child.wait(timeout=15)
        except ProcessLookupError:
            child.wait()  # already gone (the scale check kills one on purpose)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def site_environment(work: Path, database: str, **settings: str) -> dict:
    """The production configuration of a throwaway site on loopback (no .env, no HTTPS
    redirect, its own files and database), with these settings on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_ENV_FILE="/dev/null",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DATABASE_URL=database,
        # wrk is one address: the search limit would answer it with the wait-a-minute page.
        SEARCH_RATE_LIMIT_PER_MINUTE="0",
        **settings,
    )
    return env


@contextmanager
def throwaway_database(work: Path):
    """A database of the bench's own: a SQLite file, or one on DATABASE_URL's server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{work / 'bench.sqlite3'}", "SQLite"
        return
    import psycopg

    server, name = url.rsplit("/", 1)[0], f"forever_fit_bench_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}", "PostgreSQL"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _cpu_fields(pid: int | str) -> list[str]:
    # /proc/PID/stat after the command name: utime, stime are fields 14-15, cutime, cstime 16-17.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def worker_cpu_seconds(master_pid: int) -> float:
    """User + system CPU of a gunicorn master's workers so far, the living and the recycled."""
    ticks = sum(int(f) for f in _cpu_fields(master_pid)[13:15])  # workers it has reaped
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        for pid in (task / "children").read_text().split():
            ticks += sum(int(f) for f in _cpu_fields(pid)[11:13])
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(url: str) -> dict:
    output = subprocess.run(  # nosec B603, B607
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def millis(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": millis("50"),
        "p99": millis("99"),
        "errors": errors + (int(bad.group(1)) if bad else 0),
        "socket_errors": re.search(r"Socket errors: .*", output).group(0) if errors else "",
        "non_2xx": int(bad.group(1)) if bad else 0,
        "requests": requests,
    }


def gzip_bytes(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310
        body = response.read()
        encoded = response.headers.get("Content-Encoding") == "gzip"
    return len(body) if encoded else len(gzip.compress(body))


def nginx_config(work: Path, app_ports: list[int], front_port: int, static_port: int) -> Path:
    site = PROJECT / "deploy" / "nginx" / "forever-fit-site.conf"
    config = work / "nginx.conf"
    config.write_text(f"""
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    types_hash_max_size 2048;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    upstream forever_fit_app {{
        {" ".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in app_ports)}
        keepalive 16;
    }}
    proxy_cache_path {work}/front-cache levels=1:2 keys_zone=forever_fit:10m max_size=1g
                     inactive=10m use_temp_path=off;
    # The shipped site configuration over plain HTTP (production adds TLS and HTTP/2 around
    # the same file: deploy/nginx/forever-fit.conf).
    server {{
        listen 127.0.0.1:{front_port};
        set $forever_fit_root {work};
        include {site};
    }}
    # The physical limit: nginx serving the saved article page as a file.
    server {{
        listen 127.0.0.1:{static_port};
        gzip on; gzip_types text/html;
        location / {{ root {work}/static-page; default_type text/html; }}
    }}
}}
""")
    return config


def main() -> None:
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: `make bench` installs it (Debian: {tool}).")
    started = time.monotonic()
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ff-bench-")))
        work.chmod(0o755)  # nginx's workers (www-data or nobody when started as root) read it
        database, engine = stack.enter_context(throwaway_database(work))
        env = site_environment(work, database)
        print(f"Building a site with {ARTICLES:,} extra articles ({engine})...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content")
        manage(env, "shell", "-c", SEED)
        manage(env, "collectstatic", "--noinput", "-v0")
        queries = {}
        for mode, seconds in (("uncached", "0"), ("cached", "600")):
            probe_env = {**env, "PAGE_CACHE_SECONDS": seconds}
            out = manage(probe_env, "shell", "-c", PROBE.format(pages=PAGES))
            queries[mode] = __import__("json").loads(out.strip().splitlines()[-1])

        ports = {name: free_port() for name in ("uncached", "cached", "front", "static")}
        masters = {}
        for mode, seconds in (("uncached", "0"), ("cached", "600")):
            app_env = {
                **env,
                "PAGE_CACHE_SECONDS": seconds,
                "GUNICORN_BIND": f"127.0.0.1:{ports[mode]}",
            }
            masters[mode] = stack.enter_context(
                process([str(Path(PYTHON).parent / "gunicorn"), "forever_fit.wsgi"], app_env)
            )
        for mode in ("uncached", "cached"):
            wait_for(f"http://127.0.0.1:{ports[mode]}/healthz")
        (work / "static-page").mkdir()
        article = f"http://127.0.0.1:{ports['cached']}{PAGES['article']}"
        with urllib.request.urlopen(article) as page:  # nosec B310
            (work / "static-page" / "article.html").write_bytes(page.read())
        config = nginx_config(work, [ports["cached"]], ports["front"], ports["static"])
        stack.enter_context(
            process(["nginx", "-p", str(work), "-c", str(config), "-g", "daemon off;"])
        )
        wait_for(f"http://127.0.0.1:{ports['static']}/article.html")

        print(
            f"Warming up, then measuring each page for {SECONDS} s at {CONNECTIONS} connections...",
            flush=True,
        )
        static = wrk(f"http://127.0.0.1:{ports['static']}/article.html")
        rows = []
        for name, path in PAGES.items():
            for mode, port in (
                ("uncached", ports["uncached"]),
                ("Django cache", ports["cached"]),
                ("nginx front cache", ports["front"]),
            ):
                url = f"http://127.0.0.1:{port}{path}"
                wrk_warm = subprocess.run(
                    ["wrk", "-t1", "-c2", "-d1s", url],  # nosec B603, B607
                    capture_output=True,
                )
                del wrk_warm
                master = masters["uncached" if mode == "uncached" else "cached"].pid
                cpu_before = worker_cpu_seconds(master)
                result = wrk(url)
                cpu = worker_cpu_seconds(master) - cpu_before
                result["cpu_ms"] = 1000 * cpu / max(1, result["requests"])
                result["queries"] = queries["uncached" if mode == "uncached" else "cached"][name]
                if mode == "nginx front cache":
                    result["queries"] = "-"
                result["bytes"] = gzip_bytes(f"http://127.0.0.1:{ports['front']}{path}")
                rows.append((name, mode, result))
        print_table(static, rows, engine)
    print(f"\nDone in {time.monotonic() - started:.0f} s; every process it started has stopped.")


def print_table(static: dict, rows: list, engine: str) -> None:
    cores = os.cpu_count()
    print(
        f"\n{cores} cores, {engine}, wrk {CONNECTIONS} connections x {SECONDS} s; "
        f"ratio = requests/s / nginx serving the article as a static file "
        f"({static['rps']:,.0f}/s, p99 {static['p99']:.1f} ms)\n"
    )
    header = (
        "page",
        "mode",
        "req/s",
        "ratio",
        "p50 ms",
        "p99 ms",
        "errors",
        "gzip B",
        "SQL/req",
        "CPU ms/req",
    )
    lines = [header]
    for name, mode, r in rows:
        lines.append(
            (
                name,
                mode,
                f"{r['rps']:,.0f}",
                f"{r['rps'] / static['rps']:.2f}",
                f"{r['p50']:.1f}",
                f"{r['p99']:.1f}",
                str(r["errors"]),
                str(r["bytes"]),
                str(r["queries"]),
                "-" if mode == "nginx front cache" else f"{r['cpu_ms']:.1f}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for i, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
