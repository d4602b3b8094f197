"""`make chaos`: the production set-up with one fault at a time, while readers and patients
use the site, and a table of what they saw.

The set-up: gunicorn (the shipped configuration), the task worker, an SMTP relay on loopback, a
throwaway PostgreSQL database and Redis (database 11 of the local one, or CACHE_URL's server),
each reached through a proxy that can refuse or hang (tests/fault_proxy.py). For each fault, wrk
reads six public pages and the form for a few seconds while patients send the form one after
another; the fault starts a second in and ends a second before the load does.

Columns: GETs and how many were not 2xx/3xx; form posts, how many were told "received", how many
rows are stored, how many lost (told "received", not stored), and how long the site took to be
whole again after the fault ended (the cache answering, every notification sent, ...). Goal:
0 non-2xx and 0 lost under every fault but a database outage; 0 lost under that one too, where
the form says it was not sent and keeps what was typed.

Every process it starts is stopped, and its database dropped, at the end. (bandit's nosec
marks: the URLs opened are our own servers on loopback, B310; the programs run are ours, B603.)
"""

import asyncio
import os
import re
import signal
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import (  # noqa: E402
    PYTHON,
    free_port,
    manage,
    process,
    site_environment,
    throwaway_database,
    wait_for,
)
from scale_check import call, form_state  # noqa: E402

from tests.fault_proxy import FaultyProxy  # noqa: E402

LOAD_SECONDS = 8
PAGES = [
    "/",
    "/articles/",
    "/articles/physical-therapy-for-sciatica/",
    "/locations/",
    "/locations/bowie/",
    "/articles/search/?q=knee",
    "/request-appointment/",
]
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


class Relay:
    """An SMTP relay on loopback that can be switched off and on, and made slow."""

    def __init__(self):
        self.port = free_port()
        self.received = 0
        self.delay = 0.0
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.received += 1
        return "250 Message accepted"

    def up(self) -> None:
        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class Site:
    """The running set-up and the figures a phase reads from it."""

    def __init__(self, stack: ExitStack, env: dict, database: str, work: Path):
        self.stack, self.env, self.database, self.work = stack, env, database, work
        self.base = f"http://127.0.0.1:{urlsplit('//' + env['GUNICORN_BIND']).port}"
        self.worker: subprocess.Popen | None = None
        self.sent_names: list[str] = []

    def start_worker(self) -> None:
        self.worker = self.stack.enter_context(
            process(
                [PYTHON, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
                self.env,
            )
        )

    def kill_worker(self) -> None:
        os.killpg(self.worker.pid, signal.SIGKILL)

    def query(self, sql: str, params=()) -> list:
        with psycopg.connect(self.database, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def stored_names(self) -> list[str]:
        rows = self.query("SELECT last_name FROM appointments_appointmentrequest")
        return [name for (name,) in rows]

    def why_owing(self) -> str:
        rows = self.query(
            "SELECT notification_error, claimed_by <> '', notify_after > now(), count(*) "
            "FROM appointments_appointmentrequest WHERE status <> 'spam' AND (notified_at IS NULL"
            " OR (email <> '' AND confirmation_sent_at IS NULL)) GROUP BY 1, 2, 3"
        )
        return "; ".join(
            f"{n} owing (last error {error or 'none'}, claimed {claimed}, waiting {waiting})"
            for error, claimed, waiting, n in rows
        )

    def owing_email(self) -> int:
        return self.query(
            "SELECT count(*) FROM appointments_appointmentrequest "
            "WHERE status <> 'spam' AND (notified_at IS NULL"
            " OR (email <> '' AND confirmation_sent_at IS NULL))"
        )[0][0]

    def kill_app_connections(self) -> int:
        name = urlsplit(self.database).path.lstrip("/")
        return len(
            self.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
        )

    def health(self) -> str:
        try:
            return call(self.base + "/healthz")[1]
        except OSError:
            return ""


def send_forms(site: Site, label: str, stop: threading.Event, answers: list) -> None:
    """Patients, one after another: each loads the form and sends it under a name of its own."""
    n = 0
    while not stop.is_set():
        n += 1
        name = f"{label}-{n}"
        try:
            cookie, hidden = form_state(site.base + "/request-appointment/")
            data = {
                **hidden,
                "first_name": "Drill",
                "last_name": name,
                "phone": "(410) 555-0142",
                "email": "drill@example.com",
                "contact_method": "phone",
                "reason": "other",
                "patient_type": "new",
                "consent": "on",
                "website": "",
            }
            status, body, _ = call(site.base + "/request-appointment/", data, cookie)
        except OSError:
            status, body = 0, ""
        answers.append((name, status, "Your request was not sent" in body))
        time.sleep(0.1)


def run_load(site: Site, seconds: int) -> dict:
    script = site.work / "pages.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in PAGES))
    output = subprocess.run(  # nosec B603, B607
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", str(script), site.base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"requests": requests, "bad": errors + (int(bad.group(1)) if bad else 0)}


def until(condition, limit: float = 120.0) -> float:
    """Seconds until condition() holds (polled), or the limit."""
    started = time.monotonic()
    while not condition() and time.monotonic() - started < limit:
        time.sleep(0.2)
    return time.monotonic() - started


def phase(site: Site, number: int, name: str, start_fault, end_fault, recovered) -> dict:
    """Load and patients for LOAD_SECONDS; the fault from 1 s to LOAD_SECONDS - 1 s."""
    stop, answers = threading.Event(), []
    patients = threading.Thread(target=send_forms, args=(site, f"phase{number}", stop, answers))
    load: dict = {}
    loader = threading.Thread(target=lambda: load.update(run_load(site, LOAD_SECONDS)))
    loader.start()
    patients.start()
    time.sleep(1)
    start_fault()
    time.sleep(LOAD_SECONDS - 2)
    end_fault()
    ended = time.monotonic()
    # Whole again: from when `recovered` last became true (watched while the load runs on).
    whole_since: list[float | None] = [None]
    watching = threading.Event()
    watching.set()

    def watch():
        while watching.is_set():
            holds = recovered()
            if not holds:
                whole_since[0] = None
            elif whole_since[0] is None:
                whole_since[0] = time.monotonic()
            time.sleep(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    loader.join()
    stop.set()
    patients.join()
    until(recovered)
    time.sleep(0.5)
    watching.clear()
    watcher.join()
    if not recovered():
        print(f"    not whole again: {site.why_owing()}", flush=True)
    stored = site.stored_names()
    told = [n for n, status, _ in answers if status == 302]
    return {
        "fault": name,
        "gets": load["requests"],
        "bad_gets": load["bad"],
        "posts": len(answers),
        "received": len(told),
        "not_sent": sum(1 for _, _, not_sent in answers if not_sent),
        "other": sorted({s for _, s, ns in answers if s != 302 and not ns}),
        "stored": sum(1 for n, _, _ in answers if n in stored),
        "lost": sum(1 for n in told if n not in stored),
        "doubled": sum(1 for n, _, _ in answers if stored.count(n) > 1),
        "recovery": (whole_since[0] or time.monotonic()) - ended,
    }


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
    redis = urlsplit(os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/11")
    rows = []
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ff-chaos-")))
        work.chmod(0o755)
        database, _ = stack.enter_context(throwaway_database(work))
        db = urlsplit(database)
        redis_proxy = FaultyProxy((redis.hostname, redis.port or 6379))
        db_proxy = FaultyProxy((db.hostname, db.port or 5432))
        stack.callback(redis_proxy.close)
        stack.callback(db_proxy.close)
        relay = Relay()
        relay.up()
        stack.callback(relay.down)
        env = site_environment(
            work,
            db._replace(netloc=f"{db.netloc.split('@')[0]}@127.0.0.1:{db_proxy.port}").geturl(),
            CACHE_URL=f"redis://127.0.0.1:{redis_proxy.port}{redis.path or '/11'}",
            EMAIL_URL=f"smtp://127.0.0.1:{relay.port}",
            APPOINTMENT_FORM_MIN_SECONDS="0",
            APPOINTMENT_RATE_LIMIT_PER_HOUR="100000",
            GUNICORN_BIND=f"127.0.0.1:{free_port()}",
            GUNICORN_WORKERS="4",
        )
        print("Building the site on PostgreSQL, with Redis as the shared cache...", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput", "-v0")
        site = Site(stack, env, database, work)
        stack.enter_context(
            process([str(Path(PYTHON).parent / "gunicorn"), "forever_fit.wsgi"], env)
        )
        wait_for(site.base + "/healthz")
        site.start_worker()

        def cache_ok():
            return "cache: ok" in site.health()

        def all_sent():
            return site.owing_email() == 0

        def nothing():
            return None

        print("Faults, one at a time:", flush=True)
        killer = {"stop": threading.Event()}

        def kill_connections_repeatedly():
            killer["stop"].clear()

            def loop():  # three failovers, two seconds apart
                while not killer["stop"].wait(2.0):
                    site.kill_app_connections()

            threading.Thread(target=loop, daemon=True).start()

        def restart_worker():
            site.kill_worker()
            site.start_worker()

        def slow_then_kill():
            relay.delay = 1.0  # the worker is mid-send most of the time
            time.sleep(1.5)
            restart_worker()

        faults = [
            ("none (for comparison)", nothing, nothing, all_sent),
            (
                "Redis refuses connections",
                lambda: redis_proxy.set_mode("refuse"),
                lambda: redis_proxy.set_mode("up"),
                cache_ok,
            ),
            (
                "Redis accepts and never answers",
                lambda: redis_proxy.set_mode("hang"),
                lambda: redis_proxy.set_mode("up"),
                cache_ok,
            ),
            (
                "PostgreSQL ends every app connection, 3 times",
                kill_connections_repeatedly,
                lambda: killer["stop"].set(),
                all_sent,
            ),
            ("Mail server down, then back", relay.down, relay.up, all_sent),
            (
                "Task worker killed mid-send, a new one started",
                slow_then_kill,
                lambda: setattr(relay, "delay", 0.0),
                all_sent,
            ),
            (
                "Database down (pages from the cache; the form says not sent)",
                lambda: db_proxy.set_mode("refuse"),
                lambda: db_proxy.set_mode("up"),
                lambda: "database: ok" in site.health(),
            ),
        ]
        for number, (name, start, end, recovered) in enumerate(faults):
            row = phase(site, number, name, start, end, recovered)
            rows.append(row)
            print(f"  {name}: done", flush=True)

    print()
    print(
        "| Fault | GETs | not 2xx/3xx | form posts | told received | not sent (said so) "
        "| other answers | stored | lost | stored twice | whole again after |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['fault']} | {r['gets']} | {r['bad_gets']} | {r['posts']} | {r['received']} "
            f"| {r['not_sent']} | {', '.join(map(str, r['other'])) or '-'} | {r['stored']} "
            f"| {r['lost']} | {r['doubled']} | {r['recovery']:.1f} s |"
        )
    failed = [
        r["fault"]
        for r in rows
        if r["lost"]
        or r["doubled"]
        or (r["bad_gets"] and not r["fault"].startswith("Database"))
        or (r["other"] and not r["fault"].startswith("Database"))
    ]
    if failed:
        print("\nFAILED: " + "; ".join(failed))
        raise SystemExit(1)
    print(
        "\nPASSED: no lost request, and no error a reader or patient saw but in a database outage."
    )


if __name__ == "__main__":
    main()
